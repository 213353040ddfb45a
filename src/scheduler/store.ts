import { randomBytes } from 'node:crypto';
import type { Platform } from '../core/invocation.ts';
import { type Database, openSqlite, schemaVersionOf } from '../storage/database.ts';
import { lockForTransaction } from '../storage/migrations.ts';

/** A schedule's health: failing after a failed post, paused after 3 failures in a row. */
export type ScheduleStatus = 'active' | 'failing' | 'paused';

/** A scheduled summary: where, when (cron in a time zone), and how its last post went. */
export interface Schedule {
  id: string;
  platform: Platform;
  channelId: string;
  /** The Discord guild or Slack team the channel belongs to (for sharded deployments). */
  scope: string | null;
  /** The story it posts; its channel's story when null. */
  story: string | null;
  /** Whether its summary carries the chart of the story's main figures (off unless asked for). */
  chart: boolean;
  /** The spec as the admin wrote it, normalised (e.g. "daily 09:00"). */
  spec: string;
  cron: string;
  timezone: string;
  createdBy: string;
  createdAt: string;
  status: ScheduleStatus;
  consecutiveFailures: number;
  /** The last slot already handled (posted, failed or skipped); the next slot comes after it. */
  cursor: string;
  lastSlot: string | null;
  lastOutcome: string | null;
}

/** What a new schedule is made of; the store fills in its id, health and cursor. */
export type NewSchedule = Pick<
  Schedule,
  'platform' | 'channelId' | 'scope' | 'spec' | 'cron' | 'timezone' | 'createdBy' | 'createdAt'
> &
  Partial<Pick<Schedule, 'story' | 'chart'>>;

/**
 * How a slot ended; `abandoned`: its process stopped mid-post (killed), so it is never posted again
 * (at most once), though its post may or may not have gone out before the process stopped.
 */
export type SlotOutcome = 'posted' | 'failed' | 'skipped' | 'abandoned';

/** How `schedule list` names each outcome. */
const OUTCOME_WORDS: Record<SlotOutcome, string> = {
  posted: 'posted',
  failed: 'failed',
  skipped: 'skipped',
  abandoned: 'missed',
};

/** Raised when a channel already has the maximum number of schedules. */
export class ChannelFullError extends Error {
  override name = 'ChannelFullError';
}

/** Where schedules and their slot claims live. Async so that a networked database fits the same shape. */
export interface ScheduleStore {
  add(input: NewSchedule, maxPerChannel: number): Promise<Schedule>;
  get(id: string): Promise<Schedule | undefined>;
  list(filter?: { platform?: Platform; channelId?: string }): Promise<Schedule[]>;
  remove(id: string): Promise<boolean>;
  /**
   * Claims a slot for posting. True for exactly one caller per (schedule, slot), across restarts and
   * processes: this is what makes a post happen at most once.
   */
  claimSlot(scheduleId: string, slot: string, owner: string): Promise<boolean>;
  /** Slots claimed before `claimedBefore` and never finished: their process stopped mid-post. */
  unfinishedSlots(claimedBefore: string): Promise<{ scheduleId: string; slot: string; owner: string }[]>;
  /** Records how a claimed slot ended, and the schedule's health after it. */
  finishSlot(
    scheduleId: string,
    slot: string,
    outcome: SlotOutcome,
    detail: string,
    health?: { status: ScheduleStatus; consecutiveFailures: number },
  ): Promise<void>;
  /** Sets a schedule's health, e.g. back to active after a successful test post. */
  setHealth(scheduleId: string, status: ScheduleStatus, consecutiveFailures: number): Promise<void>;
  /** Moves the schedule's cursor forward to `slot` (never backwards). */
  advanceCursor(scheduleId: string, slot: string): Promise<void>;
  /** Slot rows of a schedule, oldest first (for tests and audits). */
  slots(
    scheduleId: string,
  ): Promise<{ slot: string; status: string; owner: string; detail: string | null }[]>;
  close(): Promise<void>;
}

/** A schedules row as the database has it: `chart` is an integer on both dialects. */
type ScheduleRow = Omit<Schedule, 'chart'> & { chart: number };

function toSchedule(row: ScheduleRow): Schedule {
  return { ...row, chart: row.chart === 1 };
}

