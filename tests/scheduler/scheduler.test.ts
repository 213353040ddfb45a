import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/core/platform.ts';
import type { Scheduler } from '../../src/scheduler/scheduler.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { invocation, schedulingCore } from '../helpers.ts';
import { fakeClock, recordingAdapter } from './fakes.ts';

let dir: string;
let stores: DbScheduleStore[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-schedules-'));
  stores = [];
});
afterEach(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore(name = 'bot.db') {
  const store = new DbScheduleStore(join(dir, name));
  stores.push(store);
  return store;
}

function makeScheduler(
  store: DbScheduleStore,
  clock: ReturnType<typeof fakeClock>,
  adapter = recordingAdapter(),
) {
  const { scheduler, dispatcher } = schedulingCore({
    store,
    clock,
    retry: { attempts: 3, baseDelayMs: 1000 },
  });
  dispatcher.attach(adapter.adapter);
  return { scheduler, ...adapter };
}

/** The whole core (router, commands) with a scheduler on a fresh database, at 07:00 UTC. */
function commandApp() {
  const clock = fakeClock('2026-11-29T07:00:00Z');
  const adapter = recordingAdapter();
  const store = openStore();
  const app = schedulingCore({ store, clock });
  app.dispatcher.attach(adapter.adapter);
  return { app, adapter, store, clock };
}

async function addDaily(
  scheduler: Scheduler,
  spec = 'daily 09:00',
  timezone = 'Europe/Berlin',
  channelId = 'news',
) {
  const result = await scheduler.add({
    platform: 'console',
    channelId,
    scope: null,
    spec,
    timezone,
    createdBy: 'admin',
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('scheduler: firing', () => {
  it('posts the summary once per slot, titled with the date in the schedule’s zone', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const { scheduler, posts } = makeScheduler(openStore(), clock);
    const schedule = await addDaily(scheduler);
    await scheduler.tick();
    expect(posts).toHaveLength(0);
    clock.set('2026-11-29T08:00:05Z'); // 09:00:05 in Berlin
    await scheduler.tick();
    await scheduler.tick();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.channelId).toBe('news');
    expect(posts[0]?.reply.title).toBe(
      'Sunday, 29 November 2026 — Alibaba Denies $1 Billion Investment in DeepSeek as AI Rivalry Heats Up',
    );
    expect(posts[0]?.reply.items?.length).toBeGreaterThanOrEqual(5);
    clock.set('2026-11-30T08:00:01Z');
    await scheduler.tick();
    expect(posts).toHaveLength(2);
    const stored = await scheduler.list('console');
    expect(stored[0]).toMatchObject({
      id: schedule.id,
      lastSlot: '2026-11-30T08:00:00.000Z',
      lastOutcome: 'posted: ok',
    });
  });

  it('posts once on a day when the local time does not exist (spring forward)', async () => {
    const clock = fakeClock('2026-03-28T12:00:00Z');
    const { scheduler, posts } = makeScheduler(openStore(), clock);
    await addDaily(scheduler, 'daily 02:30');
    for (
      let t = Date.parse('2026-03-28T12:00:00Z');
      t <= Date.parse('2026-03-29T12:00:00Z');
      t += 5 * 60_000
    ) {
      clock.set(t);
      await scheduler.tick();
    }
    // 02:30 does not exist in Berlin on 29 March 2026: croner posts at 03:30 CEST (01:30 UTC), once.
    expect(posts.map((p) => new Date(p.at).toISOString())).toHaveLength(1);
    expect(posts[0]?.reply.title).toMatch(/^Sunday, 29 March 2026/);
  });

  it('posts once on a day when the local time happens twice (fall back)', async () => {
    const clock = fakeClock('2026-10-24T12:00:00Z');
    const { scheduler, posts } = makeScheduler(openStore(), clock);
    const schedule = await addDaily(scheduler, 'daily 02:30');
    for (
      let t = Date.parse('2026-10-24T12:00:00Z');
      t <= Date.parse('2026-10-25T12:00:00Z');
      t += 5 * 60_000
    ) {
      clock.set(t);
      await scheduler.tick();
    }
    expect(posts).toHaveLength(1);
    expect((await stores[0]?.slots(schedule.id))?.map((s) => s.slot)).toEqual(['2026-10-25T01:30:00.000Z']);
  });
});

describe('scheduler: restarts and concurrency', () => {
  it('keeps schedules across a restart on the same file, without posting a slot twice', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const first = makeScheduler(openStore(), clock);
    const schedule = await addDaily(first.scheduler);
    clock.set('2026-11-29T08:00:02Z');
    await first.scheduler.tick();
    expect(first.posts).toHaveLength(1);
    await stores[0]?.close();

    const store = openStore();
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    const second = makeScheduler(store, clock);
    expect((await second.scheduler.list('console')).map((s) => s.id)).toEqual([schedule.id]);
    await second.scheduler.tick();
    expect(second.posts).toHaveLength(0);
  });

  it('catches up on a slot missed while down if under 30 minutes late, and skips it otherwise', async () => {
    const clock = fakeClock('2026-11-29T07:50:00Z');
    const down = makeScheduler(openStore(), clock);
    const schedule = await addDaily(down.scheduler);
    await stores[0]?.close(); // the bot goes down at 08:50 Berlin, before the 09:00 slot

    clock.set('2026-11-29T08:20:00Z'); // back at 09:20: 20 minutes late
    const back = makeScheduler(openStore(), clock);
    await back.scheduler.tick();
    expect(back.posts).toHaveLength(1);

    clock.set('2026-11-30T08:45:00Z'); // down through the next slot, back 45 minutes late
    const late = makeScheduler(openStore(), clock);
    await late.scheduler.tick();
    expect(late.posts).toHaveLength(0);
    const slots = await stores[2]?.slots(schedule.id);
    expect(slots?.map((s) => `${s.slot} ${s.status}`)).toEqual([
      '2026-11-29T08:00:00.000Z posted',
      '2026-11-30T08:00:00.000Z skipped',
    ]);
    expect(slots?.[1]?.detail).toBe('missed by 45 minutes while the bot was down');
  });

  it('two schedulers on one database post each slot once', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const a = makeScheduler(openStore(), clock);
    const b = makeScheduler(openStore(), clock);
    await addDaily(a.scheduler, 'hourly', 'UTC');
    for (let hour = 8; hour <= 12; hour++) {
      clock.set(`2026-11-29T${String(hour).padStart(2, '0')}:00:01Z`);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    }
    expect(a.posts.length + b.posts.length).toBe(5);
  });
});

