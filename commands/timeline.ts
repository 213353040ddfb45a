import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import type { ReplyItem } from '../src/core/reply.ts';

export const timelineCommand = defineCommand({
  name: 'timeline',
  description: 'The dated events of the story, in order',
  examples: ['timeline'],
  options: z.object({}),
  handle(_options, { engine }) {
    const { story } = engine;
    const events = story.facts.filter((f) => f.timeline && f.when);
    const dated = events
      .filter((f) => f.when?.iso)
      .sort((a, b) => (a.when?.iso ?? '').localeCompare(b.when?.iso ?? ''));
    // The article dates the rest only relative to itself ("Thursday", "earlier today"): keep its order.
    const relative = events
      .filter((f) => !f.when?.iso)
      .sort((a, b) => story.text.indexOf(a.quote) - story.text.indexOf(b.quote));
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
      visibility: 'channel',
    };
  },
});
