import { Resvg } from '@resvg/resvg-js';
import type { ReplyImage } from '../core/reply.ts';
import type { Story } from '../knowledge/load-story.ts';
import { type FiguresChartData, figuresAltText, figuresOf, figuresSvg, figureWords } from './figures.ts';
import { FONT_FAMILY, FONT_FILES } from './font.ts';
import { type TimelineEvents, timelineAltText, timelineEvents, timelineSvg } from './timeline.ts';

/**
 * A picture of a reply, ready to attach: PNG bytes and what they show in words. Platform-blind: each
 * adapter only attaches the bytes (Discord an embed image, Slack a file upload, the console a file).
 */
export interface ChartImage extends ReplyImage {
  /** `figures:<topic id>` or `timeline`. */
  key: string;
  /** The picture before rasterising, for tests and for people reading it. */
  svg: string;
}

/** The picture as a reply carries it: the PNG and its words, without the SVG. */
export function asReplyImage(chart: ChartImage): ReplyImage {
  const { key: _key, svg: _svg, ...image } = chart;
  return image;
}

/** Discord allows 1,024 characters of attachment description, Slack 1,000 of alt text. */
export const ALT_TEXT_MAX = 1000;

/** Turns SVG into PNG with the bundled font only: the same picture on every machine. */
export function rasterise(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** Pictures already drawn, per story version: a reload makes new Story objects, and so new pictures. */
const cache = new WeakMap<Story, Map<string, ChartImage | null>>();

function cached(story: Story, key: string, draw: () => ChartImage | null): ChartImage | undefined {
  let charts = cache.get(story);
  if (!charts) {
    charts = new Map();
    cache.set(story, charts);
  }
  let chart = charts.get(key);
  if (chart === undefined) {
    chart = draw();
    charts.set(key, chart);
  }
  return chart ?? undefined;
}

/** The bar chart of a topic's percentage figures; undefined when the topic has none. */
export function figuresChart(story: Story, topicId: string): ChartImage | undefined {
  return cached(story, `figures:${topicId}`, () => {
    const data = figuresOf(story, topicId);
    return data ? drawFigures(story, data) : null;
  });
}

/** The timeline picture; undefined when the story has no dated events. */
export function timelineChart(story: Story): ChartImage | undefined {
  return cached(story, 'timeline', () => {
    const events = timelineEvents(story);
    return events.dated.length + events.relative.length > 0 ? drawTimeline(story, events) : null;
  });
}

function drawFigures(story: Story, data: FiguresChartData): ChartImage {
  const { svg, height } = figuresSvg(data, story.title);
  return {
    key: `figures:${data.topic.id}`,
    png: rasterise(svg),
    svg,
    width: 800,
    height,
    fileName: `${data.topic.id}-figures.png`,
    title: data.topic.name,
    alt: figuresAltText(data, ALT_TEXT_MAX),
    text: figuresText(data),
    command: `chart ${data.topic.id}`,
  };
}

function drawTimeline(story: Story, events: TimelineEvents): ChartImage {
  const { svg, height } = timelineSvg(events, story.title);
  return {
    key: 'timeline',
    png: rasterise(svg),
    svg,
    width: 800,
    height,
    fileName: 'timeline.png',
    title: 'Timeline',
    alt: timelineAltText(events, ALT_TEXT_MAX),
    text: timelineText(events),
    command: 'chart timeline',
  };
}

const TEXT_BAR_WIDTH = 24;

/**
 * The figures as a text bar chart around a zero axis: `▼`/`▲` and the words say the sign, the bar's
 * side says it again; a qualified figure's bar ends in `┄` (over: past it; nearly: short of it).
 */
export function figuresText(data: FiguresChartData): string {
  const bars = data.groups.flatMap((g) => g.bars);
  const most = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const hasDown = bars.some((b) => b.value < 0);
  const subjectWidth = Math.max(...bars.map((b) => b.subject.length));
  const lines = [
    `${data.topic.name}: percentage figures by period (${data.groups.length === 1 ? 'one group' : 'groups are not one series'})`,
  ];
  for (const group of data.groups) {
    lines.push(`  ${group.period ?? 'period not stated'}:`);
    for (const bar of group.bars) {
      const length = Math.max(1, Math.round((Math.abs(bar.value) / most) * TEXT_BAR_WIDTH));
      const body =
        bar.qualifier === 'over'
          ? `${'█'.repeat(length)}┄`
          : bar.qualifier === 'nearly'
            ? `${'█'.repeat(Math.max(0, length - 1))}┄`
            : '█'.repeat(length);
      const arrow = bar.direction === 'up' ? '▲' : bar.direction === 'down' ? '▼' : ' ';
      const words = `${arrow} ${figureWords(bar)}`;
      const left =
        bar.value < 0
          ? [...body]
              .reverse()
              .join('')
              .padStart(TEXT_BAR_WIDTH + 1)
          : ' '.repeat(hasDown ? TEXT_BAR_WIDTH + 1 : 0);
      const right = bar.value < 0 ? '' : body;
      lines.push(`    ${bar.subject.padEnd(subjectWidth)} ${left}│${right}  ${words}`);
    }
  }
  if (bars.some((b) => b.qualifier !== 'exact'))
    lines.push('  ┄ the article says “over” or “nearly”, without an exact figure');
  return lines.join('\n');
}

function timelineText(events: TimelineEvents): string {
  const lines: string[] = [];
  if (events.dated.length > 0) {
    lines.push('● with calendar dates, in date order');
    for (const f of events.dated) lines.push(`  ● ${f.when?.label} — ${f.timeline}`);
  }
  if (events.relative.length > 0) {
    lines.push('○ dated only relative to the article, in its order');
    for (const f of events.relative) lines.push(`  ○ ${f.when?.label} — ${f.timeline}`);
  }
  return lines.join('\n');
}

export { chartableTopics, mainFiguresTopic } from './figures.ts';
export { timelineEvents } from './timeline.ts';