/** A short id people can type: 6 characters without look-alikes. */
export function newScheduleId(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The store on either database: a SQLite file for one bot process, PostgreSQL for instances sharing
 * schedules. Every query is the same on both; where they differ in how they serialise writers, it says.
 */
export class DbScheduleStore implements ScheduleStore {
  private readonly database: Database;
  private readonly ownsDatabase: boolean;

  /** Uses an open database (shared with the other stores), or opens (and then owns) the SQLite file at a path. */
  constructor(database: Database | string) {
    this.ownsDatabase = typeof database === 'string';
    this.database = typeof database === 'string' ? openSqlite(database) : database;
  }

  /** The schema version recorded in the database. */
  schemaVersion(): Promise<number> {
    return schemaVersionOf(this.database);
  }

  async add(input: NewSchedule, maxPerChannel: number): Promise<Schedule> {
    return this.database.kysely.transaction().execute(async (trx) => {
      // On SQLite the transaction holds the file's write lock from its start. On PostgreSQL a row lock
      // cannot guard rows that do not exist yet: without this lock two instances could both count
      // maxPerChannel - 1 and both insert.
      if (this.database.dialect === 'postgres') {
        await lockForTransaction(trx, 'channel-schedules', `${input.platform}:${input.channelId}`);
      }
      const { count } = await trx
        .selectFrom('schedules')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
        .where('platform', '=', input.platform)
        .where('channelId', '=', input.channelId)
        .executeTakeFirstOrThrow();
      if (count >= maxPerChannel) {
        throw new ChannelFullError(
          `this channel already has ${count} schedules (the most allowed is ${maxPerChannel})`,
        );
      }
      const row = await trx
        .insertInto('schedules')
        .values({
          id: newScheduleId(),
          platform: input.platform,
          channelId: input.channelId,
          scope: input.scope,
          story: input.story ?? null,
          chart: input.chart ? 1 : 0,
          spec: input.spec,
          cron: input.cron,
          timezone: input.timezone,
          createdBy: input.createdBy,
          createdAt: input.createdAt,
          cursor: input.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSchedule(row);
    });
  }

  async get(id: string): Promise<Schedule | undefined> {
    const row = await this.database.kysely
      .selectFrom('schedules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSchedule(row) : undefined;
  }

  async list(filter: { platform?: Platform; channelId?: string } = {}): Promise<Schedule[]> {
    let query = this.database.kysely.selectFrom('schedules').selectAll();
    if (filter.platform !== undefined) query = query.where('platform', '=', filter.platform);
    if (filter.channelId !== undefined) query = query.where('channelId', '=', filter.channelId);
    return (await query.orderBy('createdAt').orderBy('id').execute()).map(toSchedule);
  }

  async remove(id: string): Promise<boolean> {
    const { numDeletedRows } = await this.database.kysely
      .deleteFrom('schedules')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return numDeletedRows === 1n;
  }

  async claimSlot(scheduleId: string, slot: string, owner: string): Promise<boolean> {
    // The primary key (schedule_id, slot) decides: of racing inserts exactly one adds a row.
    const { numInsertedOrUpdatedRows } = await this.database.kysely
      .insertInto('scheduleSlots')
      .values({ scheduleId, slot, owner, claimedAt: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['scheduleId', 'slot']).doNothing())
      .executeTakeFirstOrThrow();
    return numInsertedOrUpdatedRows === 1n;
  }

  async unfinishedSlots(
    claimedBefore: string,
  ): Promise<{ scheduleId: string; slot: string; owner: string }[]> {
    return this.database.kysely
      .selectFrom('scheduleSlots')
      .select(['scheduleId', 'slot', 'owner'])
      .where('status', '=', 'claimed')
      .where('claimedAt', '<', claimedBefore)
      .orderBy('claimedAt')
      .execute();
  }

  async finishSlot(
    scheduleId: string,
    slot: string,
    outcome: SlotOutcome,
    detail: string,
    health?: { status: ScheduleStatus; consecutiveFailures: number },
  ): Promise<void> {
    await this.database.kysely.transaction().execute(async (trx) => {
      await trx
        .updateTable('scheduleSlots')
        .set({ status: outcome, detail, finishedAt: new Date().toISOString() })
        .where('scheduleId', '=', scheduleId)
        .where('slot', '=', slot)
        .execute();
      await trx
        .updateTable('schedules')
        .set({
          lastSlot: slot,
          lastOutcome: `${OUTCOME_WORDS[outcome]}: ${detail}`,
          // Without a health update the health stays as it was.
          ...(health ? { status: health.status, consecutiveFailures: health.consecutiveFailures } : {}),
        })
        .where('id', '=', scheduleId)
        .execute();
    });
  }

  async setHealth(scheduleId: string, status: ScheduleStatus, consecutiveFailures: number): Promise<void> {
    await this.database.kysely
      .updateTable('schedules')
      .set({ status, consecutiveFailures })
      .where('id', '=', scheduleId)
      .execute();
  }

  async advanceCursor(scheduleId: string, slot: string): Promise<void> {
    // On PostgreSQL the condition is re-checked after a concurrent update commits, so the cursor never
    // moves back; the column's bytewise collation makes `<` the order of the ISO-8601 times.
    await this.database.kysely
      .updateTable('schedules')
      .set({ cursor: slot })
      .where('id', '=', scheduleId)
      .where('cursor', '<', slot)
      .execute();
  }

  async slots(scheduleId: string) {
    return this.database.kysely
      .selectFrom('scheduleSlots')
      .select(['slot', 'status', 'owner', 'detail'])
      .where('scheduleId', '=', scheduleId)
      .orderBy('slot')
      .execute();
  }

  /** Closes the database if this store opened it (a path); a shared one is closed by whoever opened it. */
  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}
