import type { Story } from '../knowledge/load-story.ts';
import type { Fact, Figure, Topic } from '../knowledge/schema.ts';
import { escapeXml, FONT_FAMILY, fitText, textWidth, wrapText } from './font.ts';
import { CHART_COLOURS, CHART_WIDTH, MIN_CHART_HEIGHT } from './style.ts';

/** One bar: a percentage figure of the article, signed by its direction, with the sentence it comes from. */
export interface FigureBar {
  factId: string;
  /** What the figure is of ("the company's shares"). */
  subject: string;
  /** The figure as the article words it ("over 8%"). */
  text: string;
  /** The number, negative when the article says it went down. */
  value: number;
  qualifier: Figure['qualifier'];
  direction: Figure['direction'];
  /** The article's sentence the figure comes from. */
  sentence: string;
}

/** Bars of one period: a series of their own, never joined with another period's. */
export interface FigureGroup {
  /** The period as the article words it; undefined when the article gives none. */
  period: string | undefined;
  bars: FigureBar[];
}

export interface FiguresChartData {
  topic: Topic;
  groups: FigureGroup[];
}

/** The percentage figures of a topic's facts, grouped by period in the order the facts give them. */
export function figuresOf(story: Story, topicId: string): FiguresChartData | undefined {
  const topic = story.topicsById.get(topicId);
  if (!topic) return undefined;
  const groups: FigureGroup[] = [];
  const facts = story.facts.filter((f) => f.topics.includes(topicId));
  for (const fact of facts) {
    for (const figure of fact.figures ?? []) {
      if (figure.unit !== 'percent') continue;
      const bar = toBar(fact, figure);
      // Two facts quoting the same figure (a list and its item) give one bar.
      if (groups.some((g) => g.bars.some((b) => b.text === bar.text && b.subject === bar.subject))) continue;
      const group = groups.find((g) => g.period === figure.period);
      if (group) group.bars.push(bar);
      else groups.push({ period: figure.period, bars: [bar] });
    }
  }
  return groups.length > 0 ? { topic, groups } : undefined;
}

function toBar(fact: Fact, figure: Figure): FigureBar {
  return {
    factId: fact.id,
    subject: figure.subject ?? figure.label,
    text: figure.text,
    value: figure.direction === 'down' ? -figure.value : figure.value,
    qualifier: figure.qualifier,
    direction: figure.direction,
    sentence: fact.quote.replace(/\s+/g, ' ').trim(),
  };
}

/** Topics with percentage figures to chart, in the story's order. */
export function chartableTopics(story: Story): Topic[] {
  return story.topics.filter((t) => figuresOf(story, t.id) !== undefined);
}

/** The topic a scheduled summary's chart shows: the pack's choice, else the one with the most figures. */
export function mainFiguresTopic(story: Story): Topic | undefined {
  if (story.figuresTopic && figuresOf(story, story.figuresTopic))
    return story.topicsById.get(story.figuresTopic);
  let best: { topic: Topic; bars: number } | undefined;
  for (const topic of story.topics) {
    const bars = figuresOf(story, topic.id)?.groups.reduce((n, g) => n + g.bars.length, 0) ?? 0;
    if (bars > (best?.bars ?? 0)) best = { topic, bars };
  }
  return best?.topic;
}

/** How a bar's figure reads in words, its sign spelled out: "down over 8%", "up 16%", "61%". */
export function figureWords(bar: FigureBar): string {
  return bar.direction ? `${bar.direction} ${bar.text}` : bar.text;
}

function arrowOf(bar: FigureBar): string {
  return bar.direction === 'up' ? '▲ ' : bar.direction === 'down' ? '▼ ' : '';
}

function periodHeading(group: FigureGroup): string {
  const period = group.period ?? 'period not stated by the article';
  return period.charAt(0).toUpperCase() + period.slice(1);
}

const QUALIFIER_NOTE = {
  over: 'more than this; the article gives no exact figure',
  nearly: 'a little less than this; the article gives no exact figure',
} as const;

/** The alt text: every figure with its period and its source sentence; the sentences go first when it must be short. */
export function figuresAltText(data: FiguresChartData, max = Number.POSITIVE_INFINITY): string {
  const compose = (withSentences: boolean) => {
    const periods = data.groups.length;
    const head = `Bar chart, ${data.topic.name}: percentage figures from the article${
      periods > 1 ? `, in ${periods} groups by period, not one series` : ''
    }.`;
    const groups = data.groups.map((group) => {
      const bars = group.bars.map((bar) => {
        const note = bar.qualifier === 'exact' ? '' : ` (${QUALIFIER_NOTE[bar.qualifier]})`;
        const source = withSentences ? ` Source: “${bar.sentence}”` : '';
        return `${bar.subject}: ${figureWords(bar)}${note}.${source}`;
      });
      return `${periodHeading(group)}: ${bars.join(' ')}`;
    });
    return [head, ...groups].join(' ');
  };
  const full = compose(true);
  if (full.length <= max) return full;
  const short = compose(false);
  return short.length <= max ? short : `${short.slice(0, max - 1)}…`;
}

