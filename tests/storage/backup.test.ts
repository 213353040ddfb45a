import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DbScheduleStore, type NewSchedule } from '../../src/scheduler/store.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/storage/backup.ts';
import { openSqlite } from '../../src/storage/database.ts';

const run = promisify(execFile);

function schedule(channelId: string): NewSchedule {
  return {
    platform: 'slack',
    channelId,
    scope: 'T1',
    spec: 'daily 09:00',
    cron: '0 9 * * *',
    timezone: 'UTC',
    createdBy: 'U1',
    createdAt: '2026-11-30T09:00:00.000Z',
  };
}

async function channelsIn(path: string): Promise<string[]> {
  const database = openSqlite(path);
  try {
    return (await new DbScheduleStore(database).list()).map((s) => s.channelId).sort();
  } finally {
    await database.close();
  }
}

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ai-news-backup-'));
  dbPath = join(dir, 'ai-news.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('database backup and restore', () => {
  it('backs up while the bot holds the database open and writes, and restores what was backed up', async () => {
    const live = openSqlite(dbPath);
    const store = new DbScheduleStore(live);
    await store.add(schedule('C-before'), 10);
    const backup = join(dir, 'backup.db');
    const report = await backupDatabase(dbPath, backup);
    expect(report.pages).toBeGreaterThan(0);
    // The backup is one self-contained file, not in WAL mode.
    expect(existsSync(`${backup}-wal`)).toBe(false);
    const check = new BetterSqlite3(backup, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();

    await store.add(schedule('C-after'), 10);
    await live.close();
    expect(await channelsIn(dbPath)).toEqual(['C-after', 'C-before']);

    const restored = await restoreDatabase(backup, dbPath, new Date('2026-11-30T12:00:00Z'));
    expect(await channelsIn(dbPath)).toEqual(['C-before']);
    // The database it replaced is kept, whole.
    expect(restored.keptAs).toBe(`${dbPath}.before-restore-2026-11-30T12-00-00-000Z`);
    expect(await channelsIn(restored.keptAs as string)).toEqual(['C-after', 'C-before']);
  });

  it('never overwrites an existing file with a backup', async () => {
    await openSqlite(dbPath).close();
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'keep me');
    await expect(backupDatabase(dbPath, taken)).rejects.toThrow(/Not overwriting .*taken\.db/);
  });

  it('refuses to restore a file that is not a sound database of this bot, and leaves the database alone', async () => {
    const store = openSqlite(dbPath);
    await new DbScheduleStore(store).add(schedule('C-kept'), 10);
    await store.close();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254]));
    await expect(restoreDatabase(junk, dbPath)).rejects.toThrow(/not a SQLite database/);
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    await expect(restoreDatabase(empty, dbPath)).rejects.toThrow(/empty \(0 bytes\)/);
    const other = join(dir, 'other.db');
    const foreign = new BetterSqlite3(other);
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    await expect(restoreDatabase(other, dbPath)).rejects.toThrow(/not this bot's database/);
    const newer = join(dir, 'newer.db');
    await backupDatabase(dbPath, newer);
    const bump = new BetterSqlite3(newer);
    bump.pragma('user_version = 999');
    bump.close();
    await expect(restoreDatabase(newer, dbPath)).rejects.toThrow(/schema version 999, newer than/);
    await expect(restoreDatabase(join(dir, 'missing.db'), dbPath)).rejects.toBeInstanceOf(BackupError);
    expect(await channelsIn(dbPath)).toEqual(['C-kept']);
  });

  it('restores over a damaged database by moving the damaged file aside', async () => {
    const store = openSqlite(dbPath);
    await new DbScheduleStore(store).add(schedule('C-good'), 10);
    await store.close();
    const backup = join(dir, 'backup.db');
    await backupDatabase(dbPath, backup);
    writeFileSync(dbPath, ''); // truncated to 0 bytes: the bot refuses to start on it
    await expect(backupDatabase(dbPath, join(dir, 'second.db'))).rejects.toThrow(/Cannot back up: .*empty/);
    const { keptAs } = await restoreDatabase(backup, dbPath, new Date('2026-11-30T12:00:00Z'));
    expect(keptAs).toBe(`${dbPath}.damaged-2026-11-30T12-00-00-000Z`);
    expect(existsSync(keptAs as string)).toBe(true);
    expect(await channelsIn(dbPath)).toEqual(['C-good']);
  });
});

describe('npm run db', () => {
  const db = (args: string[], env: Record<string, string>) =>
    run('npm', ['run', '--silent', 'db', '--', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('backs up and restores DB_PATH, and says what it did', async () => {
    await openSqlite(dbPath).close();
    const backup = join(dir, 'nightly.db');
    const made = await db(['backup', backup], { DB_PATH: dbPath });
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^Backed up ${dbPath} to ${backup} \\(\\d+ pages\\)\\.\\n$`));
    const again = await db(['backup', backup], { DB_PATH: dbPath });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Not overwriting ${backup}`);
    const restored = await db(['restore', backup], { DB_PATH: dbPath });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .* The database it replaced is kept as .*before-restore-/);
    expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toHaveLength(1);
  });

  it('explains misuse, PostgreSQL and :memory: instead of doing something surprising', async () => {
    const usage = await db(['backup'], { DB_PATH: dbPath });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('npm run db -- backup <file>');
    const pg = await db(['backup', join(dir, 'x.db')], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain('pg_dump');
    const memory = await db(['backup', join(dir, 'x.db')], { DB_PATH: ':memory:' });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('DB_PATH is :memory:');
  });
});