describe('scheduler: failures', () => {
  it('retries a transient error with backoff within the slot', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const { scheduler, posts, failures } = makeScheduler(openStore(), clock);
    await addDaily(scheduler);
    failures.push(new Error('socket hang up'), new PostError('rate limited', false));
    clock.set('2026-11-29T08:00:00Z');
    await scheduler.tick();
    expect(posts).toHaveLength(1);
    expect(clock.now() - Date.parse('2026-11-29T08:00:00Z')).toBe(3000); // waited 1 s, then 2 s
    expect((await scheduler.list('console'))[0]).toMatchObject({ status: 'active', consecutiveFailures: 0 });
  });

  it('marks a schedule failing on a permanent error and pauses it after 3 in a row', async () => {
    const clock = fakeClock('2026-11-29T07:00:00Z');
    const { scheduler, posts, failures } = makeScheduler(openStore(), clock);
    const schedule = await addDaily(scheduler);
    for (let day = 29; day <= 31; day++) {
      failures.push(new PostError('Unknown Channel', true));
      clock.set(day <= 30 ? `2026-11-${day}T08:00:00Z` : '2026-12-01T08:00:00Z');
      await scheduler.tick();
      const [current] = await scheduler.list('console');
      expect(current?.status).toBe(day < 31 ? 'failing' : 'paused');
    }
    clock.set('2026-12-02T08:00:00Z');
    await scheduler.tick();
    expect(posts).toHaveLength(0);
    const [paused] = await scheduler.list('console');
    expect(paused).toMatchObject({ consecutiveFailures: 3, lastOutcome: 'failed: Unknown Channel' });
    // A working test post brings it back.
    expect((await scheduler.test('console', schedule.id)).ok).toBe(true);
    expect((await scheduler.list('console'))[0]?.status).toBe('active');
  });
});

