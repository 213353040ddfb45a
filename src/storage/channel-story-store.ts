import type { ChannelStoryStore } from '../core/channel-stories.ts';
import type { Database } from './database.ts';

/** How many channels' choices are kept in memory (a choice, or that there is none) before starting afresh. */
const CHOICES_KEPT = 10_000;

/**
 * How often the file is asked whether another connection changed it: asking takes a read lock (two
 * system calls), which under a burst cost more than the read it saves. A choice made in another
 * process is seen here within this time.
 */
export const OTHERS_CHECKED_EVERY_MS = 250;

/** What this process read of a SQLite file's choices, and the file's count of others' changes then. */
interface Kept {
  othersChanges: number;
  /** When that count was read (performance.now()). */
  checkedAt: number;
  choices: Map<string, string | null>;
  /** Choices written by this process so far: a read begun before one is not kept. */
  writes: number;
}

/** Per database, so that every store on one connection sees the choices it writes itself. */
const keptOf = new WeakMap<Database, Kept>();

/**
 * The channels' choices of story in the bot's database: kept across restarts, shared by instances.
 * Every request reads its channel's choice: on SQLite, what was read is kept in memory for as long as
 * no other connection (another process on the file) has committed a change, which is checked at most
 * every OTHERS_CHECKED_EVERY_MS; this process's own choices are read afresh once written. On
 * PostgreSQL every read goes to the database.
 */
export class DbChannelStoryStore implements ChannelStoryStore {
  constructor(
    private readonly database: Database,
    /** How often to ask the file whether another connection changed it (see OTHERS_CHECKED_EVERY_MS). */
    private readonly checkEveryMs = OTHERS_CHECKED_EVERY_MS,
  ) {}

  /** The choices kept for this database, emptied when another connection changed the file. */
  private kept(): Kept | undefined {
    const { othersChanges } = this.database;
    if (!othersChanges) return undefined;
    const now = performance.now();
    let kept = keptOf.get(this.database);
    if (kept && now - kept.checkedAt < this.checkEveryMs && kept.choices.size < CHOICES_KEPT) return kept;
    const count = othersChanges();
    if (!kept || kept.othersChanges !== count || kept.choices.size >= CHOICES_KEPT) {
      kept = { othersChanges: count, checkedAt: now, choices: new Map(), writes: 0 };
      keptOf.set(this.database, kept);
    } else kept.checkedAt = now;
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
