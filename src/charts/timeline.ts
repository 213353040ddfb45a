import type { Story } from '../knowledge/load-story.ts';
import type { Fact } from '../knowledge/schema.ts';
import { frame, text } from './figures.ts';
import { fitText, wrapText } from './font.ts';
import { CHART_COLOURS, CHART_WIDTH, MIN_CHART_HEIGHT } from './style.ts';

/** The story's timeline: events with calendar dates in date order, then those the article dates only relative to itself, in its order. */
export interface TimelineEvents {
  dated: Fact[];
  relative: Fact[];
}

export function timelineEvents(story: Story): TimelineEvents {
  const events = story.facts.filter((f) => f.timeline && f.when);
  const dated = events
    .filter((f) => f.when?.iso)
    .sort((a, b) => (a.when?.iso ?? '').localeCompare(b.when?.iso ?? ''));
  // The article dates the rest only relative to itself ("Thursday", "earlier today"): keep its order.
  const relative = events
    .filter((f) => !f.when?.iso)
    .sort((a, b) => story.text.indexOf(a.quote) - story.text.indexOf(b.quote));
  return { dated, relative };
}

export const DATED_HEADING = 'With calendar dates, in date order';
export const RELATIVE_HEADING = 'Dated only relative to the article, in the order it reports them';

/** The alt text: every event with its date as the article words it, both sections named. */
export function timelineAltText(events: TimelineEvents, max = Number.POSITIVE_INFINITY): string {
  const line = (f: Fact) => `${f.when?.label}: ${f.timeline}`;
  const sections = [
    events.dated.length > 0 ? `${DATED_HEADING}: ${events.dated.map(line).join(' ')}` : '',
    events.relative.length > 0 ? `${RELATIVE_HEADING}: ${events.relative.map(line).join(' ')}` : '',
  ].filter(Boolean);
  const full = `Timeline of the story. ${sections.join(' ')}`;
  return full.length <= max ? full : `${full.slice(0, max - 1)}…`;
}

const MARGIN = 28;
const LINE_X = 44;
const LABEL_X = 64;
const LABEL_WIDTH = 180;
const EVENT_X = LABEL_X + LABEL_WIDTH + 16;
const EVENT_WIDTH = CHART_WIDTH - MARGIN - EVENT_X;
const SIZE = 15;
const LEADING = 20;

/**
 * The events as an SVG timeline: a solid line with filled marks for the dated ones, then a dashed line
 * with open marks for those dated only relative to the article, each section under its heading.
 */
export function timelineSvg(events: TimelineEvents, storyTitle: string): { svg: string; height: number } {
  const parts: string[] = [];
  let y = MARGIN + 26;
  parts.push(text(MARGIN, y, 'Timeline', 22, CHART_COLOURS.text, 'bold', 'start', 'title'));
  y += 22;
  parts.push(text(MARGIN, y, fitText(storyTitle, CHART_WIDTH - 2 * MARGIN, SIZE), SIZE, CHART_COLOURS.muted));
  y += 12;
  const sections = [
    { heading: DATED_HEADING, facts: events.dated, relative: false },
    { heading: RELATIVE_HEADING, facts: events.relative, relative: true },
  ].filter((s) => s.facts.length > 0);
  for (const section of sections) {
    y += 30;
    parts.push(text(MARGIN, y, section.heading, 16, CHART_COLOURS.text, 'bold', 'start', 'section'));
    y += 8;
    const top = y;
    const marks: string[] = [];
    for (const fact of section.facts) {
      const labels = wrapText(fact.when?.label ?? '', LABEL_WIDTH, SIZE, 'bold').slice(0, 3);
      const lines = wrapText(fact.timeline ?? '', EVENT_WIDTH, SIZE).slice(0, 4);
      const first = y + LEADING;
      marks.push(
        section.relative
          ? `<circle class="event relative" cx="${LINE_X}" cy="${first - 5}" r="6" fill="${CHART_COLOURS.background}" stroke="${CHART_COLOURS.mark}" stroke-width="2.5"/>`
          : `<circle class="event dated" cx="${LINE_X}" cy="${first - 5}" r="6" fill="${CHART_COLOURS.mark}"/>`,
      );
      labels.forEach((label, i) => {
        marks.push(
          text(LABEL_X, first + i * LEADING, label, SIZE, CHART_COLOURS.text, 'bold', 'start', 'when'),
        );
      });
      lines.forEach((line, i) => {
        marks.push(
          text(EVENT_X, first + i * LEADING, line, SIZE, CHART_COLOURS.text, 'regular', 'start', 'what'),
        );
      });
      y += Math.max(labels.length, lines.length) * LEADING + 10;
    }
    const dash = section.relative ? ' stroke-dasharray="6 5"' : '';
    parts.push(
      `<line x1="${LINE_X}" y1="${top + 8}" x2="${LINE_X}" y2="${y}" stroke="${CHART_COLOURS.mark}" stroke-width="2"${dash}/>`,
      ...marks,
    );
  }
  y += 24;
  parts.push(
    text(
      MARGIN,
      y,
      'Filled marks: dates the article gives. Open marks: dates only relative to the article, not to scale.',
      14,
      CHART_COLOURS.muted,
      'regular',
      'start',
      'note',
    ),
  );
  const height = Math.max(MIN_CHART_HEIGHT, Math.ceil(y + MARGIN));
  return { svg: frame(height, parts), height };
}
