import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { type Database, openPostgres, openSqlite } from '../../src/storage/database.ts';

const url = inject('testDatabaseUrl');
const schema = `ai_news_bytewise_${process.pid}_${randomBytes(3).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'ai-news-bytewise-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

const backends: { name: string; open: () => Promise<Database> }[] = [
  { name: 'SQLite', open: async () => openSqlite(join(dir, 'bot.db')) },
  { name: 'PostgreSQL', open: () => openPostgres(url, { schema }) },
];

// Cursors, slots and creation times are compared as text. A locale's collation (the test database's
// default is ICU en-US, as production databases usually have a locale's) puts "b" before "C"; bytewise,
// as SQLite compares, "C" (0x43) comes first. Real times never differ in case; these make the two differ.
describe.each(backends)('$name: text times compare bytewise', ({ open }) => {
  it('orders schedules by creation time and moves cursors forward bytewise', async () => {
    const database = await open();
    try {
      const store = new DbScheduleStore(database);
      const common = { platform: 'console' as const, channelId: 'news', scope: null, spec: 'hourly' };
      const lower = await store.add(
        { ...common, cron: '0 * * * *', timezone: 'UTC', createdBy: 'a', createdAt: 'b-time' },
        10,
      );
      const upper = await store.add(
        { ...common, cron: '0 * * * *', timezone: 'UTC', createdBy: 'a', createdAt: 'C-time' },
        10,
      );
      expect((await store.list()).map((s) => s.id)).toEqual([upper.id, lower.id]);
      await store.advanceCursor(lower.id, 'C-later');
      expect((await store.get(lower.id))?.cursor).toBe('b-time');
      await store.advanceCursor(upper.id, 'b-later');
      expect((await store.get(upper.id))?.cursor).toBe('b-later');
    } finally {
      await database.close();
    }
  });
});