describe('schedule commands', () => {
  function setup() {
    const { app, adapter, store } = commandApp();
    const run = (text: string, isAdmin = true) =>
      app.dispatcher.answer(invocation({ text, channelId: 'general', user: { id: 'u1', isAdmin } }));
    return { run, adapter, store };
  }

  it('adds, lists, tests and removes a schedule', async () => {
    const { run, adapter } = setup();
    const added = await run('schedule add daily 09:00 Europe/Berlin');
    expect(added.title).toMatch(/^Schedule [a-z2-9]{6} added$/);
    expect(added.body).toBe(
      'I’ll post the story summary daily 09:00 (Europe/Berlin) in channel general · next: Sun, 29 Nov 2026, 09:00 CET · not posted yet.',
    );
    const id = added.title?.split(' ')[1] as string;
    const listed = await run('schedule list', false);
    expect(listed.items?.map((i) => i.label)).toEqual([id]);
    const tested = await run(`schedule test ${id}`);
    expect(tested.body).toBe(`Posted the summary of schedule ${id} to channel general.`);
    expect(adapter.posts).toHaveLength(1);
    expect((await run(`schedule remove ${id}`)).body).toBe(`Schedule ${id} removed.`);
    expect((await run('schedule list')).body).toMatch(/^There are no scheduled summaries yet/);
  });

  it('adds the chart of the story’s main figures to a schedule’s summaries only when asked', async () => {
    const { run, adapter, store } = setup();
    const plain = (await run('schedule add daily 09:00')).title?.split(' ')[1] as string;
    const charted = await run('schedule add daily 10:00 UTC with chart');
    expect(charted.body).toMatch(
      /^I’ll post the story summary daily 10:00 \(UTC\) in channel general · with its chart · next:/,
    );
    const id = charted.title?.split(' ')[1] as string;
    expect((await store.get(plain))?.chart).toBe(false);
    expect((await store.get(id))?.chart).toBe(true);
    const listed = (await run('schedule list', false)).items ?? [];
    expect(listed.find((i) => i.label === id)?.text).toContain('with its chart');
    expect(listed.find((i) => i.label === plain)?.text).not.toContain('chart');
    await run(`schedule test ${plain}`);
    await run(`schedule test ${id}`);
    expect(adapter.posts.map((p) => p.reply.image?.fileName)).toEqual([undefined, 'market-figures.png']);
    expect(adapter.posts[1]?.reply.title).toMatch(/ — Alibaba Denies/);
    expect(adapter.posts[1]?.reply.image?.alt).toContain('Nvidia shares: down 20%');
  });

  it('refuses non-admins clearly, but lets anyone list', async () => {
    const { run } = setup();
    for (const text of ['schedule add daily 09:00', 'schedule remove abcdef', 'schedule test abcdef']) {
      const reply = await run(text, false);
      expect(reply).toMatchObject({ kind: 'error', visibility: 'ephemeral' });
      expect(reply.body).toMatch(/^Only admins can use \/ai-news schedule (add|remove|test)/);
    }
    expect((await run('schedule list', false)).kind).toBe('list');
  });

  it('explains every validation error', async () => {
    const { run, adapter } = setup();
    expect((await run('schedule add daily 09:00 Mars/Base')).body).toMatch(
      /^“Mars\/Base” is not a time zone I know/,
    );
    expect((await run('schedule add twice a day')).body).toMatch(/^I can’t read “twice a day” as a schedule/);
    expect((await run('schedule add 61 * * * *')).body).toMatch(/^That cron expression is not valid/);
    expect((await run('schedule add */10 * * * *')).body).toBe(
      'That fires every 10 minutes; schedules may fire at most once every 15 minutes.',
    );
    adapter.unreachable.add('secret');
    expect((await run('schedule add daily 09:00 #secret')).body).toBe(
      'I can’t post to that channel: the bot is not a member of that channel.',
    );
    for (let i = 0; i < 10; i++) expect((await run(`schedule add daily 0${i % 10}:00`)).kind).toBe('list');
    expect((await run('schedule add daily 10:00')).body).toBe(
      'This channel already has 10 schedules; remove one first.',
    );
    expect((await run('schedule remove nosuch')).body).toBe(
      'There is no schedule “nosuch”. See /ai-news schedule list.',
    );
    expect((await run('schedule frobnicate')).body).toMatch(
      /^There is no command “schedule frobnicate”\. Try \/ai-news schedule add/,
    );
  });
});

