import { CONVERSATION_IDLE_MS, type ConversationStore, type Turn } from '../core/conversation.ts';
import type { Database } from './database.ts';

/** How often one store deletes conversations idle past their time. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Conversations in the bot's database, shared by every instance and shard on it: a follow-up that
 * lands on another instance than the question before it still resolves against it.
 */
export class DbConversationStore implements ConversationStore {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly database: Database,
    private readonly idleMs = CONVERSATION_IDLE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async last(key: string): Promise<Turn | undefined> {
    const row = await this.database.kysely
      .selectFrom('conversations')
      .select(['turn', 'updatedAt'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || this.now() - Number(row.updatedAt) >= this.idleMs) return undefined;
    try {
      return JSON.parse(row.turn) as Turn;
    } catch {
      return undefined; // a damaged row is a forgotten conversation, not a failed request
    }
  }

  async remember(key: string, turn: Turn): Promise<void> {
    const now = this.now();
    const text = JSON.stringify(turn);
    await this.database.kysely
      .insertInto('conversations')
      .values({ key, turn: text, updatedAt: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ turn: text, updatedAt: now }))
      .execute();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    // Housekeeping: a failure must not fail the request that happened to run it.
    await this.database.kysely
      .deleteFrom('conversations')
      .where('updatedAt', '<', now - this.idleMs)
      .execute()
      .catch(() => undefined);
  }
}