// Layout, in px of the 800-wide picture.
const MARGIN = 28;
const LABEL_RIGHT = 236;
const PLOT_LEFT = 252;
const PLOT_RIGHT = CHART_WIDTH - MARGIN;
const ROW = 40;
const BAR = 24;
const TEXT = 16;
const SMALL = 14;
const GROUP_HEADING = 34;
const GROUP_GAP = 14;
/** How far past its value a qualified bar's dashed end reaches, as a share of the scale. */
const QUALIFIED_END = 0.06;

/** The figures as an SVG bar chart: each period a group of its own, sign shown by direction, label and colour. */
export function figuresSvg(data: FiguresChartData, storyTitle: string): { svg: string; height: number } {
  const bars = data.groups.flatMap((g) => g.bars);
  const valueLabels = bars.map((b) => arrowOf(b) + figureWords(b));
  const labelRoom = Math.max(...valueLabels.map((l) => textWidth(l, TEXT, 'bold'))) + 10;
  const most = Math.max(0, ...bars.map((b) => b.value));
  const least = Math.min(0, ...bars.map((b) => b.value));
  const span = most - least || 1;
  // A qualified bar's dashed end reaches a little past its value: room for it on each side in use.
  const reach = span * QUALIFIED_END;
  const hi = most > 0 ? most + reach : 0;
  const lo = least < 0 ? least - reach : 0;
  const sides = (hi > 0 ? 1 : 0) + (lo < 0 ? 1 : 0);
  const scale = (PLOT_RIGHT - PLOT_LEFT - sides * labelRoom) / (hi - lo);
  const zero = PLOT_LEFT + (lo < 0 ? labelRoom : 0) - lo * scale;
  const x = (value: number) => zero + value * scale;

  const parts: string[] = [];
  const titleLines = wrapText(data.topic.name, CHART_WIDTH - 2 * MARGIN, 22, 'bold').slice(0, 2);
  let y = MARGIN;
  for (const line of titleLines) {
    y += 26;
    parts.push(text(MARGIN, y, line, 22, CHART_COLOURS.text, 'bold', 'start', 'title'));
  }
  const subtitle =
    data.groups.length > 1
      ? 'Percentage figures the article gives, grouped by period: each group is its own measure, not one series.'
      : 'Percentage figures the article gives, with their period.';
  for (const line of wrapText(subtitle, CHART_WIDTH - 2 * MARGIN, SMALL)) {
    y += 20;
    parts.push(text(MARGIN, y, line, SMALL, CHART_COLOURS.muted));
  }
  y += 14;
  const rows: string[] = [];
  /** Where each group's bars are, top and bottom: the axis and grid are drawn beside bars only. */
  const spans: [number, number][] = [];
  for (const [index, group] of data.groups.entries()) {
    if (index > 0) {
      y += GROUP_GAP / 2;
      rows.push(
        `<line class="separator" x1="${MARGIN}" y1="${y}" x2="${PLOT_RIGHT}" y2="${y}" stroke="${CHART_COLOURS.rule}" stroke-width="1"/>`,
      );
      y += GROUP_GAP / 2;
    }
    y += GROUP_HEADING - 10;
    const heading = fitText(periodHeading(group), PLOT_RIGHT - MARGIN, TEXT, 'bold');
    rows.push(text(MARGIN, y, heading, TEXT, CHART_COLOURS.text, 'bold', 'start', 'period'));
    y += 10;
    spans.push([y, y + group.bars.length * ROW]);
    for (const bar of group.bars) {
      const top = y + (ROW - BAR) / 2;
      const middle = y + ROW / 2 + TEXT * 0.35;
      const colour =
        bar.direction === 'down'
          ? CHART_COLOURS.down
          : bar.direction === 'up'
            ? CHART_COLOURS.up
            : CHART_COLOURS.level;
      const subject = fitText(bar.subject, LABEL_RIGHT - MARGIN - 12, TEXT);
      rows.push(text(LABEL_RIGHT, middle, subject, TEXT, CHART_COLOURS.text, 'regular', 'end', 'subject'));
      const end = x(bar.value);
      const left = Math.min(zero, end);
      const width = Math.abs(end - zero);
      const sign = Math.sign(bar.value) || 1;
      const attributes = `data-fact="${escapeXml(bar.factId)}" data-value="${bar.value}" data-qualifier="${bar.qualifier}"`;
      if (bar.qualifier === 'nearly') {
        // Solid up to a little short of the value, dashed to it: somewhere in the dashed end.
        const dashed = Math.min(width, reach * scale);
        const solid = width - dashed;
        const solidLeft = sign > 0 ? zero : end + dashed;
        rows.push(
          `<rect class="bar" ${attributes} x="${round(solidLeft)}" y="${top}" width="${round(solid)}" height="${BAR}" fill="${colour}"/>`,
          dashedBox(sign > 0 ? zero + solid : end, top, dashed, colour),
        );
      } else {
        rows.push(
          `<rect class="bar" ${attributes} x="${round(left)}" y="${top}" width="${round(width)}" height="${BAR}" fill="${colour}"/>`,
        );
        // "Over": the value, then a dashed end past it, open towards more.
        if (bar.qualifier === 'over')
          rows.push(dashedBox(sign > 0 ? end : end - reach * scale, top, reach * scale, colour));
      }
      const reachEnd = bar.qualifier === 'over' ? end + sign * reach * scale : end;
      const labelX = reachEnd + sign * 8;
      rows.push(
        text(
          labelX,
          middle,
          arrowOf(bar) + figureWords(bar),
          TEXT,
          labelColour(bar),
          'bold',
          sign > 0 ? 'start' : 'end',
          'value',
        ),
      );
      y += ROW;
    }
  }
  const ticks = tickValues(lo, hi).filter((t) => t !== 0);
  for (const [top, bottom] of spans) {
    for (const tick of ticks) {
      parts.push(
        `<line class="grid" x1="${round(x(tick))}" y1="${top}" x2="${round(x(tick))}" y2="${bottom}" stroke="${CHART_COLOURS.rule}" stroke-width="1" stroke-dasharray="2 3"/>`,
      );
    }
    parts.push(
      `<line class="zero" x1="${round(zero)}" y1="${top}" x2="${round(zero)}" y2="${bottom}" stroke="${CHART_COLOURS.axis}" stroke-width="2"/>`,
    );
  }
  parts.push(...rows);
  y += 20;
  for (const tick of [0, ...ticks]) {
    const label = tick === 0 ? '0%' : `${tick < 0 ? '−' : '+'}${Math.abs(tick)}%`;
    parts.push(text(x(tick), y, label, SMALL, CHART_COLOURS.muted, 'regular', 'middle', 'axis'));
  }
  if (bars.some((b) => b.qualifier !== 'exact')) {
    y += 22;
    parts.push(
      text(
        MARGIN,
        y,
        fitText(
          'Dashed end: the article says “over” or “nearly” that figure, without an exact number.',
          CHART_WIDTH - 2 * MARGIN,
          SMALL,
        ),
        SMALL,
        CHART_COLOURS.muted,
        'regular',
        'start',
        'note',
      ),
    );
  }
  y += 22;
  parts.push(
    text(
      MARGIN,
      y,
      fitText(`Source: ${storyTitle}`, CHART_WIDTH - 2 * MARGIN, SMALL),
      SMALL,
      CHART_COLOURS.muted,
      'regular',
      'start',
      'source',
    ),
  );
  const height = Math.max(MIN_CHART_HEIGHT, Math.ceil(y + MARGIN));
  return { svg: frame(height, parts), height };
}

