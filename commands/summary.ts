import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import { summaryReply } from '../src/core/summary.ts';

export const summaryCommand = defineCommand({
  name: 'summary',
  description: 'The story in a few cited bullet points',
  examples: ['summary'],
  options: z.object({}),
  handle: (_options, { engine }) => summaryReply(engine),
});
