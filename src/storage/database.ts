import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, type ColumnType, type Generated, Kysely, PostgresDialect, sql } from 'kysely';
import type { FeedbackEntry, Tenant, UnansweredQuestion } from '../insights/store.ts';
import type { Schedule, ScheduleStatus, SlotOutcome } from '../scheduler/store.ts';
import { type Dialect, migratePostgres, migrateSqlite, postgresVersionOf } from './migrations.ts';
import { WaitingSqliteDialect, withPreparedStatements } from './sqlite-dialect.ts';

/** A BIGINT column: PostgreSQL's driver reads it as a string (it may exceed 2^53), SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

/**
 * The bot's tables as queries see them: columns are snake_case in the database and camelCase here
 * (Kysely's CamelCasePlugin), so rows are the domain objects themselves.
 */
export interface Tables {
  schedules: Omit<Schedule, 'status' | 'consecutiveFailures' | 'chart'> & {
    status: Generated<ScheduleStatus>;
    consecutiveFailures: Generated<number>;
    /** 1 when the schedule's summary carries its chart, else 0. */
    chart: Generated<number>;
  };
  scheduleSlots: {
    scheduleId: string;
    slot: string;
    owner: string;
    status: Generated<SlotOutcome | 'claimed'>;
    detail: string | null;
    claimedAt: string;
    finishedAt: string | null;
  };
  unanswered: UnansweredQuestion & { tenant: Tenant; story: string | null };
  feedback: Omit<FeedbackEntry, 'story'> & {
    id: Generated<number | string>;
    createdAt: string;
    story: string | null;
  };
  requestTakes: { key: string; takenAt: BigIntColumn; expiresAt: BigIntColumn };
  requestEvents: { eventId: string; claimedAt: BigIntColumn };
  conversations: { key: string; turn: string; updatedAt: BigIntColumn };
  channelStories: { channel: string; story: string; chosenBy: string; chosenAt: string };
}

/** An open, migrated database of either dialect, shared by the stores. */
export interface Database {
  readonly dialect: Dialect;
  readonly kysely: Kysely<Tables>;
  /**
   * SQLite's count of changes other connections (another process on the file) committed: it moves
   * when one did, never for this connection's own writes. What this process read may be kept while it
   * stays the same. Absent on PostgreSQL, where other instances' writes cannot be seen so cheaply.
   */
  readonly othersChanges?: () => number;
  /** Closes the file or ends the pool; later calls do nothing. */
  close(): Promise<void>;
}

function database(dialect: Dialect, kysely: Kysely<Tables>, othersChanges?: () => number): Database {
  let closing: Promise<void> | undefined;
  return {
    dialect,
    kysely,
    ...(othersChanges ? { othersChanges } : {}),
    close() {
      closing ??= kysely.destroy();
      return closing;
    },
  };
}

const plugins = [new CamelCasePlugin()];

/** Opens (creating its folder) and migrates the bot's SQLite file; `:memory:` for a private database. */
export function openSqlite(path: string): Database {
  if (path !== ':memory:') {
    checkDatabaseFile(path);
    mkdirSync(dirname(path), { recursive: true });
  }
  const db = new BetterSqlite3(path);
  try {
    // A file damaged on disk is found now, not by the first command that reads the broken page.
    const damage = damageOf(db, path);
    if (damage) throw new DamagedDatabaseError(damage);
    // busy_timeout first: switching to WAL while another process holds the file must wait, not fail.
    db.pragma('busy_timeout = 5000');
    // WAL lets a second process read while one writes.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, path);
    // From here on a locked file is waited for by WaitingSqliteDialect, off the event loop's thread.
    db.pragma('busy_timeout = 0');
  } catch (error) {
    db.close();
    throw error;
  }
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  return database(
    'sqlite',
    new Kysely<Tables>({
      dialect: new WaitingSqliteDialect({ database: withPreparedStatements(db) }),
      plugins,
    }),
    () => dataVersion.get() as number,
  );
}

/** What SQLite's quick_check finds wrong with an open database file, or undefined when it is sound. */
export function damageOf(db: BetterSqlite3.Database, path: string): string | undefined {
  const check = db.pragma('quick_check', { simple: true });
  return check === 'ok' ? undefined : `${path} is damaged (quick_check: ${String(check).slice(0, 120)})`;
}

/** A database file that cannot be trusted: the bot must not start on it, nor quietly start a new one. */
export class DamagedDatabaseError extends Error {
  override name = 'DamagedDatabaseError';
}

/**
 * A database file is trusted only when it is one: an existing empty file (a truncated copy, a failed
 * restore) would otherwise silently become a new, empty database, and every schedule would be gone.
 * A file or folder the process cannot write is refused too, before anything depends on it.
 */
function checkDatabaseFile(path: string): void {
  if (existsSync(path)) {
    if (statSync(path).size === 0)
      throw new DamagedDatabaseError(
        `${path} is empty (0 bytes), not a database: restore it from a backup, or delete it to start anew`,
      );
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      throw new DamagedDatabaseError(
        `${path} cannot be written by this process: check its owner and permissions`,
      );
    }
    return;
  }
  let folder = dirname(path);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new DamagedDatabaseError(
      `${folder} cannot be written by this process, so the database cannot be created there`,
    );
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How openPostgres connects. */
export interface PostgresOptions {
  /** Keeps the bot's tables in this schema (created when missing) instead of the default search path. */
  schema?: string;
  /** The most connections this process opens. */
  max?: number;
  /** Told about a failure on an idle connection (e.g. the server restarted); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/** Connects to a postgres:// URL and migrates the database; safe when several processes start at once. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`“${schema}” is not a schema name this bot uses (lower-case letters, digits, _)`);
  }
  // Loaded only for PostgreSQL: a bot on its SQLite file never pays for the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail (and log) rather than hang a scheduler tick or start-up forever when the server is unreachable.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener an idle connection's error (a server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins });
  try {
    await migratePostgres(kysely, schema);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return database('postgres', kysely);
}

/** The schema version recorded in a database. */
export async function schemaVersionOf(database: Database): Promise<number> {
  if (database.dialect === 'postgres') return postgresVersionOf(database.kysely);
  // The plugin reads the pragma's column user_version as userVersion.
  const { rows } = await sql<{ userVersion: number }>`PRAGMA user_version`.execute(database.kysely);
  return rows[0]?.userVersion ?? 0;
}
