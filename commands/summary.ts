import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { summaryReply } from '../src/core/summary.ts';

export const summaryCommand = defineCommand({
  name: 'summary',
  description: 'The story in a few cited bullet points',
  examples: ['summary'],
  options: z.object({}),
  // A scheduled summary is titled with its day: "Monday 30 November — <story title>".
  handle: (_options, { engine, invocation }) =>
    summaryReply(engine, invocation.heading ? `${invocation.heading} — ${engine.story.title}` : undefined),
});
