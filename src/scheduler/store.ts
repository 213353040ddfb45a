import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Platform } from '../core/invocation.ts';
import { openDatabase, schemaVersionOf } from '../storage/sqlite.ts';

/** A schedule's health: failing after a failed post, paused after 3 failures in a row. */
export type ScheduleStatus = 'active' | 'failing' | 'paused';

/** A scheduled summary: where, when (cron in a time zone), and how its last post went. */
export interface Schedule {
  id: string;
  platform: Platform;
  channelId: string;
  /** The Discord guild or Slack team the channel belongs to (for sharded deployments). */
  scope: string | null;
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
>;

export type SlotOutcome = 'posted' | 'failed' | 'skipped';

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

interface ScheduleRow {
  id: string;
  platform: Platform;
  channel_id: string;
  scope: string | null;
  spec: string;
  cron: string;
  timezone: string;
  created_by: string;
  created_at: string;
  status: ScheduleStatus;
  consecutive_failures: number;
  cursor: string;
  last_slot: string | null;
  last_outcome: string | null;
}

function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    platform: row.platform,
    channelId: row.channel_id,
    scope: row.scope,
    spec: row.spec,
    cron: row.cron,
    timezone: row.timezone,
    createdBy: row.created_by,
    createdAt: row.created_at,
    status: row.status,
    consecutiveFailures: row.consecutive_failures,
    cursor: row.cursor,
    lastSlot: row.last_slot,
    lastOutcome: row.last_outcome,
  };
}

/** A short id people can type: 6 characters without look-alikes. */
export function newScheduleId(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The embedded SQLite store (better-sqlite3), created and migrated on open. */
export class SqliteScheduleStore implements ScheduleStore {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;

  /** Uses an open database (shared with the other stores), or opens the file at a path. */
  constructor(database: Database.Database | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openDatabase(database) : database;
  }

  /** The schema version recorded in the database file. */
  schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  async add(input: NewSchedule, maxPerChannel: number): Promise<Schedule> {
    const insert = this.db.transaction((): Schedule => {
      const { count } = this.db
        .prepare('SELECT COUNT(*) AS count FROM schedules WHERE platform = ? AND channel_id = ?')
        .get(input.platform, input.channelId) as { count: number };
      if (count >= maxPerChannel) {
        throw new ChannelFullError(
          `this channel already has ${count} schedules (the most allowed is ${maxPerChannel})`,
        );
      }
      const id = newScheduleId();
      this.db
        .prepare(
          `INSERT INTO schedules (id, platform, channel_id, scope, spec, cron, timezone, created_by, created_at, cursor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.platform,
          input.channelId,
          input.scope,
          input.spec,
          input.cron,
          input.timezone,
          input.createdBy,
          input.createdAt,
          input.createdAt,
        );
      return toSchedule(this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow);
    });
    return insert.immediate();
  }

  async get(id: string): Promise<Schedule | undefined> {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row ? toSchedule(row) : undefined;
  }

  async list(filter: { platform?: Platform; channelId?: string } = {}): Promise<Schedule[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM schedules WHERE (@platform IS NULL OR platform = @platform)
         AND (@channelId IS NULL OR channel_id = @channelId) ORDER BY created_at, id`,
      )
      .all({ platform: filter.platform ?? null, channelId: filter.channelId ?? null }) as ScheduleRow[];
    return rows.map(toSchedule);
  }

  async remove(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes === 1;
  }

  async claimSlot(scheduleId: string, slot: string, owner: string): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO schedule_slots (schedule_id, slot, owner, claimed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (schedule_id, slot) DO NOTHING`,
      )
      .run(scheduleId, slot, owner, new Date().toISOString());
    return result.changes === 1;
  }

  async finishSlot(
    scheduleId: string,
    slot: string,
    outcome: SlotOutcome,
    detail: string,
    health?: { status: ScheduleStatus; consecutiveFailures: number },
  ): Promise<void> {
    const finish = this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE schedule_slots SET status = ?, detail = ?, finished_at = ? WHERE schedule_id = ? AND slot = ?',
        )
        .run(outcome, detail, new Date().toISOString(), scheduleId, slot);
      this.db
        .prepare(
          `UPDATE schedules SET last_slot = ?, last_outcome = ?,
             status = COALESCE(?, status), consecutive_failures = COALESCE(?, consecutive_failures)
           WHERE id = ?`,
        )
        .run(
          slot,
          `${outcome}: ${detail}`,
          health?.status ?? null,
          health?.consecutiveFailures ?? null,
          scheduleId,
        );
    });
    finish.immediate();
  }

  async setHealth(scheduleId: string, status: ScheduleStatus, consecutiveFailures: number): Promise<void> {
    this.db
      .prepare('UPDATE schedules SET status = ?, consecutive_failures = ? WHERE id = ?')
      .run(status, consecutiveFailures, scheduleId);
  }

  async advanceCursor(scheduleId: string, slot: string): Promise<void> {
    this.db
      .prepare('UPDATE schedules SET cursor = ? WHERE id = ? AND cursor < ?')
      .run(slot, scheduleId, slot);
  }

  async slots(scheduleId: string) {
    return this.db
      .prepare('SELECT slot, status, owner, detail FROM schedule_slots WHERE schedule_id = ? ORDER BY slot')
      .all(scheduleId) as { slot: string; status: string; owner: string; detail: string | null }[];
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}
