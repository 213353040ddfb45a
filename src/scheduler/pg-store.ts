import type pg from 'pg';
import type { Platform } from '../core/invocation.ts';
import { endPool, inTransaction, lockForTransaction, pgSchemaVersionOf } from '../storage/postgres.ts';
import {
  ChannelFullError,
  type NewSchedule,
  newScheduleId,
  type Schedule,
  type ScheduleStatus,
  type ScheduleStore,
  type SlotOutcome,
} from './store.ts';

/** The schedules columns under the Schedule field names, so rows need no mapping. */
const SCHEDULE_COLUMNS = `id, platform, channel_id AS "channelId", scope, spec, cron, timezone,
  created_by AS "createdBy", created_at AS "createdAt", status,
  consecutive_failures AS "consecutiveFailures", cursor, last_slot AS "lastSlot", last_outcome AS "lastOutcome"`;

/** The PostgreSQL store, for several bot instances sharing schedules; open the pool with openPostgres. */
export class PgScheduleStore implements ScheduleStore {
  /** Uses a migrated pool (shared with the other stores); close() ends it. */
  constructor(private readonly pool: pg.Pool) {}

  /** The schema version recorded in the database. */
  schemaVersion(): Promise<number> {
    return pgSchemaVersionOf(this.pool);
  }

  async add(input: NewSchedule, maxPerChannel: number): Promise<Schedule> {
    return inTransaction(this.pool, async (client) => {
      // A row lock cannot guard rows that do not exist yet: without this lock two instances could both
      // count maxPerChannel - 1 and both insert.
      await lockForTransaction(client, 'channel-schedules', `${input.platform}:${input.channelId}`);
      const { rows } = await client.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM schedules WHERE platform = $1 AND channel_id = $2',
        [input.platform, input.channelId],
      );
      const count = rows[0]?.count ?? 0;
      if (count >= maxPerChannel) {
        throw new ChannelFullError(
          `this channel already has ${count} schedules (the most allowed is ${maxPerChannel})`,
        );
      }
      const inserted = await client.query<Schedule>(
        `INSERT INTO schedules (id, platform, channel_id, scope, spec, cron, timezone, created_by, created_at, cursor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         RETURNING ${SCHEDULE_COLUMNS}`,
        [
          newScheduleId(),
          input.platform,
          input.channelId,
          input.scope,
          input.spec,
          input.cron,
          input.timezone,
          input.createdBy,
          input.createdAt,
        ],
      );
      return inserted.rows[0] as Schedule;
    });
  }

  async get(id: string): Promise<Schedule | undefined> {
    const { rows } = await this.pool.query<Schedule>(
      `SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async list(filter: { platform?: Platform; channelId?: string } = {}): Promise<Schedule[]> {
    const { rows } = await this.pool.query<Schedule>(
      `SELECT ${SCHEDULE_COLUMNS} FROM schedules
       WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR channel_id = $2)
       ORDER BY created_at, id`,
      [filter.platform ?? null, filter.channelId ?? null],
    );
    return rows;
  }

  async remove(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM schedules WHERE id = $1', [id]);
    return rowCount === 1;
  }

  async claimSlot(scheduleId: string, slot: string, owner: string): Promise<boolean> {
    // The primary key (schedule_id, slot) decides: of racing inserts exactly one adds a row.
    const { rowCount } = await this.pool.query(
      `INSERT INTO schedule_slots (schedule_id, slot, owner, claimed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (schedule_id, slot) DO NOTHING`,
      [scheduleId, slot, owner, new Date().toISOString()],
    );
    return rowCount === 1;
  }

  async finishSlot(
    scheduleId: string,
    slot: string,
    outcome: SlotOutcome,
    detail: string,
    health?: { status: ScheduleStatus; consecutiveFailures: number },
  ): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'UPDATE schedule_slots SET status = $1, detail = $2, finished_at = $3 WHERE schedule_id = $4 AND slot = $5',
        [outcome, detail, new Date().toISOString(), scheduleId, slot],
      );
      await client.query(
        `UPDATE schedules SET last_slot = $1, last_outcome = $2,
           status = coalesce($3, status), consecutive_failures = coalesce($4, consecutive_failures)
         WHERE id = $5`,
        [
          slot,
          `${outcome}: ${detail}`,
          health?.status ?? null,
          health?.consecutiveFailures ?? null,
          scheduleId,
        ],
      );
    });
  }

  async setHealth(scheduleId: string, status: ScheduleStatus, consecutiveFailures: number): Promise<void> {
    await this.pool.query('UPDATE schedules SET status = $1, consecutive_failures = $2 WHERE id = $3', [
      status,
      consecutiveFailures,
      scheduleId,
    ]);
  }

  async advanceCursor(scheduleId: string, slot: string): Promise<void> {
    // The condition is re-checked after a concurrent update commits, so the cursor never moves back.
    await this.pool.query('UPDATE schedules SET cursor = $1 WHERE id = $2 AND cursor < $1', [
      slot,
      scheduleId,
    ]);
  }

  async slots(scheduleId: string) {
    const { rows } = await this.pool.query<{
      slot: string;
      status: string;
      owner: string;
      detail: string | null;
    }>('SELECT slot, status, owner, detail FROM schedule_slots WHERE schedule_id = $1 ORDER BY slot', [
      scheduleId,
    ]);
    return rows;
  }

  async close(): Promise<void> {
    await endPool(this.pool);
  }
}
