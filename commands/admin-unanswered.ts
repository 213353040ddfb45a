import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { tenantOf } from '../src/insights/store.ts';

const SHOWN = 15;

export const adminUnansweredCommand = defineCommand({
  group: 'admin',
  name: 'unanswered',
  adminOnly: true,
  description: 'The most-asked questions the article could not answer (admins)',
  examples: ['admin unanswered'],
  options: z.object({}),
  async handle(_options, context): Promise<Reply> {
    const { insights, invocation } = context;
    if (!insights)
      return {
        kind: 'error',
        body: 'Question statistics are not enabled on this bot.',
        visibility: 'ephemeral',
      };
    // The questions are user text: a server's or workspace's admins see only its own. The console is
    // the bot's operator, who sees every tenant's, summed.
    const everyTenant = context.traits?.operator === true;
    if (!everyTenant && !invocation.scope) {
      // Questions asked with no server or workspace known (e.g. in DMs) belong to no admin.
      return {
        kind: 'error',
        body: `Run /${context.commandName} admin unanswered in a channel of your ${context.traits?.tenantNoun ?? 'server or workspace'}: it lists the questions asked there.`,
        visibility: 'ephemeral',
      };
    }
    const top = everyTenant
      ? await insights.topUnanswered(SHOWN)
      : await insights.topUnanswered(SHOWN, tenantOf(invocation));
    const where = everyTenant
      ? 'everywhere the bot runs'
      : `in this ${context.traits?.tenantNoun ?? 'server'}`;
    if (top.length === 0) {
      return {
        kind: 'list',
        title: 'Unanswered questions',
        body: `Every question asked so far ${where} was answered.`,
        visibility: 'ephemeral',
      };
    }
    return {
      kind: 'list',
      title: 'Unanswered questions',
      body: `The ${top.length} most-asked questions the article could not answer, ${where} — candidates for new facts:`,
      items: top.map((q) => ({
        label: `${q.count}×`,
        text: `“${q.example}” (last asked ${q.lastAsked.slice(0, 10)})`,
      })),
      visibility: 'ephemeral',
    };
  },
});