/** Round values for grid lines between lo and hi: a step of 1, 2 or 5 times a power of ten, at most 6 of them. */
function tickValues(lo: number, hi: number): number[] {
  const span = hi - lo;
  if (span <= 0) return [];
  let step = 10 ** Math.floor(Math.log10(span));
  for (const factor of [0.1, 0.2, 0.5, 1, 2, 5]) {
    const candidate = 10 ** Math.floor(Math.log10(span)) * factor;
    if (span / candidate <= 6) {
      step = candidate;
      break;
    }
  }
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  // Only ticks within the bars' reach: none in the room kept for value labels.
  return ticks.filter((t) => t >= lo && t <= hi);
}

function labelColour(bar: FigureBar): string {
  return bar.direction === 'up'
    ? CHART_COLOURS.upText
    : bar.direction === 'down'
      ? CHART_COLOURS.downText
      : CHART_COLOURS.text;
}

function dashedBox(left: number, top: number, width: number, colour: string): string {
  return `<rect class="qualified" x="${round(left + 1)}" y="${top + 1}" width="${round(Math.max(0, width - 2))}" height="${BAR - 2}" fill="${colour}" fill-opacity="0.18" stroke="${colour}" stroke-width="2" stroke-dasharray="4 3"/>`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A line of text; `role` names what it is, for tests and for people reading the SVG. */
export function text(
  x: number,
  y: number,
  content: string,
  size: number,
  fill: string,
  weight: 'regular' | 'bold' = 'regular',
  anchor: 'start' | 'middle' | 'end' = 'start',
  role?: string,
): string {
  return `<text${role ? ` class="${role}"` : ''} x="${round(x)}" y="${round(y)}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight === 'bold' ? 700 : 400}" text-anchor="${anchor}" fill="${fill}">${escapeXml(content)}</text>`;
}

/** The whole picture: a white background and the parts. */
export function frame(height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}"><rect width="100%" height="100%" fill="${CHART_COLOURS.background}"/>${parts.join('')}</svg>`;
}
