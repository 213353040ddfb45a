import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { DbInsightsStore } from '../../src/insights/store.ts';
import { DbScheduleStore } from '../../src/scheduler/store.ts';
import { openPostgres, schemaVersionOf } from '../../src/storage/database.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { OTHER_ROWS_BEFORE_TENANTS, VERSION_BEFORE_TENANTS } from './schema-before-tenants.ts';
import { defineStoreContract } from './store-contract.ts';

const url = inject('testDatabaseUrl');
// Every test gets its own schema in the test database; this file drops all of them at the end, so
// runs and parallel test files never see each other's rows.
const prefix = `ai_news_test_${process.pid}_${randomBytes(3).toString('hex')}`;
const schemas: string[] = [];
let admin: pg.Pool;

beforeAll(async () => {
  admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query('SELECT 1'); // fails here, clearly, when the server is not there
});
afterAll(async () => {
  for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

defineStoreContract({
  name: 'PostgreSQL',
  schemaVersion: SCHEMA_VERSION,
  async freshDatabase() {
    schemas.push(`${prefix}_${schemas.length + 1}`);
  },
  async open() {
    const database = await openPostgres(url, { schema: schemas.at(-1) as string, max: 4 });
    return {
      schedules: new DbScheduleStore(database),
      insights: new DbInsightsStore(database),
      schemaVersion: () => schemaVersionOf(database),
      close: () => database.close(),
    };
  },
  async createBeforeTenants(unanswered) {
    const schema = schemas.at(-1) as string;
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      // As the migrations of version 2 recorded themselves.
      await client.query(
        `CREATE TABLE schema_version (
           version INTEGER PRIMARY KEY,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      for (const sql of MIGRATIONS.postgres.slice(0, VERSION_BEFORE_TENANTS)) await client.query(sql);
      for (let version = 1; version <= VERSION_BEFORE_TENANTS; version++) {
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
      }
      for (const sql of OTHER_ROWS_BEFORE_TENANTS) await client.query(sql);
      for (const q of unanswered) {
        await client.query(
          'INSERT INTO unanswered (normalised, example, count, first_asked, last_asked) VALUES ($1, $2, $3, $4, $5)',
          [q.normalised, q.example, q.count, q.firstAsked, q.lastAsked],
        );
      }
    } finally {
      await client.end();
    }
  },
});
