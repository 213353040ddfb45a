import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';

/** The SQL dialects the bot stores its data in: a SQLite file, or a PostgreSQL database shared by instances. */
export type Dialect = 'sqlite' | 'postgres';

/** The few column types the dialects spell differently. */
interface DialectWords {
  /**
   * Text compared and ordered bytewise: times are ISO-8601 text, and cursors and slots are compared as
   * text. SQLite always compares bytewise; a PostgreSQL locale collation may not.
   */
  bytewiseText: string;
  /** An integer primary key the database numbers. */
  autoId: string;
}

const WORDS: Record<Dialect, DialectWords> = {
  sqlite: { bytewiseText: 'TEXT', autoId: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: {
    bytewiseText: 'TEXT COLLATE "C"',
    autoId: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  },
};

/**
 * Schema changes in order, each written once for both dialects. A database records how many it has
 * applied: SQLite in `PRAGMA user_version`, PostgreSQL in the table schema_version. Never edit one that
 * has been released; add another.
 */
const MIGRATION_TEXTS: readonly ((w: DialectWords) => string)[] = [
  (w) => `CREATE TABLE schedules (
     id ${w.bytewiseText} PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     scope TEXT,
     spec TEXT NOT NULL,
     cron TEXT NOT NULL,
     timezone TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at ${w.bytewiseText} NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     cursor ${w.bytewiseText} NOT NULL,
     last_slot TEXT,
     last_outcome TEXT
   );
   CREATE INDEX schedules_channel ON schedules (platform, channel_id);
   CREATE TABLE schedule_slots (
     schedule_id ${w.bytewiseText} NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
     slot ${w.bytewiseText} NOT NULL,
     owner TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'claimed',
     detail TEXT,
     claimed_at TEXT NOT NULL,
     finished_at TEXT,
     PRIMARY KEY (schedule_id, slot)
   );`,
  (w) => `CREATE TABLE unanswered (
     normalised TEXT PRIMARY KEY,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked TEXT NOT NULL,
     last_asked ${w.bytewiseText} NOT NULL
   );
   CREATE TABLE feedback (
     id ${w.autoId},
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     question TEXT NOT NULL,
     vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
     created_at TEXT NOT NULL
   );`,
  // Unanswered questions are counted per tenant (a Discord server, a Slack workspace: see tenantOf in
  // src/insights/store.ts), so one tenant's admins never see another's. The primary key changes, which
  // SQLite can only do by rebuilding the table; the rows from before carry the tenant 'legacy', which no
  // invocation has, so only the operator's all-tenants view shows them. first_asked becomes bytewise
  // too: the all-tenants view takes a question's earliest.
  (w) => `CREATE TABLE unanswered_before_tenants AS SELECT * FROM unanswered;
   DROP TABLE unanswered;
   CREATE TABLE unanswered (
     tenant TEXT NOT NULL,
     normalised TEXT NOT NULL,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked ${w.bytewiseText} NOT NULL,
     last_asked ${w.bytewiseText} NOT NULL,
     PRIMARY KEY (tenant, normalised)
   );
   INSERT INTO unanswered (tenant, normalised, example, count, first_asked, last_asked)
     SELECT 'legacy', normalised, example, count, first_asked, last_asked FROM unanswered_before_tenants;
   DROP TABLE unanswered_before_tenants;`,
  // Votes are counted per fact. PostgreSQL databases have had this index since version 2; SQLite files
  // made before this version lack it.
  () => `CREATE INDEX IF NOT EXISTS feedback_fact ON feedback (fact_id);`,
  // The request ledger shared by instances (src/storage/request-ledger.ts): one row per request counted
  // against a rate limit, kept until it leaves its window, and one per platform event id already handled.
  () => `CREATE TABLE request_takes (
     key TEXT NOT NULL,
     taken_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX request_takes_key ON request_takes (key, taken_at);
   CREATE INDEX request_takes_expiry ON request_takes (expires_at);
   CREATE TABLE request_events (
     event_id TEXT PRIMARY KEY,
     claimed_at BIGINT NOT NULL
   );
   CREATE INDEX request_events_claimed ON request_events (claimed_at);`,
  // Conversations shared by instances (src/storage/conversation-store.ts): each conversation's last
  // turn, so a follow-up answered by another instance still knows what "that" was.
  () => `CREATE TABLE conversations (
     key TEXT PRIMARY KEY,
     turn TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE INDEX conversations_updated ON conversations (updated_at);`,
  // Which story each channel answers from (`/ai-news story use`); channels not listed use the default.
  () => `CREATE TABLE channel_stories (
     channel TEXT PRIMARY KEY,
     story TEXT NOT NULL,
     chosen_by TEXT NOT NULL,
     chosen_at TEXT NOT NULL
   );`,
  // The story a schedule posts (null: its channel's), and the story an unanswered question or a vote
  // was about (null: rows from before stories, all about the default one).
  () => `ALTER TABLE schedules ADD COLUMN story TEXT;
   ALTER TABLE unanswered ADD COLUMN story TEXT;
   ALTER TABLE feedback ADD COLUMN story TEXT;`,
  // A slot its process never finished (killed mid-post) is `abandoned` and shown as missed; earlier
  // versions called it `unknown`.
  () => `UPDATE schedule_slots SET status = 'abandoned' WHERE status = 'unknown';
   UPDATE schedules SET last_outcome = 'missed: the bot stopped while posting'
     WHERE last_outcome LIKE 'unknown:%';`,
  // Whether a schedule's summary carries the chart of the story's main figures (1) or not (0, the
  // default, which every schedule made before has).
  () => `ALTER TABLE schedules ADD COLUMN chart INTEGER NOT NULL DEFAULT 0;`,
];

/** Each dialect's migrations as SQL text (several statements each), index n taking version n to n + 1. */
export const MIGRATIONS: Record<Dialect, readonly string[]> = {
  sqlite: MIGRATION_TEXTS.map((text) => text(WORDS.sqlite)),
  postgres: MIGRATION_TEXTS.map((text) => text(WORDS.postgres)),
};

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATION_TEXTS.length;

function newerThanThis(where: string, version: number): Error {
  return new Error(`${where} has schema version ${version}, newer than this bot's ${SCHEMA_VERSION}`);
}

/** Brings a SQLite file up to SCHEMA_VERSION; safe when several processes open a new file at once. */
export function migrateSqlite(db: BetterSqlite3.Database, path: string): void {
  const versionOf = () => db.pragma('user_version', { simple: true }) as number;
  // Up to date (the usual case): no write lock needed.
  if (versionOf() === SCHEMA_VERSION) return;
  // The version is read again inside the write transaction, so two processes cannot both migrate.
  const upgrade = db.transaction(() => {
    const current = versionOf();
    if (current > SCHEMA_VERSION) throw newerThanThis(`the database at ${path}`, current);
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS.sqlite[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  upgrade.immediate();
}

/** Separates this bot's advisory locks from any other application's on the same database. */
const LOCK_NAMESPACE = 'ai-news';

/** Brings a PostgreSQL database (or one schema of it) up to SCHEMA_VERSION, one process at a time. */
export async function migratePostgres<DB>(db: Kysely<DB>, schema: string | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The lock is held until commit, so a second process waits here, then finds the work done. Its key
    // is the one earlier versions of the bot took, so old and new instances starting together agree.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`${LOCK_NAMESPACE}:migrate`}),
      hashtext(coalesce(${schema ?? null}::text, current_schema(), '')))`.execute(trx);
    if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`.execute(trx);
    const current = await postgresVersionOf(trx);
    if (current > SCHEMA_VERSION) throw newerThanThis('the PostgreSQL database', current);
    for (let version = current; version < SCHEMA_VERSION; version++) {
      await sql.raw(MIGRATIONS.postgres[version] as string).execute(trx);
      await sql`INSERT INTO schema_version (version) VALUES (${version + 1})`.execute(trx);
    }
  });
}

/** The schema version recorded in a PostgreSQL database (0 before the first migration). */
export async function postgresVersionOf<DB>(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const { rows } = await sql<{
    version: number;
  }>`SELECT coalesce(max(version), 0) AS version FROM schema_version`.execute(db);
  return rows[0]?.version ?? 0;
}

/** Takes a transaction-scoped advisory lock on a key in this bot's namespace (released at commit or rollback). */
export async function lockForTransaction<DB>(
  trx: Transaction<DB>,
  purpose: string,
  key: string,
): Promise<void> {
  // Keyed by schema too, so two deployments sharing a database in different schemas never wait on each
  // other; the same key as earlier versions of the bot took.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`${LOCK_NAMESPACE}:${purpose}`}),
    hashtext(coalesce(current_schema(), '') || ${`:${key}`}))`.execute(trx);
}
