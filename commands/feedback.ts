import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';

/** 👍/👎 under an answer: stored so editors see which answers serve people and which do not. */
export const feedbackCommand = defineCommand({
  name: 'feedback',
  hidden: true,
  description: 'Rate an answer (sent by the 👍/👎 buttons)',
  examples: ['feedback'],
  options: z.object({
    fact: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .describe('The fact the answer came from'),
    vote: z.enum(['up', 'down']).describe('👍 or 👎'),
  }),
  async handle({ fact, vote }, { engine, invocation, insights }): Promise<Reply> {
    const answered = engine.story.factsById.get(fact);
    if (!answered)
      return {
        kind: 'error',
        body: 'That answer is no longer known; thanks anyway.',
        visibility: 'ephemeral',
      };
    await insights?.recordFeedback({
      platform: invocation.platform,
      userId: invocation.user.id,
      factId: fact,
      question: answered.questions[0] as string,
      vote,
      story: engine.story.slug,
    });
    return {
      kind: 'list',
      body:
        vote === 'up'
          ? 'Thanks — glad that helped. 👍'
          : 'Thanks — noted. Editors use this to improve the answers. 👎',
      visibility: 'ephemeral',
    };
  },
});
