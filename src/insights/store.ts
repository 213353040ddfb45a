import type Database from 'better-sqlite3';
import type { Platform } from '../core/invocation.ts';
import { openDatabase } from '../storage/sqlite.ts';

/** A question the bot could not answer, counted across askers. */
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
  recordUnanswered(normalised: string, example: string, at: Date): Promise<void>;
  topUnanswered(limit: number): Promise<UnansweredQuestion[]>;
  recordFeedback(entry: FeedbackEntry): Promise<void>;
  feedbackFor(factId: string): Promise<{ up: number; down: number }>;
}

/** The SQLite implementation, sharing the bot's database. */
export class SqliteInsightsStore implements InsightsStore {
  private readonly db: Database.Database;

  constructor(database: Database.Database | string) {
    this.db = typeof database === 'string' ? openDatabase(database) : database;
  }

  async recordUnanswered(normalised: string, example: string, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO unanswered (normalised, example, count, first_asked, last_asked) VALUES (?, ?, 1, ?, ?)
         ON CONFLICT (normalised) DO UPDATE SET count = count + 1, last_asked = excluded.last_asked, example = excluded.example`,
      )
      .run(normalised, example, at.toISOString(), at.toISOString());
  }

  async topUnanswered(limit: number): Promise<UnansweredQuestion[]> {
    return this.db
      .prepare(
        `SELECT normalised, example, count, first_asked AS firstAsked, last_asked AS lastAsked
         FROM unanswered ORDER BY count DESC, last_asked DESC LIMIT ?`,
      )
      .all(limit) as UnansweredQuestion[];
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
