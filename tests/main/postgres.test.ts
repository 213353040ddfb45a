import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations.ts';
import { scratchDatabase } from '../scratch-database.ts';

const run = promisify(execFile);

describe('npm start with DATABASE_URL: the stores on PostgreSQL', () => {
  const { databaseUrl } = scratchDatabase('ai_news_bot');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-news-bot-postgres-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates the database, records what the console bot could not answer there, and exits when done', async () => {
    const dbPath = join(dir, 'never-created.db');
    const child = run(process.execPath, ['--import', 'tsx', 'src/main.ts', '--console'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DB_PATH: dbPath,
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: '',
      },
    });
    child.child.stdin?.end('What is DeepSeek’s valuation?\n');
    // Resolving at all means the process ended by itself: closing the stores ended the pool.
    await child;

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const version = await db.query('SELECT max(version) AS version FROM schema_version');
      expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
      const unanswered = await db.query('SELECT tenant, normalised, count FROM unanswered');
      expect(unanswered.rows).toEqual([
        { tenant: 'console', normalised: 'what is deepseek valuation', count: 1 },
      ]);
    } finally {
      await db.end();
    }
    expect(existsSync(dbPath)).toBe(false);
  }, 30_000);
});
