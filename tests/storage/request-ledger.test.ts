import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { EVENT_MEMORY_MS, MemoryRequestLedger } from '../../src/core/request-ledger.ts';
import { type Database, openPostgres, openSqlite } from '../../src/storage/database.ts';
import { DbRequestLedger } from '../../src/storage/request-ledger.ts';

/** A backend's databases: each test gets a new one, which it may open as often as it likes. */
interface LedgerBackend {
  name: string;
  fresh(): void;
  open(): Promise<Database>;
}

let dir: string;
let sqlitePath: string;
const url = inject('testDatabaseUrl');
const prefix = `ai_news_ledger_${process.pid}_${randomBytes(3).toString('hex')}`;
const schemas: string[] = [];
let admin: pg.Pool;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-ledger-'));
  admin = new pg.Pool({ connectionString: url, max: 1 });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const backends: LedgerBackend[] = [
  {
    name: 'SQLite',
    fresh() {
      sqlitePath = join(dir, `ledger-${randomBytes(4).toString('hex')}.db`);
    },
    async open() {
      return openSqlite(sqlitePath);
    },
  },
  {
    name: 'PostgreSQL',
    fresh() {
      schemas.push(`${prefix}_${schemas.length + 1}`);
    },
    open() {
      return openPostgres(url, { schema: schemas.at(-1) as string, max: 4 });
    },
  },
];

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 30, 9)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe.each(backends)('$name: the request ledger in the database', (backend) => {
  let opened: Database[];

  async function open(): Promise<Database> {
    const database = await backend.open();
    opened.push(database);
    return database;
  }

  beforeEach(() => {
    opened = [];
    backend.fresh();
  });
  afterEach(async () => {
    for (const database of opened) await database.close();
  });

  it('allows `limit` requests in any window and says how long until the next, as the memory ledger does', async () => {
    const clock = manualClock();
    const ledger = new DbRequestLedger(await open(), { now: clock.now });
    const memory = new MemoryRequestLedger(clock.now);
    const both = async (key: string) => {
      const [fromDb, fromMemory] = await Promise.all([
        ledger.take(key, 3, 10_000),
        memory.take(key, 3, 10_000),
      ]);
      expect(fromDb).toBe(fromMemory);
      return fromDb;
    };
    expect(await both('u1')).toBe(0);
    clock.advance(1000);
    expect(await both('u1')).toBe(0);
    clock.advance(1000);
    expect(await both('u1')).toBe(0);
    expect(await both('u1')).toBe(8000); // the first of the three leaves the window in 8 s
    expect(await both('u2')).toBe(0); // another user has a limit of their own
    clock.advance(4000);
    expect(await both('u1')).toBe(4000);
    clock.advance(3999);
    expect(await both('u1')).toBe(1);
    clock.advance(1); // the first request has left the window
    expect(await both('u1')).toBe(0);
    expect(await both('u1')).toBe(1000); // now the second is the oldest
    // Refused requests are not counted: once the window has passed, all three places are free again.
    clock.advance(10_000);
    expect([await both('u1'), await both('u1'), await both('u1'), await both('u1')]).toEqual([
      0, 0, 0, 10_000,
    ]);
  });

  it('claims an event id once within its time to live, from any instance', async () => {
    const clock = manualClock();
    const a = new DbRequestLedger(await open(), { now: clock.now });
    const b = new DbRequestLedger(await open(), { now: clock.now });
    expect(await a.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(true);
    expect(await a.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(false);
    expect(await b.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(false);
    expect(await b.claimEvent('Ev2', EVENT_MEMORY_MS)).toBe(true);
    clock.advance(EVENT_MEMORY_MS - 1);
    expect(await b.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(false);
    clock.advance(1);
    expect(await b.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(true);
    expect(await a.claimEvent('Ev1', EVENT_MEMORY_MS)).toBe(false);
  });

  it('never allows more than the limit when two instances take for one key at once', async () => {
    const a = new DbRequestLedger(await open());
    const b = new DbRequestLedger(await open());
    const waits = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).take('busy-user', 7, 60_000)),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(7);
    expect(waits.filter((wait) => wait > 0 && wait <= 60_000)).toHaveLength(53);
    const rows = await opened[0]?.kysely
      .selectFrom('requestTakes')
      .select('key')
      .where('key', '=', 'busy-user')
      .execute();
    expect(rows).toHaveLength(7);
  });

  it('lets exactly one of two instances claiming the same events at once have each', async () => {
    const a = new DbRequestLedger(await open());
    const b = new DbRequestLedger(await open());
    const ids = Array.from({ length: 20 }, (_, i) => `Ev${i}`);
    const claims = await Promise.all(
      ids.map(async (id) => {
        const [byA, byB] = await Promise.all([a.claimEvent(id, 60_000), b.claimEvent(id, 60_000)]);
        return Number(byA) + Number(byB);
      }),
    );
    expect(claims).toEqual(ids.map(() => 1));
  });

  it('deletes requests past their window and events past an hour beyond the newest few, now and then', async () => {
    const clock = manualClock();
    const database = await open();
    const ledger = new DbRequestLedger(database, { now: clock.now, minEvents: 3 });
    const remaining = async () => ({
      takes: (await database.kysely.selectFrom('requestTakes').select('key').orderBy('key').execute()).map(
        (r) => r.key,
      ),
      events: (
        await database.kysely.selectFrom('requestEvents').select('eventId').orderBy('eventId').execute()
      ).map((r) => r.eventId),
    });
    for (let i = 1; i <= 6; i++) {
      await ledger.claimEvent(`old-${i}`, 60_000);
      clock.advance(1);
    }
    await ledger.take('short-window', 5, 1000);
    await ledger.take('long-window', 5, 3 * EVENT_MEMORY_MS);
    expect(await remaining()).toEqual({
      takes: ['long-window', 'short-window'],
      events: ['old-1', 'old-2', 'old-3', 'old-4', 'old-5', 'old-6'],
    });

    // An hour and more later: the old events beyond the newest 3, and the request out of its window, go.
    clock.advance(EVENT_MEMORY_MS + 60_000);
    await ledger.claimEvent('new-1', 60_000);
    expect(await remaining()).toEqual({
      takes: ['long-window'],
      events: ['new-1', 'old-5', 'old-6'],
    });
    // Within the minute nothing more is deleted; after it, the hour's events stay however many there are.
    for (let i = 2; i <= 5; i++) await ledger.claimEvent(`new-${i}`, 60_000);
    clock.advance(60_000);
    await ledger.claimEvent('new-6', 60_000);
    expect((await remaining()).events).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6']);
  });
});

describe('the in-memory ledger of one process', () => {
  it('remembers an event through 10,000 others within the hour Slack retries for', async () => {
    let now = 0;
    const ledger = new MemoryRequestLedger(() => now);
    expect(await ledger.claimEvent('Ev-first', EVENT_MEMORY_MS)).toBe(true);
    for (let i = 0; i < 10_000; i++) await ledger.claimEvent(`Ev-${i}`, EVENT_MEMORY_MS);
    // Slack retries the first one: still remembered, so it is not answered twice.
    expect(await ledger.claimEvent('Ev-first', EVENT_MEMORY_MS)).toBe(false);
    now = EVENT_MEMORY_MS + 1;
    // Past the hour Slack retries for, the same id is a new event.
    expect(await ledger.claimEvent('Ev-5000', EVENT_MEMORY_MS)).toBe(true);
  });
});
