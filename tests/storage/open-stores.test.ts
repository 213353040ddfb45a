import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { MemoryRequestLedger } from '../../src/core/request-ledger.ts';
import { openSqlite } from '../../src/storage/database.ts';
import { SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { openStores, pingDatabase } from '../../src/storage/open-stores.ts';
import { DbRequestLedger } from '../../src/storage/request-ledger.ts';
import { scratchDatabase } from '../scratch-database.ts';

const schedule = {
  platform: 'discord' as const,
  channelId: 'news',
  scope: 'guild-1',
  spec: 'daily 09:00',
  cron: '0 9 * * *',
  timezone: 'UTC',
  createdBy: 'admin',
  createdAt: '2026-11-30T09:00:00.000Z',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-open-stores-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openStores without DATABASE_URL: the SQLite file', () => {
  it('opens the stores on the file at DB_PATH, creating its folder, with the request ledger in memory', async () => {
    const dbPath = join(dir, 'new-folder', 'bot.db');
    const first = await openStores({ dbPath }, silentLogger());
    expect(first.ledger).toBeInstanceOf(MemoryRequestLedger);
    const added = await first.store.add(schedule, 10);
    await first.insights.recordUnanswered('discord:guild-1', 'q', 'Q?', new Date());
    await first.close();

    const again = await openStores({ dbPath }, silentLogger());
    try {
      expect(await again.store.list()).toEqual([added]);
      expect((await again.insights.topUnanswered(5)).map((q) => q.normalised)).toEqual(['q']);
    } finally {
      await again.close();
    }
  });

  it('refuses an empty file instead of starting a new database in its place, naming DB_PATH', async () => {
    const dbPath = join(dir, 'truncated.db');
    writeFileSync(dbPath, '');
    const failure = openStores({ dbPath }, silentLogger());
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(`DB_PATH: ${dbPath} is empty (0 bytes), not a database`);
    // Nothing was written to it.
    expect(readFileSync(dbPath).length).toBe(0);
  });

  it('refuses a damaged file at start, naming DB_PATH, rather than failing on the first command', async () => {
    const dbPath = join(dir, 'damaged.db');
    const stores = await openStores({ dbPath }, silentLogger());
    for (let i = 0; i < 50; i++) await stores.store.add({ ...schedule, channelId: `c${i}` }, 100);
    await stores.close();
    // Random bytes over the database's third page, as a bad disk or a torn copy leaves them.
    const bytes = readFileSync(dbPath);
    randomBytes(4096).copy(bytes, 2 * 4096);
    writeFileSync(dbPath, bytes);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    const failure = openStores({ dbPath }, silentLogger());
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(/^Invalid configuration:\n {2}DB_PATH: /);
  });

  it('readiness ping: reads and tries a write, so a database that has become read-only is reported', async () => {
    const database = openSqlite(join(dir, 'ping.db'));
    try {
      await expect(pingDatabase(database)).resolves.toBeUndefined();
      // As a file remounted read-only or a lock on the connection would: reads work, writes are refused.
      await sql`PRAGMA query_only = 1`.execute(database.kysely);
      await expect(database.kysely.selectFrom('schedules').selectAll().execute()).resolves.toEqual([]);
      await expect(pingDatabase(database)).rejects.toThrow(/readonly|read-only/i);
    } finally {
      await database.close();
    }
  });

  it('names DB_PATH when the file cannot be opened', async () => {
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, '');
    const failure = openStores({ dbPath: join(notAFolder, 'bot.db') }, silentLogger());
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(`DB_PATH: cannot open ${join(notAFolder, 'bot.db')} (`);
  });
});

describe('openStores with DATABASE_URL: PostgreSQL, shared by instances', () => {
  // A database of its own: openStores keeps its tables in the default schema.
  const { databaseUrl, serverUrl: testUrl } = scratchDatabase('ai_news_open_stores');

  it('gives two instances the same schedules, insights and request ledger', async () => {
    const a = await openStores({ dbPath: join(dir, 'unused.db'), databaseUrl }, silentLogger());
    const b = await openStores({ dbPath: join(dir, 'unused.db'), databaseUrl }, silentLogger());
    try {
      expect(a.ledger).toBeInstanceOf(DbRequestLedger);
      const added = await a.store.add(schedule, 10);
      expect(await b.store.get(added.id)).toEqual(added);
      await b.insights.recordFeedback({
        platform: 'discord',
        userId: 'u1',
        factId: 'texas-ban',
        question: 'q',
        vote: 'up',
      });
      expect(await a.insights.feedbackFor('texas-ban')).toEqual({ up: 1, down: 0 });
      expect(await a.ledger.take('user-1', 1, 60_000)).toBe(0);
      expect(await b.ledger.take('user-1', 1, 60_000)).toBeGreaterThan(59_000);
      expect(await b.ledger.claimEvent('Ev1', 60_000)).toBe(true);
      expect(await a.ledger.claimEvent('Ev1', 60_000)).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('names DATABASE_URL and the host when the database cannot be used, never the password', async () => {
    const wrongPassword = Object.assign(new URL(databaseUrl), { password: 'hunter2-wrong' }).toString();
    const failure = openStores(
      { dbPath: join(dir, 'unused.db'), databaseUrl: wrongPassword },
      silentLogger(),
    );
    await expect(failure).rejects.toThrow(ConfigError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain(`DATABASE_URL: cannot use the database at ${testUrl.host} (`);
    expect(message).toContain('password authentication failed');
    expect(message).not.toContain('hunter2');

    const unreachable = openStores(
      { dbPath: join(dir, 'unused.db'), databaseUrl: 'postgres://bot:hunter2@127.0.0.1:1/ai_news' },
      silentLogger(),
    );
    await expect(unreachable).rejects.toThrow('DATABASE_URL: cannot use the database at 127.0.0.1:1 (');
  });

  it('refuses a database migrated by a newer version of the bot, naming DATABASE_URL and both versions', async () => {
    // Migrated to this version first, then marked as a later bot would leave it.
    await (await openStores({ dbPath: join(dir, 'unused.db'), databaseUrl }, silentLogger())).close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('INSERT INTO schema_version (version) VALUES (999)');
      const failure = openStores({ dbPath: join(dir, 'unused.db'), databaseUrl }, silentLogger());
      await expect(failure).rejects.toThrow(ConfigError);
      await expect(failure).rejects.toThrow(
        new RegExp(`DATABASE_URL: .*schema version 999, newer than this bot's ${SCHEMA_VERSION}`),
      );
      // Nothing was changed: the newer bot's data is left as it was.
      const { rows } = await client.query('SELECT max(version) AS v FROM schema_version');
      expect(rows[0].v).toBe(999);
    } finally {
      await client.query('DELETE FROM schema_version WHERE version = 999');
      await client.end();
    }
  });
});
