import type { Invocation, Platform } from '../core/invocation.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import { type Database, openSqlite } from '../storage/database.ts';

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
  /** The story the rated answer came from. */
  story?: string;
}

/** What users tell the editors: the questions left unanswered and their votes on answers. */
export interface InsightsStore {
  /** Counts one unanswered question asked in a tenant (see tenantOf). */
  recordUnanswered(
    tenant: Tenant,
    normalised: string,
    example: string,
    at: Date,
    story?: string,
  ): Promise<void>;
  /**
   * The most-asked unanswered questions of one tenant. Without a tenant, those of every tenant summed
   * per normalised text (the latest example and last time asked): that is the operator's view only,
   * never an admin's of one server or workspace.
   */
  topUnanswered(limit: number, tenant?: Tenant): Promise<UnansweredQuestion[]>;
  recordFeedback(entry: FeedbackEntry): Promise<void>;
  feedbackFor(factId: string): Promise<{ up: number; down: number }>;
}

const UNANSWERED_KEYS = ['tenant', 'normalised', 'example', 'asked', 'story'] as const;
type UnansweredKey = (typeof UNANSWERED_KEYS)[number];

/** The store on either database (a SQLite file, or PostgreSQL shared by instances), sharing it with the schedules. */
export class DbInsightsStore implements InsightsStore {
  private readonly database: Database;

  /** Counts an unanswered question: one upsert, compiled once (see recordUnanswered). */
  private readonly countUnanswered: (values: Record<UnansweredKey, unknown>) => Promise<void>;

  /** Uses an open database, or opens the SQLite file at a path. */
  constructor(database: Database | string) {
    this.database = typeof database === 'string' ? openSqlite(database) : database;
    this.countUnanswered = compiledOnce(this.database, UNANSWERED_KEYS, (v) =>
      this.database.kysely
        .insertInto('unanswered')
        .values({
          tenant: v.tenant,
          normalised: v.normalised,
          example: v.example,
          count: 1,
          firstAsked: v.asked,
          lastAsked: v.asked,
          story: v.story,
        })
        .onConflict((oc) =>
          oc.columns(['tenant', 'normalised']).doUpdateSet((eb) => ({
            count: eb('unanswered.count', '+', 1),
            lastAsked: eb.ref('excluded.lastAsked'),
            example: eb.ref('excluded.example'),
            story: eb.ref('excluded.story'),
          })),
        ),
    );
  }

  async recordUnanswered(
    tenant: Tenant,
    normalised: string,
    example: string,
    at: Date,
    story?: string,
  ): Promise<void> {
    // One statement, so instances counting the same question at once never lose an increment.
    const asked = at.toISOString();
    await this.countUnanswered({ tenant, normalised, example, asked, story: story ?? null });
  }

  async topUnanswered(limit: number, tenant?: Tenant): Promise<UnansweredQuestion[]> {
    const db = this.database.kysely;
    const columns = ['normalised', 'example', 'count', 'firstAsked', 'lastAsked'] as const;
    if (tenant !== undefined) {
      return db
        .selectFrom('unanswered')
        .select(columns)
        .where('tenant', '=', tenant)
        .orderBy('count', 'desc')
        .orderBy('lastAsked', 'desc')
        .limit(limit)
        .execute();
    }
    // Every tenant's rows of a question summed, with the example of its latest asking.
    const summed = db.selectFrom('unanswered').select((eb) => [
      'normalised',
      'example',
      eb
        .cast<number>(
          eb.fn.sum('count').over((ob) => ob.partitionBy('normalised')),
          'integer',
        )
        .as('count'),
      eb.fn
        .min<string>('firstAsked')
        .over((ob) => ob.partitionBy('normalised'))
        .as('firstAsked'),
      eb.fn
        .max<string>('lastAsked')
        .over((ob) => ob.partitionBy('normalised'))
        .as('lastAsked'),
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('normalised').orderBy('lastAsked', 'desc').orderBy('tenant'))
        .as('nth'),
    ]);
    return db
      .selectFrom(summed.as('summed'))
      .select(columns)
      .where('nth', '=', 1)
      .orderBy('count', 'desc')
      .orderBy('lastAsked', 'desc')
      .limit(limit)
      .execute();
  }

  async recordFeedback(entry: FeedbackEntry): Promise<void> {
    await this.database.kysely
      .insertInto('feedback')
      .values({
        platform: entry.platform,
        userId: entry.userId,
        factId: entry.factId,
        question: entry.question,
        vote: entry.vote,
        story: entry.story ?? null,
        createdAt: new Date().toISOString(),
      })
      .execute();
  }

  async feedbackFor(factId: string): Promise<{ up: number; down: number }> {
    const rows = await this.database.kysely
      .selectFrom('feedback')
      .select((eb) => ['vote', eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
      .where('factId', '=', factId)
      .groupBy('vote')
      .execute();
    return {
      up: rows.find((r) => r.vote === 'up')?.n ?? 0,
      down: rows.find((r) => r.vote === 'down')?.n ?? 0,
    };
  }
}
