import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';

const SHOWN = 15;

export const adminUnansweredCommand = defineCommand({
  group: 'admin',
  name: 'unanswered',
  adminOnly: true,
  description: 'The most-asked questions the article could not answer (admins)',
  examples: ['admin unanswered'],
  options: z.object({}),
  async handle(_options, { insights }): Promise<Reply> {
    if (!insights)
      return {
        kind: 'error',
        body: 'Question statistics are not enabled on this bot.',
        visibility: 'ephemeral',
      };
    const top = await insights.topUnanswered(SHOWN);
    if (top.length === 0) {
      return {
        kind: 'list',
        title: 'Unanswered questions',
        body: 'Every question so far was answered.',
        visibility: 'ephemeral',
      };
    }
    return {
      kind: 'list',
      title: 'Unanswered questions',
      body: `The ${top.length} most-asked questions the article could not answer — candidates for new facts:`,
      items: top.map((q) => ({
        label: `${q.count}×`,
        text: `“${q.example}” (last asked ${q.lastAsked.slice(0, 10)})`,
      })),
      visibility: 'ephemeral',
    };
  },
});
