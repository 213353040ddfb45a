/**
 * The schema version before unanswered questions had tenants: upgrade tests apply each dialect's first
 * migrations up to it (migrations are never edited once released) to make a database an older bot left.
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
