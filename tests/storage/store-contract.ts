import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/invocation.ts';
import type { InsightsStore } from '../../src/insights/store.ts';
import { ChannelFullError, type NewSchedule, type ScheduleStore } from '../../src/scheduler/store.ts';
import { schedulingCore } from '../helpers.ts';
import { fakeClock, recordingAdapter } from '../scheduler/fakes.ts';
import type { UnansweredRowBeforeTenants } from './schema-before-tenants.ts';

/** The stores of one backend on one database, as one bot process would hold them. */
export interface OpenStores {
  schedules: ScheduleStore;
  insights: InsightsStore;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

/** What the contract needs from a backend: a new database per test, opened as often as a test asks. */
export interface StoreBackend {
  /** Names the backend in test titles. */
  name: string;
  /** The schema version the backend's migrations end at. */
  schemaVersion: number;
  /** Gives the next test a new, empty database (a file, or a schema). */
  freshDatabase(): Promise<void>;
  /** Opens (and migrates) the current test's database again: to the database, another process. */
  open(): Promise<OpenStores>;
  /**
   * Makes the current test's database as a bot at schema version 2 (before unanswered questions had
   * tenants) left it: with these unanswered questions, one schedule and one 👍 on fact "texas-ban".
   */
  createBeforeTenants(unanswered: UnansweredRowBeforeTenants[]): Promise<void>;
}

function newSchedule(overrides: Partial<NewSchedule> = {}): NewSchedule {
  return {
    platform: 'discord',
    channelId: 'news',
    scope: 'guild-1',
    spec: 'daily 09:00',
    cron: '0 9 * * *',
    timezone: 'Europe/Berlin',
    createdBy: 'admin',
    createdAt: '2026-11-29T07:00:00.000Z',
    ...overrides,
  };
}

// Two tenants, as tenantOf names them: a Discord server and a Slack workspace.
const GUILD_A = 'discord:guild-a';
const WORKSPACE_B = 'slack:T0WORKSPACEB';

/** Defines the same tests for any backend of ScheduleStore and InsightsStore. */
export function defineStoreContract(backend: StoreBackend): void {
  let opened: OpenStores[] = [];

  async function open(): Promise<OpenStores> {
    const stores = await backend.open();
    opened.push(stores);
    return stores;
  }

  beforeEach(async () => {
    opened = [];
    await backend.freshDatabase();
  });
  afterEach(async () => {
    for (const stores of opened) await stores.close();
  });

  describe(`${backend.name}: schedules`, () => {
    it('adds, gets, lists (oldest first, filtered) and removes schedules', async () => {
      const { schedules } = await open();
      const first = await schedules.add(newSchedule(), 10);
      expect(first).toEqual({
        id: expect.stringMatching(/^[a-z2-9]{6}$/),
        platform: 'discord',
        channelId: 'news',
        scope: 'guild-1',
        story: null,
        chart: false,
        spec: 'daily 09:00',
        cron: '0 9 * * *',
        timezone: 'Europe/Berlin',
        createdBy: 'admin',
        createdAt: '2026-11-29T07:00:00.000Z',
        status: 'active',
        consecutiveFailures: 0,
        cursor: '2026-11-29T07:00:00.000Z',
        lastSlot: null,
        lastOutcome: null,
      });
      const second = await schedules.add(
        newSchedule({ platform: 'slack', scope: null, createdAt: '2026-11-29T08:00:00.000Z' }),
        10,
      );
      const third = await schedules.add(
        newSchedule({ channelId: 'other', createdAt: '2026-11-29T06:00:00.000Z' }),
        10,
      );
      expect(await schedules.get(first.id)).toEqual(first);
      expect(await schedules.get('nosuch')).toBeUndefined();
      // A schedule that asks for its chart keeps asking, as a boolean on both dialects.
      const charted = await schedules.add(newSchedule({ channelId: 'charts', chart: true }), 10);
      expect(charted.chart).toBe(true);
      expect((await schedules.get(charted.id))?.chart).toBe(true);
      expect((await schedules.list({ platform: 'discord', channelId: 'charts' }))[0]?.chart).toBe(true);
      expect(await schedules.remove(charted.id)).toBe(true);
      expect((await schedules.list()).map((s) => s.id)).toEqual([third.id, first.id, second.id]);
      expect((await schedules.list({ platform: 'discord' })).map((s) => s.id)).toEqual([third.id, first.id]);
      expect((await schedules.list({ platform: 'discord', channelId: 'news' })).map((s) => s.id)).toEqual([
        first.id,
      ]);
      expect(await schedules.list({ platform: 'console' })).toEqual([]);

      await schedules.claimSlot(first.id, '2026-11-30T08:00:00.000Z', 'a');
      expect(await schedules.remove(first.id)).toBe(true);
      expect(await schedules.remove(first.id)).toBe(false);
      expect(await schedules.get(first.id)).toBeUndefined();
      expect(await schedules.slots(first.id)).toEqual([]); // a schedule's slots go with it
      expect((await schedules.list()).map((s) => s.id)).toEqual([third.id, second.id]);
    });

    it('refuses a schedule beyond the channel maximum, counting per platform and channel', async () => {
      const { schedules } = await open();
      await schedules.add(newSchedule(), 2);
      await schedules.add(newSchedule(), 2);
      await expect(schedules.add(newSchedule(), 2)).rejects.toThrow(ChannelFullError);
      await expect(schedules.add(newSchedule(), 2)).rejects.toThrow(
        'this channel already has 2 schedules (the most allowed is 2)',
      );
      await schedules.add(newSchedule({ channelId: 'other' }), 2);
      await schedules.add(newSchedule({ platform: 'slack' }), 2);
      expect(await schedules.list({ platform: 'discord', channelId: 'news' })).toHaveLength(2);
    });

    it('lets exactly one of two instances racing for a channel’s last place have it', async () => {
      const a = (await open()).schedules;
      const b = (await open()).schedules;
      for (const channelId of ['c1', 'c2', 'c3', 'c4', 'c5']) {
        await a.add(newSchedule({ channelId }), 3);
        await b.add(newSchedule({ channelId }), 3);
        const results = await Promise.allSettled([
          a.add(newSchedule({ channelId, createdBy: 'a' }), 3),
          b.add(newSchedule({ channelId, createdBy: 'b' }), 3),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const [refused] = results.filter((r) => r.status === 'rejected');
        expect(refused?.reason).toBeInstanceOf(ChannelFullError);
        expect(await a.list({ platform: 'discord', channelId })).toHaveLength(3);
      }
    });

    it('never lets many concurrent adds from two instances overfill a channel', async () => {
      const a = (await open()).schedules;
      const b = (await open()).schedules;
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).add(newSchedule(), 5)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(await a.list()).toHaveLength(5);
    });

    it('lists the slots claimed and never finished, older than a time, until they are finished', async () => {
      const { schedules } = await open();
      const one = await schedules.add(newSchedule(), 10);
      await schedules.claimSlot(one.id, '2026-11-30T08:00:00.000Z', 'killed');
      await schedules.claimSlot(one.id, '2026-11-30T09:00:00.000Z', 'alive');
      await schedules.finishSlot(one.id, '2026-11-30T09:00:00.000Z', 'posted', 'ok');
      const later = new Date(Date.now() + 60_000).toISOString();
      expect(await schedules.unfinishedSlots(later)).toEqual([
        { scheduleId: one.id, slot: '2026-11-30T08:00:00.000Z', owner: 'killed' },
      ]);
      expect(await schedules.unfinishedSlots('2000-01-01T00:00:00.000Z')).toEqual([]);
      await schedules.finishSlot(one.id, '2026-11-30T08:00:00.000Z', 'abandoned', 'interrupted');
      expect(await schedules.unfinishedSlots(later)).toEqual([]);
    });

    it('claims a slot once, and once only when two instances race for each slot', async () => {
      const a = (await open()).schedules;
      const b = (await open()).schedules;
      const one = await a.add(newSchedule(), 10);
      const two = await a.add(newSchedule(), 10);
      expect(await a.claimSlot(one.id, '2026-11-30T08:00:00.000Z', 'a')).toBe(true);
      expect(await a.claimSlot(one.id, '2026-11-30T08:00:00.000Z', 'a')).toBe(false);
      expect(await b.claimSlot(one.id, '2026-11-30T08:00:00.000Z', 'b')).toBe(false);
      expect(await b.claimSlot(two.id, '2026-11-30T08:00:00.000Z', 'b')).toBe(true);

      const slots = Array.from({ length: 25 }, (_, day) =>
        new Date(Date.UTC(2026, 11, day + 1, 8)).toISOString(),
      );
      const wins = await Promise.all(
        slots.map(async (slot) => {
          const [byA, byB] = await Promise.all([
            a.claimSlot(two.id, slot, 'a'),
            b.claimSlot(two.id, slot, 'b'),
          ]);
          expect(Number(byA) + Number(byB)).toBe(1);
          return byA ? 'a' : 'b';
        }),
      );
      const rows = await b.slots(two.id);
      expect(rows.map((r) => r.slot)).toEqual(['2026-11-30T08:00:00.000Z', ...slots]);
      expect(rows.slice(1).map((r) => r.owner)).toEqual(wins);
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['claimed']));
    });

    it('records how a slot ended and the schedule’s health after it', async () => {
      const { schedules } = await open();
      const { id } = await schedules.add(newSchedule(), 10);
      const slot1 = '2026-11-30T08:00:00.000Z';
      const slot2 = '2026-12-01T08:00:00.000Z';
      const slot3 = '2026-12-02T08:00:00.000Z';
      for (const slot of [slot1, slot2, slot3]) await schedules.claimSlot(id, slot, 'a');

      await schedules.finishSlot(id, slot1, 'posted', 'ok', { status: 'active', consecutiveFailures: 0 });
      expect(await schedules.get(id)).toMatchObject({
        lastSlot: slot1,
        lastOutcome: 'posted: ok',
        status: 'active',
        consecutiveFailures: 0,
      });
      await schedules.finishSlot(id, slot2, 'failed', 'Unknown Channel', {
        status: 'failing',
        consecutiveFailures: 1,
      });
      expect(await schedules.get(id)).toMatchObject({
        lastSlot: slot2,
        lastOutcome: 'failed: Unknown Channel',
        status: 'failing',
        consecutiveFailures: 1,
      });
      // Without a health update the health stays as it was.
      await schedules.finishSlot(id, slot3, 'skipped', 'missed by 45 minutes');
      expect(await schedules.get(id)).toMatchObject({
        lastSlot: slot3,
        lastOutcome: 'skipped: missed by 45 minutes',
        status: 'failing',
        consecutiveFailures: 1,
      });
      expect(await schedules.slots(id)).toEqual([
        { slot: slot1, status: 'posted', owner: 'a', detail: 'ok' },
        { slot: slot2, status: 'failed', owner: 'a', detail: 'Unknown Channel' },
        { slot: slot3, status: 'skipped', owner: 'a', detail: 'missed by 45 minutes' },
      ]);
    });

    it('sets a schedule’s health', async () => {
      const { schedules } = await open();
      const { id } = await schedules.add(newSchedule(), 10);
      await schedules.setHealth(id, 'paused', 3);
      expect(await schedules.get(id)).toMatchObject({ status: 'paused', consecutiveFailures: 3 });
      await schedules.setHealth(id, 'active', 0);
      expect(await schedules.get(id)).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    });

    it('moves the cursor forward only, also when two instances move it at once', async () => {
      const a = (await open()).schedules;
      const b = (await open()).schedules;
      const { id } = await a.add(newSchedule(), 10);
      const cursor = async () => (await b.get(id))?.cursor;
      await a.advanceCursor(id, '2026-11-30T08:00:00.000Z');
      expect(await cursor()).toBe('2026-11-30T08:00:00.000Z');
      await a.advanceCursor(id, '2026-11-29T08:00:00.000Z');
      expect(await cursor()).toBe('2026-11-30T08:00:00.000Z');
      await a.advanceCursor(id, '2026-11-30T08:00:00.000Z');
      expect(await cursor()).toBe('2026-11-30T08:00:00.000Z');
      const days = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 11, i + 1, 8)).toISOString());
      await Promise.all(
        days.flatMap((day, i) => [a.advanceCursor(id, day), b.advanceCursor(id, days[19 - i] as string)]),
      );
      expect(await cursor()).toBe(days.at(-1));
    });

    it('records the schema version, and keeps schedules and the version when reopened', async () => {
      const first = await open();
      expect(await first.schemaVersion()).toBe(backend.schemaVersion);
      const schedule = await first.schedules.add(newSchedule(), 10);
      await first.close();
      opened = opened.filter((stores) => stores !== first);

      const again = await open();
      expect(await again.schemaVersion()).toBe(backend.schemaVersion);
      expect(await again.schedules.list()).toEqual([schedule]);
    });

    it('migrates a new database once when two instances open it at the same time', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      expect(await a.schemaVersion()).toBe(backend.schemaVersion);
      expect(await b.schemaVersion()).toBe(backend.schemaVersion);
      const schedule = await a.schedules.add(newSchedule(), 10);
      expect(await b.schedules.get(schedule.id)).toEqual(schedule);
    });
  });

  describe(`${backend.name}: unanswered questions and feedback`, () => {
    it('counts unanswered questions by normalised text and lists the most asked first', async () => {
      const { insights } = await open();
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 9, minute));
      await insights.recordUnanswered(
        GUILD_A,
        'what is deepseek valuation',
        'What is DeepSeek’s valuation?',
        at(1),
      );
      await insights.recordUnanswered(
        GUILD_A,
        'has japan banned deepseek',
        'Has Japan banned DeepSeek?',
        at(2),
      );
      await insights.recordUnanswered(
        GUILD_A,
        'who is the ceo of deepseek',
        'who is the CEO of DeepSeek',
        at(3),
      );
      await insights.recordUnanswered(
        GUILD_A,
        'what is deepseek valuation',
        'what is deepseek valuation',
        at(4),
      );
      await insights.recordUnanswered(GUILD_A, 'who is the ceo of deepseek', 'Who is the CEO?', at(5));
      await insights.recordUnanswered(GUILD_A, 'what is deepseek valuation', 'deepseek valuation?', at(6));
      await insights.recordUnanswered(GUILD_A, 'which gpus was qwen trained on', 'which GPUs?', at(7));

      const expected = [
        {
          normalised: 'what is deepseek valuation',
          example: 'deepseek valuation?',
          count: 3,
          firstAsked: at(1).toISOString(),
          lastAsked: at(6).toISOString(),
        },
        {
          normalised: 'who is the ceo of deepseek',
          example: 'Who is the CEO?',
          count: 2,
          firstAsked: at(3).toISOString(),
          lastAsked: at(5).toISOString(),
        },
        // Equal counts: the most recently asked first.
        {
          normalised: 'which gpus was qwen trained on',
          example: 'which GPUs?',
          count: 1,
          firstAsked: at(7).toISOString(),
          lastAsked: at(7).toISOString(),
        },
        {
          normalised: 'has japan banned deepseek',
          example: 'Has Japan banned DeepSeek?',
          count: 1,
          firstAsked: at(2).toISOString(),
          lastAsked: at(2).toISOString(),
        },
      ];
      expect(await insights.topUnanswered(10, GUILD_A)).toEqual(expected);
      // With one tenant only, the operator's view of every tenant is the same list.
      expect(await insights.topUnanswered(10)).toEqual(expected);
      expect((await insights.topUnanswered(2, GUILD_A)).map((q) => q.normalised)).toEqual([
        'what is deepseek valuation',
        'who is the ceo of deepseek',
      ]);
      expect((await insights.topUnanswered(2)).map((q) => q.normalised)).toEqual([
        'what is deepseek valuation',
        'who is the ceo of deepseek',
      ]);
    });

    it('loses no count when two instances record the same question at once', async () => {
      const a = (await open()).insights;
      const b = (await open()).insights;
      const at = new Date('2026-11-29T09:00:00Z');
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? a : b).recordUnanswered(GUILD_A, 'has japan banned deepseek', 'q', at),
        ),
      );
      expect((await a.topUnanswered(5, GUILD_A)).map((q) => [q.normalised, q.count])).toEqual([
        ['has japan banned deepseek', 30],
      ]);
    });

    it('keeps each tenant’s unanswered questions to itself, and sums every tenant’s for the operator', async () => {
      const a = (await open()).insights;
      const b = (await open()).insights;
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 9, minute));
      await a.recordUnanswered(GUILD_A, 'what is deepseek valuation', 'A: DeepSeek’s valuation?', at(1));
      await a.recordUnanswered(GUILD_A, 'what is deepseek valuation', 'A: valuation again', at(2));
      await a.recordUnanswered(GUILD_A, 'secret plans of server a', 'Secret plans of server A?', at(3));
      await b.recordUnanswered(WORKSPACE_B, 'what is deepseek valuation', 'B: valuation?', at(4));
      await b.recordUnanswered(WORKSPACE_B, 'has japan banned deepseek', 'B: Japan?', at(5));
      await b.recordUnanswered('discord:dm', 'private dm question', 'A private DM question', at(6));

      expect(await b.topUnanswered(10, GUILD_A)).toEqual([
        {
          normalised: 'what is deepseek valuation',
          example: 'A: valuation again',
          count: 2,
          firstAsked: at(1).toISOString(),
          lastAsked: at(2).toISOString(),
        },
        {
          normalised: 'secret plans of server a',
          example: 'Secret plans of server A?',
          count: 1,
          firstAsked: at(3).toISOString(),
          lastAsked: at(3).toISOString(),
        },
      ]);
      expect(await a.topUnanswered(10, WORKSPACE_B)).toEqual([
        {
          normalised: 'has japan banned deepseek',
          example: 'B: Japan?',
          count: 1,
          firstAsked: at(5).toISOString(),
          lastAsked: at(5).toISOString(),
        },
        {
          normalised: 'what is deepseek valuation',
          example: 'B: valuation?',
          count: 1,
          firstAsked: at(4).toISOString(),
          lastAsked: at(4).toISOString(),
        },
      ]);
      expect(await a.topUnanswered(10, 'discord:guild-nobody-asked-in')).toEqual([]);

      // The operator: per question, the counts of every tenant summed, the first and the last asking,
      // and the latest example.
      expect(await a.topUnanswered(10)).toEqual([
        {
          normalised: 'what is deepseek valuation',
          example: 'B: valuation?',
          count: 3,
          firstAsked: at(1).toISOString(),
          lastAsked: at(4).toISOString(),
        },
        {
          normalised: 'private dm question',
          example: 'A private DM question',
          count: 1,
          firstAsked: at(6).toISOString(),
          lastAsked: at(6).toISOString(),
        },
        {
          normalised: 'has japan banned deepseek',
          example: 'B: Japan?',
          count: 1,
          firstAsked: at(5).toISOString(),
          lastAsked: at(5).toISOString(),
        },
        {
          normalised: 'secret plans of server a',
          example: 'Secret plans of server A?',
          count: 1,
          firstAsked: at(3).toISOString(),
          lastAsked: at(3).toISOString(),
        },
      ]);
      expect((await b.topUnanswered(2)).map((q) => [q.normalised, q.count])).toEqual([
        ['what is deepseek valuation', 3],
        ['private dm question', 1],
      ]);
    });

    it('loses no count when two instances record the same question in two tenants at once', async () => {
      const a = (await open()).insights;
      const b = (await open()).insights;
      const at = new Date('2026-11-29T09:00:00Z');
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? a : b).recordUnanswered(
            i % 3 ? GUILD_A : WORKSPACE_B,
            'has japan banned deepseek',
            'q',
            at,
          ),
        ),
      );
      expect((await a.topUnanswered(5, GUILD_A)).map((q) => q.count)).toEqual([20]);
      expect((await b.topUnanswered(5, WORKSPACE_B)).map((q) => q.count)).toEqual([10]);
      expect((await b.topUnanswered(5)).map((q) => [q.normalised, q.count])).toEqual([
        ['has japan banned deepseek', 30],
      ]);
    });

    it('upgrades a database from before tenants, keeping its questions for the operator’s view only', async () => {
      const askedOn = (day: number) => new Date(Date.UTC(2026, 10, day, 12)).toISOString();
      await backend.createBeforeTenants([
        {
          normalised: 'what is deepseek valuation',
          example: 'What is DeepSeek’s valuation?',
          count: 4,
          firstAsked: askedOn(1),
          lastAsked: askedOn(3),
        },
        {
          normalised: 'has japan banned deepseek',
          example: 'Has Japan banned DeepSeek?',
          count: 2,
          firstAsked: askedOn(2),
          lastAsked: askedOn(2),
        },
      ]);
      const [first, second] = await Promise.all([open(), open()]);
      expect(await first.schemaVersion()).toBe(backend.schemaVersion);
      expect(await second.schemaVersion()).toBe(backend.schemaVersion);
      const legacy = [
        {
          normalised: 'what is deepseek valuation',
          example: 'What is DeepSeek’s valuation?',
          count: 4,
          firstAsked: askedOn(1),
          lastAsked: askedOn(3),
        },
        {
          normalised: 'has japan banned deepseek',
          example: 'Has Japan banned DeepSeek?',
          count: 2,
          firstAsked: askedOn(2),
          lastAsked: askedOn(2),
        },
      ];
      expect(await first.insights.topUnanswered(10)).toEqual(legacy);
      // Nobody knows where they were asked, so no server's or workspace's admins see them.
      expect(await first.insights.topUnanswered(10, GUILD_A)).toEqual([]);
      expect(await first.insights.topUnanswered(10, 'console')).toEqual([]);
      expect(await first.insights.topUnanswered(10, 'discord:dm')).toEqual([]);
      // The other tables' rows are kept too.
      expect(await second.insights.feedbackFor('texas-ban')).toEqual({ up: 1, down: 0 });
      expect((await second.schedules.list()).map((s) => [s.id, s.scope])).toEqual([['old123', 'guild-1']]);

      // New askings count per tenant and never merge into the old row; the operator sees the sum.
      const now = new Date(Date.UTC(2026, 10, 29, 9));
      await second.insights.recordUnanswered(GUILD_A, 'has japan banned deepseek', 'Japan?', now);
      expect(await first.insights.topUnanswered(10, GUILD_A)).toEqual([
        {
          normalised: 'has japan banned deepseek',
          example: 'Japan?',
          count: 1,
          firstAsked: now.toISOString(),
          lastAsked: now.toISOString(),
        },
      ]);
      expect((await first.insights.topUnanswered(10)).map((q) => [q.normalised, q.count, q.example])).toEqual(
        [
          ['what is deepseek valuation', 4, 'What is DeepSeek’s valuation?'],
          ['has japan banned deepseek', 3, 'Japan?'],
        ],
      );
      expect((await first.insights.topUnanswered(10)).at(1)?.firstAsked).toBe(askedOn(2));

      // Opening the upgraded database again changes nothing.
      const again = await open();
      expect(await again.schemaVersion()).toBe(backend.schemaVersion);
      expect((await again.insights.topUnanswered(10)).map((q) => [q.normalised, q.count])).toEqual([
        ['what is deepseek valuation', 4],
        ['has japan banned deepseek', 3],
      ]);
    });

    it('counts votes on answers per fact', async () => {
      const a = (await open()).insights;
      const b = (await open()).insights;
      const vote = {
        platform: 'discord' as Platform,
        userId: 'u1',
        factId: 'texas-ban',
        question: 'did texas ban it',
      };
      await a.recordFeedback({ ...vote, vote: 'up' });
      await b.recordFeedback({ ...vote, userId: 'u2', vote: 'up' });
      await b.recordFeedback({ ...vote, vote: 'down' });
      await a.recordFeedback({ ...vote, factId: 'nvidia-drop', vote: 'down' });
      expect(await a.feedbackFor('texas-ban')).toEqual({ up: 2, down: 1 });
      expect(await b.feedbackFor('nvidia-drop')).toEqual({ up: 0, down: 1 });
      expect(await b.feedbackFor('nosuch')).toEqual({ up: 0, down: 0 });
    });
  });

  describe(`${backend.name}: two schedulers`, () => {
    it('two Scheduler instances, each with its own connection, post each slot once', async () => {
      const clock = fakeClock('2026-11-29T07:00:00Z');
      const instances = await Promise.all(
        ['a', 'b'].map(async (instanceId) => {
          const { schedules } = await open();
          const recording = recordingAdapter();
          const { scheduler, dispatcher } = schedulingCore({ store: schedules, clock, instanceId });
          dispatcher.attach(recording.adapter);
          return { scheduler, schedules, posts: recording.posts };
        }),
      );
      const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
      const added = await a.scheduler.add({
        platform: 'console',
        channelId: 'news',
        scope: null,
        spec: 'hourly',
        timezone: 'UTC',
        createdBy: 'admin',
      });
      if (!added.ok) throw new Error(added.error);
      for (let hour = 8; hour <= 13; hour++) {
        clock.set(`2026-11-29T${String(hour).padStart(2, '0')}:00:01Z`);
        await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
      }
      expect(a.posts.length + b.posts.length).toBe(6);
      const slots = await b.schedules.slots(added.value.id);
      expect(slots.map((s) => `${s.slot} ${s.status}`)).toEqual(
        [8, 9, 10, 11, 12, 13].map((h) => `2026-11-29T${String(h).padStart(2, '0')}:00:00.000Z posted`),
      );
      expect(slots.filter((s) => s.owner === 'a')).toHaveLength(a.posts.length);
      expect(await a.schedules.get(added.value.id)).toMatchObject({
        cursor: '2026-11-29T13:00:00.000Z',
        lastSlot: '2026-11-29T13:00:00.000Z',
        lastOutcome: 'posted: ok',
        status: 'active',
      });
    });
  });
}
