import type pg from 'pg';
import { endPool } from '../storage/postgres.ts';
import {
  allTenantsUnansweredSql,
  type FeedbackEntry,
  type InsightsStore,
  type Tenant,
  type UnansweredQuestion,
  type Vote,
} from './store.ts';

/** The PostgreSQL implementation, sharing the bot's pool (open it with openPostgres). */
export class PgInsightsStore implements InsightsStore {
  /** Uses a migrated pool (shared with the schedule store); close() ends it. */
  constructor(private readonly pool: pg.Pool) {}

  async recordUnanswered(tenant: Tenant, normalised: string, example: string, at: Date): Promise<void> {
    // One statement, so instances counting the same question at once never lose an increment.
    await this.pool.query(
      `INSERT INTO unanswered (tenant, normalised, example, count, first_asked, last_asked)
       VALUES ($1, $2, $3, 1, $4, $4)
       ON CONFLICT (tenant, normalised) DO UPDATE
         SET count = unanswered.count + 1, last_asked = excluded.last_asked, example = excluded.example`,
      [tenant, normalised, example, at.toISOString()],
    );
  }

  async topUnanswered(limit: number, tenant?: Tenant): Promise<UnansweredQuestion[]> {
    if (tenant !== undefined) {
      const { rows } = await this.pool.query<UnansweredQuestion>(
        `SELECT normalised, example, count, first_asked AS "firstAsked", last_asked AS "lastAsked"
         FROM unanswered WHERE tenant = $1 ORDER BY count DESC, last_asked DESC LIMIT $2`,
        [tenant, limit],
      );
      return rows;
    }
    const { rows } = await this.pool.query<UnansweredQuestion>(allTenantsUnansweredSql('$1'), [limit]);
    return rows;
  }

  async recordFeedback(entry: FeedbackEntry): Promise<void> {
    await this.pool.query(
      'INSERT INTO feedback (platform, user_id, fact_id, question, vote, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.platform, entry.userId, entry.factId, entry.question, entry.vote, new Date().toISOString()],
    );
  }

  async feedbackFor(factId: string): Promise<{ up: number; down: number }> {
    const { rows } = await this.pool.query<{ vote: Vote; n: number }>(
      'SELECT vote, count(*)::int AS n FROM feedback WHERE fact_id = $1 GROUP BY vote',
      [factId],
    );
    return {
      up: rows.find((r) => r.vote === 'up')?.n ?? 0,
      down: rows.find((r) => r.vote === 'down')?.n ?? 0,
    };
  }

  /** Ends the pool (once, even when the schedule store shares it and closes too). */
  async close(): Promise<void> {
    await endPool(this.pool);
  }
}
