import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** Schema changes in order; the database records how many it has applied in `user_version`. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE schedules (
     id TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     scope TEXT,
     spec TEXT NOT NULL,
     cron TEXT NOT NULL,
     timezone TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     cursor TEXT NOT NULL,
     last_slot TEXT,
     last_outcome TEXT
   );
   CREATE INDEX schedules_channel ON schedules (platform, channel_id);
   CREATE TABLE schedule_slots (
     schedule_id TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
     slot TEXT NOT NULL,
     owner TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'claimed',
     detail TEXT,
     claimed_at TEXT NOT NULL,
     finished_at TEXT,
     PRIMARY KEY (schedule_id, slot)
   );`,
  `CREATE TABLE unanswered (
     normalised TEXT PRIMARY KEY,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked TEXT NOT NULL,
     last_asked TEXT NOT NULL
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     question TEXT NOT NULL,
     vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
     created_at TEXT NOT NULL
   );`,
  // Unanswered questions are counted per tenant (a Discord server, a Slack workspace: see tenantOf in
  // src/insights/store.ts), so one tenant's admins never see another's. SQLite cannot change a primary
  // key, so the table is rebuilt; the rows from before carry the tenant 'legacy', which no invocation
  // has, so only the operator's all-tenants view shows them.
  `ALTER TABLE unanswered RENAME TO unanswered_before_tenants;
   CREATE TABLE unanswered (
     tenant TEXT NOT NULL,
     normalised TEXT NOT NULL,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked TEXT NOT NULL,
     last_asked TEXT NOT NULL,
     PRIMARY KEY (tenant, normalised)
   );
   INSERT INTO unanswered (tenant, normalised, example, count, first_asked, last_asked)
     SELECT 'legacy', normalised, example, count, first_asked, last_asked FROM unanswered_before_tenants;
   DROP TABLE unanswered_before_tenants;`,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating its folder) and migrates the bot's SQLite database. */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // busy_timeout first: switching to WAL while another process holds the file must wait, not fail.
    db.pragma('busy_timeout = 5000');
    // WAL lets a second process read while one writes.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // The version is read inside the write transaction, so two processes opening a new file at once
    // cannot both create the tables.
    const upgrade = db.transaction(() => {
      const current = schemaVersionOf(db);
      if (current > SCHEMA_VERSION) {
        throw new Error(
          `the database at ${path} has schema version ${current}, newer than this bot's ${SCHEMA_VERSION}`,
        );
      }
      for (let version = current; version < SCHEMA_VERSION; version++) {
        db.exec(MIGRATIONS[version] as string);
        db.pragma(`user_version = ${version + 1}`);
      }
    });
    upgrade.immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version recorded in a database. */
export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
