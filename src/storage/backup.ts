import { existsSync, renameSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { damageOf } from './database.ts';
import { SCHEMA_VERSION } from './migrations.ts';

/** A backup or restore that was refused or failed; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** What a backup or restore did, for the operator. */
export interface BackupReport {
  /** The file written. */
  file: string;
  /** Pages copied (SQLite pages, 4 KiB each by default). */
  pages: number;
  /** Where the database that a restore replaced was kept, when there was one. */
  keptAs?: string;
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/**
 * Why a file cannot be used as this bot's database, or undefined when it can: it must be a SQLite
 * file that passes quick_check, at a schema version this bot knows, with the bot's tables in it.
 */
function problemWith(path: string): string | undefined {
  if (!existsSync(path)) return `${path} does not exist`;
  if (statSync(path).size === 0) return `${path} is empty (0 bytes)`;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const damage = damageOf(db, path);
    if (damage) return damage;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      return `${path} has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}: upgrade the bot first`;
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schedules'").get();
    if (version < 1 || !table) return `${path} is a SQLite file, but not this bot's database`;
    return undefined;
  } catch (error) {
    return `${path} is not a SQLite database (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}

/**
 * Copies one SQLite file to another through SQLite's online backup, so a running bot may keep
 * writing. A standalone copy (a backup) is taken out of WAL mode: it is one self-contained file.
 */
async function copy(from: string, to: string, { standalone = false } = {}): Promise<number> {
  const source = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
  let totalPages: number;
  try {
    // The busy timeout lets the copy wait out a write in progress rather than fail.
    source.pragma('busy_timeout = 5000');
    ({ totalPages } = await source.backup(to));
  } finally {
    source.close();
  }
  if (standalone) {
    const written = new BetterSqlite3(to, { fileMustExist: true });
    try {
      written.pragma('journal_mode = DELETE');
    } finally {
      written.close();
    }
  }
  return totalPages;
}

/**
 * Writes a consistent copy of the database at `dbPath` to `file` while the bot may be running
 * (SQLite's online backup API: pages written meanwhile are copied again). Refuses to overwrite.
 */
export async function backupDatabase(dbPath: string, file: string): Promise<BackupReport> {
  const problem = problemWith(dbPath);
  if (problem) throw new BackupError(`Cannot back up: ${problem}.`);
  if (existsSync(file)) throw new BackupError(`Not overwriting ${file}: choose a new file name.`);
  try {
    return { file, pages: await copy(dbPath, file, { standalone: true }) };
  } catch (error) {
    throw new BackupError(`Cannot write ${file} (${(error as Error).message}).`);
  }
}

/**
 * Replaces the database at `dbPath` with the backup in `file`, after checking the backup is a
 * sound database of this bot. The database it replaces is never lost: a sound one is first backed
 * up beside it (`<dbPath>.before-restore-<time>`); a damaged one is moved aside
 * (`<dbPath>.damaged-<time>`, with its -wal and -shm files).
 */
export async function restoreDatabase(file: string, dbPath: string, now = new Date()): Promise<BackupReport> {
  const problem = problemWith(file);
  if (problem) throw new BackupError(`Not restoring: ${problem}.`);
  let keptAs: string | undefined;
  if (existsSync(dbPath)) {
    if (problemWith(dbPath) === undefined) {
      keptAs = `${dbPath}.before-restore-${stamp(now)}`;
      await copy(dbPath, keptAs, { standalone: true });
    } else {
      // A damaged file cannot be written over page by page; it is moved aside whole.
      keptAs = `${dbPath}.damaged-${stamp(now)}`;
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, keptAs + suffix);
      }
      renameSync(dbPath, keptAs);
    }
  }
  try {
    const pages = await copy(file, dbPath);
    return keptAs ? { file: dbPath, pages, keptAs } : { file: dbPath, pages };
  } catch (error) {
    throw new BackupError(
      `Restoring into ${dbPath} failed (${(error as Error).message})${keptAs ? `; the previous database is kept as ${keptAs}` : ''}.`,
    );
  }
}
