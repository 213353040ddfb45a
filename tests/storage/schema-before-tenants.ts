/**
 * The schema as it was at version 2, before unanswered questions had tenants: frozen copies of the first
 * two migrations of each dialect, so upgrade tests can make a database an older bot left behind.
 */
export const VERSION_BEFORE_TENANTS = 2;

/** Rows for the tables of version 2 (the same SQL in both dialects): one schedule and one vote. */
export const OTHER_ROWS_BEFORE_TENANTS = [
  `INSERT INTO schedules (id, platform, channel_id, scope, spec, cron, timezone, created_by, created_at, cursor)
   VALUES ('old123', 'discord', 'news', 'guild-1', 'daily 09:00', '0 9 * * *', 'UTC', 'admin',
           '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  `INSERT INTO feedback (platform, user_id, fact_id, question, vote, created_at)
   VALUES ('discord', 'u1', 'texas-ban', 'did texas ban it', 'up', '2026-11-01T00:00:00.000Z')`,
];

/** An unanswered question as version 2 stored it: no tenant. */
export interface UnansweredRowBeforeTenants {
  normalised: string;
  example: string;
  count: number;
  firstAsked: string;
  lastAsked: string;
}

export const SQLITE_SCHEMA_BEFORE_TENANTS = `CREATE TABLE schedules (
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
   );
   CREATE TABLE unanswered (
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
   );`;

export const POSTGRES_SCHEMA_BEFORE_TENANTS = `CREATE TABLE schedules (
     id TEXT COLLATE "C" PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     scope TEXT,
     spec TEXT NOT NULL,
     cron TEXT NOT NULL,
     timezone TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     cursor TEXT COLLATE "C" NOT NULL,
     last_slot TEXT,
     last_outcome TEXT
   );
   CREATE INDEX schedules_channel ON schedules (platform, channel_id);
   CREATE TABLE schedule_slots (
     schedule_id TEXT COLLATE "C" NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
     slot TEXT COLLATE "C" NOT NULL,
     owner TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'claimed',
     detail TEXT,
     claimed_at TEXT NOT NULL,
     finished_at TEXT,
     PRIMARY KEY (schedule_id, slot)
   );
   CREATE TABLE unanswered (
     normalised TEXT PRIMARY KEY,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked TEXT NOT NULL,
     last_asked TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE feedback (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     question TEXT NOT NULL,
     vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
     created_at TEXT NOT NULL
   );
   CREATE INDEX feedback_fact ON feedback (fact_id);`;
