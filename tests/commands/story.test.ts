import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseScheduleAddText } from '../../commands/schedule.ts';
import { createCore } from '../../src/app.ts';
import { ConfigError } from '../../src/config.ts';
import { QueryEngine } from '../../src/engine/engine.ts';
import { loadLibrary, StoryLibrary } from '../../src/engine/library.ts';
import { DbInsightsStore } from '../../src/insights/store.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { DbChannelStoryStore } from '../../src/storage/channel-story-store.ts';
import { openSqlite } from '../../src/storage/database.ts';
import { core, invocation } from '../helpers.ts';
import { fakeClock, recordingAdapter } from '../scheduler/fakes.ts';

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

describe('what remembers its story', () => {
  it('posts a schedule pinned to a story from that story, whatever its channel answers from', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const recording = recordingAdapter('discord');
    const app = createCore({
      commands,
      stories,
      channelStories: new DbChannelStoryStore(database),
      schedules: { store: new DbScheduleStore(database), clock },
    });
    app.dispatcher.attach(recording.adapter);
    recording.unreachable.clear();
    const added = await app.dispatcher.answer(
      inServer('schedule add daily 09:00 UTC story other-story', { id: 'admin', isAdmin: true }, 'C9'),
    );
    expect(added.body).toMatch(/story other-story/);
    clock.set('2026-11-29T09:00:01Z');
    await app.scheduler?.tick();
    expect(recording.posts).toHaveLength(1);
    expect(recording.posts[0]?.reply.title).toBe('Sunday, 29 November 2026 — The Other Story');
  });

  it('reads "story <slug>" and "story:<slug>" in a typed schedule', () => {
    expect(parseScheduleAddText('daily 09:00 Europe/Berlin story other-story')).toEqual({
      when: 'daily 09:00',
      timezone: 'Europe/Berlin',
      story: 'other-story',
    });
    expect(parseScheduleAddText('weekdays 08:30 story:other-story')).toMatchObject({ story: 'other-story' });
  });

  it('records the story an unanswered question and a vote were about', async () => {
    const insights = new DbInsightsStore(database);
    const app = createCore({
      commands,
      stories,
      insights,
      channelStories: new DbChannelStoryStore(database),
    });
    await app.dispatcher.answer(inServer('story use other-story', { id: 'admin', isAdmin: true }, 'C7'));
    await app.dispatcher.answer(inServer('who won the 1998 world cup', { id: 'member' }, 'C7'));
    const row = await database.kysely
      .selectFrom('unanswered')
      .select(['story', 'example'])
      .where('example', '=', 'who won the 1998 world cup')
      .executeTakeFirst();
    expect(row?.story).toBe('other-story');
  });
});

describe('reloading the stories without a restart', () => {
  it('reloads the packs for admins, and refuses a pack with problems, keeping the stories served', async () => {
    const library = StoryLibrary.load(shipped.slug);
    const app = createCore({ commands, stories: library });
    const member = await app.dispatcher.answer(inServer('admin reload', { id: 'member', isAdmin: false }));
    expect(member.body).toMatch(/^Only admins can use \/ai-news admin reload/);
    const done = await app.dispatcher.answer(inServer('admin reload', { id: 'admin', isAdmin: true }));
    expect(done.body).toMatch(/^Reloaded \d+ stories; every channel answers from the new facts\.$/);
    const refused = library.reload([shipped.slug, 'nosuch-story']);
    expect(refused.ok).toBe(false);
    expect(library.stories().map((s) => s.slug)).toContain(shipped.slug);
    const still = await app.dispatcher.answer(inServer('did congress block deepseek', { id: 'member' }));
    expect(still.kind).toBe('answer');
  });
});
