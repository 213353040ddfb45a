import { EVENT_MEMORY_MIN_COUNT, EVENT_MEMORY_MS, type RequestLedger } from '../core/request-ledger.ts';
import type { Database } from './database.ts';
import { lockForTransaction } from './migrations.ts';

/** How often one ledger deletes the rows nobody needs any more. */
const PRUNE_EVERY_MS = 60_000;

/** How a DbRequestLedger keeps time and how much it remembers. */
export interface DbRequestLedgerOptions {
  /** The clock, in milliseconds. */
  now?: () => number;
  /** The fewest event ids kept, however old (EVENT_MEMORY_MIN_COUNT unless set). */
  minEvents?: number;
}

/**
 * The request ledger in the bot's database, shared by every instance and shard on it: a user's
 * requests count against one limit whichever process answers them, and a redelivered event is handled
 * once. Both dialects; on PostgreSQL it is what keeps several processes in step.
 */
export class DbRequestLedger implements RequestLedger {
  private readonly now: () => number;
  private readonly minEvents: number;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private longestTtlMs = EVENT_MEMORY_MS;

  constructor(
    private readonly database: Database,
    options: DbRequestLedgerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.minEvents = options.minEvents ?? EVENT_MEMORY_MIN_COUNT;
  }

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    const now = this.now();
    const wait = await this.database.kysely.transaction().execute(async (trx) => {
      // Count, then insert: another process must not count between the two, or both could take the
      // last place. SQLite's transaction holds the file's write lock from its start; PostgreSQL's rows
      // cannot be locked before they exist, so a lock on the key serialises its takers instead.
      if (this.database.dialect === 'postgres') await lockForTransaction(trx, 'request-take', key);
      await trx.deleteFrom('requestTakes').where('key', '=', key).where('expiresAt', '<=', now).execute();
      const { count, oldest } = await trx
        .selectFrom('requestTakes')
        .select((eb) => [
          eb.cast<number>(eb.fn.countAll(), 'integer').as('count'),
          eb.fn.min('takenAt').as('oldest'),
        ])
        .where('key', '=', key)
        .where('takenAt', '>', now - windowMs)
        .executeTakeFirstOrThrow();
      if (count >= limit) return oldest === null ? windowMs : windowMs - (now - Number(oldest));
      await trx
        .insertInto('requestTakes')
        .values({ key, takenAt: now, expiresAt: now + windowMs })
        .execute();
      return 0;
    });
    await this.pruneNowAndThen(now);
    return wait;
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    this.longestTtlMs = Math.max(this.longestTtlMs, ttlMs);
    // One statement: of processes claiming one id at once, exactly one inserts it (or, once its claim
    // has expired, renews it: PostgreSQL re-checks the condition on the row a concurrent claim renewed).
    const { numInsertedOrUpdatedRows } = await this.database.kysely
      .insertInto('requestEvents')
      .values({ eventId, claimedAt: now })
      .onConflict((oc) =>
        oc
          .column('eventId')
          .doUpdateSet({ claimedAt: now })
          .where('requestEvents.claimedAt', '<=', now - ttlMs),
      )
      .executeTakeFirstOrThrow();
    await this.pruneNowAndThen(now);
    return numInsertedOrUpdatedRows === 1n;
  }

  /**
   * Deletes requests that have left their window, and events older than the longest time they are
   * remembered for (at least EVENT_MEMORY_MS) beyond the newest minEvents, so the tables stay bounded.
   */
  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const db = this.database.kysely;
    try {
      await db.deleteFrom('requestTakes').where('expiresAt', '<=', now).execute();
      const newestKept = await db
        .selectFrom('requestEvents')
        .select('claimedAt')
        .orderBy('claimedAt', 'desc')
        .offset(Math.max(0, this.minEvents - 1))
        .limit(1)
        .executeTakeFirst();
      if (!newestKept) return; // fewer than minEvents
      const cutoff = Math.min(now - this.longestTtlMs, Number(newestKept.claimedAt));
      await db.deleteFrom('requestEvents').where('claimedAt', '<', cutoff).execute();
    } catch {
      // Housekeeping: a failure (say the database is briefly unreachable) must not fail the request
      // that happened to run it, and the next interval tries again.
    }
  }
}
