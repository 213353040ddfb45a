import { z } from 'zod';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';

/** Reloads the story packs without a restart: new stories, corrected facts. */
export const adminReloadCommand = defineCommand({
  group: 'admin',
  name: 'reload',
  adminOnly: true,
  description: 'Reload the stories and their facts without a restart (admins)',
  examples: ['admin reload'],
  options: z.object({}),
  handle(_options, { reloadStories }): Reply {
    if (!reloadStories)
      return {
        kind: 'error',
        body: 'Reloading stories is not enabled on this bot.',
        visibility: 'ephemeral',
      };
    const result = reloadStories();
    if (!result.ok) {
      return {
        kind: 'error',
        title: 'Reload refused',
        body: 'A story pack has problems, so nothing was reloaded and the stories served so far stay:',
        items: result.problems.slice(0, 10).map((problem) => ({ text: problem.slice(0, 300) })),
        visibility: 'ephemeral',
      };
    }
    return {
      kind: 'list',
      title: 'Stories reloaded',
      body: `Reloaded ${result.stories} ${result.stories === 1 ? 'story' : 'stories'}; every channel answers from the new facts.`,
      visibility: 'ephemeral',
    };
  },
});
