import type Database from 'better-sqlite3';
import type { Invocation, Platform } from '../core/invocation.ts';
import { openDatabase } from '../storage/sqlite.ts';

/**
 * Whose unanswered questions these are: the questions are user text, so each Discord server and each
 * Slack workspace sees only its own. A tenant key is
 * - `discord:<guild id>` for a Discord server, `slack:<team id>` for a Slack workspace;
 * - `<platform>:dm` when no server or workspace is known (Discord DMs; a Slack payload without a
 *   team). No admin command lists these, since they pool strangers' private messages: only the
 *   operator's all-tenants view shows them;
 * - `console` for the operator's own console.
 * Rows stored before questions had tenants carry LEGACY_TENANT, which no invocation produces, so only
 * the all-tenants view shows them too.
 */
export type Tenant = string;

/** The tenant of the rows stored before tenants existed (set by the migrations; no invocation has it). */
export const LEGACY_TENANT: Tenant = 'legacy';

/** The tenant an invocation's unanswered questions are stored under (see Tenant). */
export function tenantOf(invocation: Pick<Invocation, 'platform' | 'scope'>): Tenant {
  if (invocation.platform === 'console') return 'console';
  return `${invocation.platform}:${invocation.scope || 'dm'}`;
}

/** A question the bot could not answer, counted across the askers of one tenant (or of all of them). */
export interface UnansweredQuestion {
  normalised: string;
  /** One way it was asked (neutralised user text). */
  example: string;
  count: number;
  firstAsked: string;
  lastAsked: string;
}

export type Vote = 'up' | 'down';

/** One 👍/👎 on an answer. */
export interface FeedbackEntry {
  platform: Platform;
  userId: string;
  factId: string;
  question: string;
  vote: Vote;
}

/** What users tell the editors: the questions left unanswered and their votes on answers. */
export interface InsightsStore {
  /** Counts one unanswered question asked in a tenant (see tenantOf). */
  recordUnanswered(tenant: Tenant, normalised: string, example: string, at: Date): Promise<void>;
  /**
   * The most-asked unanswered questions of one tenant. Without a tenant, those of every tenant summed
   * per normalised text (the latest example and last time asked): that is the operator's view only,
   * never an admin's of one server or workspace.
   */
  topUnanswered(limit: number, tenant?: Tenant): Promise<UnansweredQuestion[]>;
  recordFeedback(entry: FeedbackEntry): Promise<void>;
  feedbackFor(factId: string): Promise<{ up: number; down: number }>;
}

/**
 * The query for every tenant's unanswered questions summed per normalised text, with the example of the
 * latest asking; plain SQL that SQLite and PostgreSQL run alike, given the dialect's placeholder for the limit.
 */
export function allTenantsUnansweredSql(limitPlaceholder: string): string {
  return `
  SELECT normalised, example, count, first_asked AS "firstAsked", last_asked AS "lastAsked"
  FROM (
    SELECT normalised, example,
           CAST(sum(count) OVER per_question AS INTEGER) AS count,
           min(first_asked) OVER per_question AS first_asked,
           max(last_asked) OVER per_question AS last_asked,
           row_number() OVER (PARTITION BY normalised ORDER BY last_asked DESC, tenant) AS nth
    FROM unanswered
    WINDOW per_question AS (PARTITION BY normalised)
  ) AS summed
  WHERE nth = 1
  ORDER BY count DESC, last_asked DESC
  LIMIT ${limitPlaceholder}`;
}

/** The SQLite implementation, sharing the bot's database. */
export class SqliteInsightsStore implements InsightsStore {
  private readonly db: Database.Database;

  constructor(database: Database.Database | string) {
    this.db = typeof database === 'string' ? openDatabase(database) : database;
  }

  async recordUnanswered(tenant: Tenant, normalised: string, example: string, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO unanswered (tenant, normalised, example, count, first_asked, last_asked) VALUES (?, ?, ?, 1, ?, ?)
         ON CONFLICT (tenant, normalised) DO UPDATE SET count = count + 1, last_asked = excluded.last_asked, example = excluded.example`,
      )
      .run(tenant, normalised, example, at.toISOString(), at.toISOString());
  }

  async topUnanswered(limit: number, tenant?: Tenant): Promise<UnansweredQuestion[]> {
    if (tenant !== undefined) {
      return this.db
        .prepare(
          `SELECT normalised, example, count, first_asked AS firstAsked, last_asked AS lastAsked
           FROM unanswered WHERE tenant = ? ORDER BY count DESC, last_asked DESC LIMIT ?`,
        )
        .all(tenant, limit) as UnansweredQuestion[];
    }
    return this.db.prepare(allTenantsUnansweredSql('?')).all(limit) as UnansweredQuestion[];
  }

  async recordFeedback(entry: FeedbackEntry): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO feedback (platform, user_id, fact_id, question, vote, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(entry.platform, entry.userId, entry.factId, entry.question, entry.vote, new Date().toISOString());
  }

  async feedbackFor(factId: string): Promise<{ up: number; down: number }> {
    const rows = this.db
      .prepare('SELECT vote, COUNT(*) AS n FROM feedback WHERE fact_id = ? GROUP BY vote')
      .all(factId) as { vote: Vote; n: number }[];
    return {
      up: rows.find((r) => r.vote === 'up')?.n ?? 0,
      down: rows.find((r) => r.vote === 'down')?.n ?? 0,
    };
  }
}
