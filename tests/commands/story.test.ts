import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createCore } from '../../src/app.ts';
import { ConfigError } from '../../src/config.ts';
import { QueryEngine } from '../../src/engine/engine.ts';
import { loadLibrary, StoryLibrary } from '../../src/engine/library.ts';
import { DbChannelStoryStore } from '../../src/storage/channel-story-store.ts';
import { openSqlite } from '../../src/storage/database.ts';
import { core, invocation } from '../helpers.ts';

// A second story for the test: the shipped one under another slug and title, so answers say which.
const shipped = core().engine.story;
const other = new QueryEngine({ ...shipped, slug: 'other-story', title: 'The Other Story' });
const stories = new StoryLibrary([core().engine, other], shipped.slug);
const dir = mkdtempSync(join(tmpdir(), 'ai-news-stories-'));
const database = openSqlite(join(dir, 'bot.db'));
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

function bot() {
  return createCore({ commands, stories, channelStories: new DbChannelStoryStore(database) }).dispatcher;
}
const inServer = (text: string, user: { id: string; isAdmin?: boolean }, channelId = 'C1') =>
  invocation({ platform: 'discord', source: 'slash', text, user, channelId, scope: 'G1' });

describe('stories per channel', () => {
  it('lists every story for everyone: slug, title, facts, which is the default', async () => {
    const reply = await bot().answer(inServer('story list', { id: 'member' }));
    expect(reply.items?.map((i) => i.label)).toEqual([shipped.slug, 'other-story']);
    expect(reply.items?.[0]?.text).toBe(`${shipped.title} — ${shipped.facts.length} facts, the default`);
    expect(reply.body).toMatch(/^This channel answers from “Alibaba Denies/);
  });

  it('lets an admin choose a channel’s story, kept in the database, and answers from it there only', async () => {
    const refused = await bot().answer(inServer('story use other-story', { id: 'member', isAdmin: false }));
    expect(refused.body).toMatch(/^Only admins can use \/ai-news story use/);
    const chosen = await bot().answer(inServer('story use other-story', { id: 'admin', isAdmin: true }));
    expect(chosen.body).toBe('This channel now answers from “The Other Story” (other-story): 41 facts.');
    // A new process on the same database: the choice stands.
    const later = bot();
    const there = await later.answer(inServer('did congress block deepseek', { id: 'member' }));
    expect(there.quote?.story).toBe('The Other Story');
    const elsewhere = await later.answer(inServer('did congress block deepseek', { id: 'member' }, 'C2'));
    expect(elsewhere.quote?.story).toBe(shipped.title);
  });

  it('lets anyone choose the story of their own DM, and refuses a story that does not exist', async () => {
    const dm = invocation({
      platform: 'discord',
      source: 'dm',
      text: 'story use other-story',
      user: { id: 'someone' },
      channelId: 'D1',
    });
    expect((await bot().answer(dm)).body).toMatch(/^This channel now answers from “The Other Story”/);
    const unknown = await bot().answer({ ...dm, text: 'story use nosuch' });
    expect(unknown.body).toBe(
      `There is no story “nosuch”. The stories are: ${shipped.slug}, other-story. See /ai-news story list.`,
    );
  });

  it('names STORY (or --story) when the default story does not exist', () => {
    expect(() => loadLibrary('nosuch', 'STORY')).toThrow(ConfigError);
    expect(() => loadLibrary('nosuch', 'STORY')).toThrow(
      /STORY: there is no story “nosuch”; the stories are /,
    );
  });
});
