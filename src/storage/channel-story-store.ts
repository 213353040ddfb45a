import type { ChannelStoryStore } from '../core/channel-stories.ts';
import type { Database } from './database.ts';

/** How many channels' choices are kept in memory (a choice, or that there is none) before starting afresh. */
const CHOICES_KEPT = 10_000;

/** What this process read of a SQLite file's choices, and the file's count of others' changes then. */
interface Kept {
  othersChanges: number;
  choices: Map<string, string | null>;
  /** Choices written by this process so far: a read begun before one is not kept. */
  writes: number;
}

/** Per database, so that every store on one connection sees the choices it writes itself. */
const keptOf = new WeakMap<Database, Kept>();

/**
 * The channels' choices of story in the bot's database: kept across restarts, shared by instances.
 * Every request reads its channel's choice: on SQLite, what was read is kept in memory for as long as
 * no other connection (another process on the file) has committed a change; this process's own
 * choices update it as they are written. On PostgreSQL every read goes to the database.
 */
export class DbChannelStoryStore implements ChannelStoryStore {
  constructor(private readonly database: Database) {}

  /** The choices kept for this database, emptied when another connection changed the file. */
  private kept(): Kept | undefined {
    const othersChanges = this.database.othersChanges?.();
    if (othersChanges === undefined) return undefined;
    let kept = keptOf.get(this.database);
    if (!kept || kept.othersChanges !== othersChanges || kept.choices.size >= CHOICES_KEPT) {
      kept = { othersChanges, choices: new Map(), writes: 0 };
      keptOf.set(this.database, kept);
    }
    return kept;
  }

  async storyOf(channel: string): Promise<string | undefined> {
    const kept = this.kept();
    const known = kept?.choices.get(channel);
    if (known !== undefined) return known ?? undefined;
    const writes = kept?.writes;
    const row = await this.database.kysely
      .selectFrom('channelStories')
      .select('story')
      .where('channel', '=', channel)
      .executeTakeFirst();
    // A choice written while this read was under way may be newer than what it found.
    if (kept && kept.writes === writes) kept.choices.set(channel, row?.story ?? null);
    return row?.story;
  }

  async choose(channel: string, story: string, chosenBy: string): Promise<void> {
    const chosenAt = new Date().toISOString();
    try {
      await this.database.kysely
        .insertInto('channelStories')
        .values({ channel, story, chosenBy, chosenAt })
        .onConflict((oc) => oc.column('channel').doUpdateSet({ story, chosenBy, chosenAt }))
        .execute();
    } finally {
      // Read afresh next time, whether or not the write went through.
      const kept = this.kept();
      if (kept) {
        kept.writes += 1;
        kept.choices.delete(channel);
      }
    }
  }
}
