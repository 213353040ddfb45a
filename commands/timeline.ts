import { z } from 'zod';
import { asReplyImage, timelineChart, timelineEvents } from '../src/charts/charts.ts';
import { defineCommand } from '../src/core/command.ts';
import type { ReplyItem } from '../src/core/reply.ts';

export const timelineCommand = defineCommand({
  name: 'timeline',
  description: 'The dated events of the story, in order',
  examples: ['timeline'],
  options: z.object({}),
  handle(_options, { engine }) {
    const { story } = engine;
    // Calendar dates in date order, then the events the article dates only relative to itself, in its order.
    const { dated, relative } = timelineEvents(story);
    const chart = timelineChart(story);
    const items: ReplyItem[] = [...dated, ...relative].map((f) => ({
      label: f.when?.label,
      text: f.timeline as string,
      quote: f.quote,
    }));
    return {
      kind: 'list',
      title: 'Timeline',
      body: `${dated.length} events with calendar dates, then ${relative.length} the article dates only relative to its own publication, in the order it reports them.`,
      items,
      ...(chart ? { image: asReplyImage(chart) } : {}),
      visibility: 'channel',
    };
  },
});
