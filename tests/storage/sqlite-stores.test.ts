import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { DbInsightsStore } from '../../src/insights/store.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { openSqlite, schemaVersionOf } from '../../src/storage/database.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { OTHER_ROWS_BEFORE_TENANTS, VERSION_BEFORE_TENANTS } from './schema-before-tenants.ts';
import { defineStoreContract } from './store-contract.ts';

let dir: string;
let path: string;
let databases = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-store-contract-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

defineStoreContract({
  name: 'SQLite',
  schemaVersion: SCHEMA_VERSION,
  async freshDatabase() {
    path = join(dir, `test-${++databases}.db`);
  },
  async open() {
    // A file opened twice is two connections, as two bot processes on one machine would have.
    const database = openSqlite(path);
    return {
      schedules: new DbScheduleStore(database),
      insights: new DbInsightsStore(database),
      schemaVersion: () => schemaVersionOf(database),
      close: () => database.close(),
    };
  },
  async createBeforeTenants(unanswered) {
    const db = new Database(path);
    try {
      for (const sql of MIGRATIONS.sqlite.slice(0, VERSION_BEFORE_TENANTS)) db.exec(sql);
      for (const sql of OTHER_ROWS_BEFORE_TENANTS) db.exec(sql);
      const insert = db.prepare(
        'INSERT INTO unanswered (normalised, example, count, first_asked, last_asked) VALUES (?, ?, ?, ?, ?)',
      );
      for (const q of unanswered) insert.run(q.normalised, q.example, q.count, q.firstAsked, q.lastAsked);
      db.pragma(`user_version = ${VERSION_BEFORE_TENANTS}`);
    } finally {
      db.close();
    }
  },
});