describe('schedule add from a slash command', () => {
  it('reads a channel mention option as the channel id', async () => {
    const { app } = commandApp();
    const reply = await app.dispatcher.answer(
      invocation({
        source: 'slash',
        command: 'schedule add',
        options: { when: 'daily 09:00', channel: '<#123456789012345678>' },
        user: { id: 'admin', isAdmin: true },
      }),
    );
    expect(reply.body).toMatch(/in channel 123456789012345678 ·/);
  });
});

describe('schedules are kept to their own server or workspace', () => {
  it('one server cannot list, remove or test another server’s schedules', async () => {
    const { app, adapter } = commandApp();
    const as = (scope: string, text: string) =>
      app.dispatcher.answer(
        invocation({ text, scope, channelId: `chan-${scope}`, user: { id: 'admin', isAdmin: true } }),
      );
    const added = await as('server-a', 'schedule add daily 09:00');
    const id = added.title?.split(' ')[1] as string;
    expect((await as('server-b', 'schedule list')).body).toMatch(/^There are no scheduled summaries yet/);
    expect((await as('server-b', `schedule remove ${id}`)).body).toBe(
      `There is no schedule “${id}”. See /ai-news schedule list.`,
    );
    expect((await as('server-b', `schedule test ${id}`)).body).toBe(`There is no schedule “${id}”.`);
    expect(adapter.posts).toHaveLength(0);
    const ids = await app.router.commands
      .find((c) => c.group === 'schedule' && c.name === 'remove')
      ?.autocomplete?.id?.('', app.engine, {
        scheduler: app.scheduler,
        platform: 'console',
        scope: 'server-b',
      });
    expect(ids).toEqual([]);
    expect((await as('server-a', 'schedule list')).items?.map((i) => i.label)).toEqual([id]);
    expect((await as('server-a', `schedule remove ${id}`)).body).toBe(`Schedule ${id} removed.`);
  });
});

describe('a post interrupted by a killed process', () => {
  it('is marked abandoned, shown in the schedule as missed, logged, and never posted again', async () => {
    const store = openStore();
    const clock = fakeClock(Date.now());
    const { scheduler, posts } = makeScheduler(store, clock);
    const added = await addDaily(scheduler, 'daily 09:00', 'UTC');
    const slot = '2026-11-29T09:00:00.000Z';
    // A process claimed the slot and died before finishing it.
    expect(await store.claimSlot(added.id, slot, 'killed-process')).toBe(true);
    clock.set(Date.now() + 2 * 60 * 60_000);
    await scheduler.tick();
    expect(await store.slots(added.id)).toContainEqual(
      expect.objectContaining({ slot, status: 'abandoned', owner: 'killed-process' }),
    );
    expect((await store.get(added.id))?.lastOutcome).toMatch(/^missed: the bot stopped while posting/);
    // At most once: a slot that may have gone out is not posted again.
    expect(posts).toHaveLength(0);
    expect((await store.slots(added.id)).filter((s) => s.slot === slot)).toHaveLength(1);
  });
});
