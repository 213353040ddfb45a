/**
 * What the dispatcher remembers about requests across all of them: each user's recent requests (the
 * rate limit) and the platform event ids already handled (redeliveries are dropped). One process keeps
 * it in memory; several instances or shards share one in PostgreSQL, so a user cannot multiply the
 * limit by the number of processes and a redelivered event is answered once.
 */
export interface RequestLedger {
  /** Answers from this process's memory, at once: read without a timeout (see Dispatcher). */
  readonly inProcess?: boolean;
  /**
   * Counts one request by `key` against a sliding window: at most `limit` requests in any `windowMs`.
   * Resolves 0 when the request is allowed (and counted), else the milliseconds until one would be
   * (and the request is not counted).
   */
  take(key: string, limit: number, windowMs: number): Promise<number>;
  /**
   * Claims a platform event id. True the first time it is seen within `ttlMs`; false for a
   * redelivery of an event already claimed (by this process or another sharing the ledger).
   */
  claimEvent(eventId: string, ttlMs: number): Promise<boolean>;
}

/** How long an event id is remembered: Slack retries for up to an hour. */
export const EVENT_MEMORY_MS = 60 * 60_000;
/** The fewest event ids a ledger remembers, however quickly they arrive. */
export const EVENT_MEMORY_MIN_COUNT = 10_000;

/** The ledger of one process: in memory, bounded. */
export class MemoryRequestLedger implements RequestLedger {
  readonly inProcess = true;
  private readonly hits = new Map<string, number[]>();
  /** Event ids in arrival order with when they were claimed (Map keeps insertion order). */
  private readonly events = new Map<string, number>();
  private takes = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEvents = 100_000,
  ) {}

  async take(key: string, limit: number, windowMs: number): Promise<number> {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return windowMs - (now - (recent[0] as number));
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Forget users who have been quiet for a whole window, so memory stays bounded.
    if (++this.takes % 1000 === 0) {
      for (const [k, times] of this.hits) if (times.every((t) => now - t >= windowMs)) this.hits.delete(k);
    }
    return 0;
  }

  async claimEvent(eventId: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const seen = this.events.get(eventId);
    if (seen !== undefined && now - seen < ttlMs) return false;
    this.events.delete(eventId);
    this.events.set(eventId, now);
    // Oldest first: drop those past their time, but keep at least EVENT_MEMORY_MIN_COUNT; never more than maxEvents.
    for (const [id, at] of this.events) {
      const expired = now - at >= ttlMs && this.events.size > EVENT_MEMORY_MIN_COUNT;
      if (!expired && this.events.size <= this.maxEvents) break;
      this.events.delete(id);
    }
    return true;
  }
}
