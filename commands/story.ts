import { z } from 'zod';
import { channelKey } from '../src/core/channel-stories.ts';
import { defineCommand } from '../src/core/command.ts';
import type { Reply } from '../src/core/reply.ts';
import { neutraliseUserText } from '../src/core/safe-text.ts';
import type { QueryEngine } from '../src/engine/engine.ts';
import type { StoryLibrary } from '../src/engine/library.ts';

/** The slugs of the stories containing what is typed (Discord autocomplete). */
export function storySlugSuggestions(
  partial: string,
  engine: QueryEngine,
  extras?: { stories?: StoryLibrary },
): string[] {
  return (extras?.stories?.stories() ?? [engine.story])
    .map((s) => s.slug)
    .filter((slug) => slug.includes(partial.trim().toLowerCase()))
    .slice(0, 25);
}

/** The stories the bot knows, for everyone: slug, title, date and how many facts. */
export const storyListCommand = defineCommand({
  group: 'story',
  name: 'list',
  description: 'The stories I can answer about, and which one this channel uses',
  examples: ['story list'],
  options: z.object({}),
  handle(_options, { stories, engine }): Reply {
    const all = stories?.stories() ?? [engine.story];
    return {
      kind: 'list',
      title: 'Stories',
      body: `This channel answers from “${engine.story.title}” (${engine.story.slug}).${
        all.length > 1 ? ' An admin can choose another with story use <slug>.' : ''
      }`,
      items: all.map((story) => ({
        label: story.slug,
        text: `${story.title}${story.published ? ` (${story.published})` : ''} — ${story.facts.length} facts${
          story.slug === stories?.defaultSlug ? ', the default' : ''
        }`,
      })),
      visibility: 'ephemeral',
    };
  },
});

/** Chooses the channel's story, kept across restarts: for admins in a channel; anyone in a DM chooses their own. */
export const storyUseCommand = defineCommand({
  group: 'story',
  name: 'use',
  // A server's or workspace's channel is shared: its admins choose. A DM (no server known) is the asker's own.
  adminOnly: (invocation) => invocation.scope !== undefined,
  description: 'Answer from another story in this channel (admins; anyone in a DM)',
  examples: ['story use <slug>'],
  options: z.object({ slug: z.string().max(100).describe('The story, as story list names it') }),
  textOption: 'slug',
  autocomplete: {
    slug: storySlugSuggestions,
  },
  async handle({ slug }, { stories, channelStories, invocation, commandName }): Promise<Reply> {
    const wanted = slug.trim().toLowerCase();
    if (!stories?.has(wanted)) {
      const known = (stories?.stories() ?? []).map((s) => s.slug).join(', ');
      return {
        kind: 'error',
        body: `There is no story “${neutraliseUserText(slug, 60)}”. The stories are: ${known || 'only the default'}. See /${commandName} story list.`,
        visibility: 'ephemeral',
      };
    }
    if (!channelStories)
      return { kind: 'error', body: 'Choosing a story is not enabled on this bot.', visibility: 'ephemeral' };
    await channelStories.choose(channelKey(invocation), wanted, invocation.user.id);
    const story = stories.engine(wanted).story;
    return {
      kind: 'list',
      title: 'Story chosen',
      body: `This channel now answers from “${story.title}” (${story.slug}): ${story.facts.length} facts.`,
      visibility: 'channel',
    };
  },
});
