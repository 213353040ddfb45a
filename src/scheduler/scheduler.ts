import { randomUUID } from 'node:crypto';
import type { Platform } from '../core/invocation.ts';
import { type Logger, silentLogger } from '../core/logger.ts';
import { type PostCheck, PostError } from '../core/platform.ts';
import { type Clock, systemClock } from './clock.ts';
import { formatDayInZone, isValidTimeZone, nextRun, parseScheduleSpec } from './spec.ts';
import { ChannelFullError, type Schedule, type ScheduleStore } from './store.ts';

/** The most schedules one channel may have. */
export const MAX_SCHEDULES_PER_CHANNEL = 10;
/**
 * A claim unfinished for this long was interrupted: every post ends well within it (retries stop at
 * the catch-up window), so only a killed process leaves one.
 */
export const INTERRUPTED_AFTER_MS = 60 * 60_000;
/** Consecutive failed posts after which a schedule is paused. */
export const FAILURES_BEFORE_PAUSE = 3;

/** Where schedules are posted: the dispatcher, which runs the summary and delivers it through the platform. */
export interface SchedulePublisher {
  /** Whether this process posts a schedule (its platform runs here and claims it); others are left to other processes. */
  owns(schedule: Schedule): boolean;
  canPost(platform: Platform, channelId: string, scope?: string): Promise<PostCheck>;
  /**
   * Posts the schedule's summary under a heading; throws when it was not posted (PostError: permanent
   * or not). `key` names the slot, the same for every try of it.
   */
  publish(schedule: Schedule, heading: string, key: string): Promise<void>;
}

export interface SchedulerOptions {
  store: ScheduleStore;
  publisher: SchedulePublisher;
  clock?: Clock;
  logger?: Logger;
  /** Names this process in slot claims; a function when the name is known only once the platforms exist. */
  instanceId?: string | (() => string);
  /** A slot missed while the bot was down is posted if it is at most this late, else skipped. */
  catchUpMs?: number;
  /** How often due slots are looked for. */
  pollMs?: number;
  retry?: { attempts: number; baseDelayMs: number };
  /** Called after each slot ends, for metrics. */
  onOutcome?: (schedule: Schedule, outcome: 'posted' | 'failed' | 'skipped') => void;
}

export type AddScheduleInput = {
  platform: Platform;
  channelId: string;
  scope: string | null;
  spec: string;
  timezone: string;
  createdBy: string;
  /** The story it posts; its channel's when absent. */
  story?: string;
  /** Whether its summary carries the chart of the story's main figures. */
  chart?: boolean;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Posts the story's summary into channels on schedule. Every slot is claimed in the store before
 * posting, so a restart or a second process never posts the same slot twice.
 */
export class Scheduler {
  private readonly store: ScheduleStore;
  private readonly publisher: SchedulePublisher;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly nameOf: () => string;
  private readonly catchUpMs: number;
  private readonly pollMs: number;
  private readonly retry: { attempts: number; baseDelayMs: number };
  private readonly onOutcome: NonNullable<SchedulerOptions['onOutcome']>;
  private timer: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;

  constructor(options: SchedulerOptions) {
    this.store = options.store;
    this.publisher = options.publisher;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger();
    const name = options.instanceId ?? randomUUID();
    this.nameOf = typeof name === 'function' ? name : () => name;
    this.catchUpMs = options.catchUpMs ?? 30 * 60_000;
    this.pollMs = options.pollMs ?? 15_000;
    this.retry = options.retry ?? { attempts: 4, baseDelayMs: 2_000 };
    this.onOutcome = options.onOutcome ?? (() => {});
  }

  /** Names this process in slot claims. */
  get instanceId(): string {
    return this.nameOf();
  }

  /** Catches up on slots missed while down, then looks for due slots every poll interval. */
  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = this.clock.setInterval(() => void this.tick(), this.pollMs);
  }

  /** Stops looking for slots and waits for posts in flight. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.running;
  }

  /** Handles every due slot once; overlapping calls share one run. Never throws. */
  tick(): Promise<void> {
    this.running ??= this.runDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Slots a process claimed and never finished (it was killed mid-post) are marked `abandoned`,
   * logged and shown in `schedule list` as missed: at most once means such a slot is never posted again.
   */
  private async recordInterrupted(): Promise<void> {
    const cutoff = new Date(this.clock.now() - INTERRUPTED_AFTER_MS).toISOString();
    for (const { scheduleId, slot, owner } of await this.store.unfinishedSlots(cutoff)) {
      const detail = `the bot stopped while posting (process ${owner}); this slot is not posted again`;
      await this.store.finishSlot(scheduleId, slot, 'abandoned', detail);
      this.logger.warn(
        { schedule: scheduleId, slot, owner },
        'scheduled post abandoned: the bot stopped while posting it',
      );
    }
  }

  private async runDue(): Promise<void> {
    let schedules: Schedule[];
    try {
      await this.recordInterrupted();
      schedules = await this.store.list();
    } catch (error) {
      this.logger.error({ err: error }, 'could not read schedules');
      return;
    }
    const mine = schedules.filter((s) => s.status !== 'paused' && this.publisher.owns(s));
    await Promise.all(mine.map((s) => this.runSchedule(s)));
  }

  private async runSchedule(schedule: Schedule): Promise<void> {
    try {
      const now = this.clock.now();
      const due: Date[] = [];
      let slot = nextRun(schedule.cron, schedule.timezone, new Date(schedule.cursor));
      while (slot && slot.getTime() <= now && due.length < 10_000) {
        due.push(slot);
        slot = nextRun(schedule.cron, schedule.timezone, slot);
      }
      const latest = due.at(-1);
      if (!latest) return;
      if (due.length > 1) {
        this.logger.warn(
          { schedule: schedule.id, missed: due.length - 1 },
          'skipped older slots missed while down',
        );
      }
      await this.store.advanceCursor(schedule.id, latest.toISOString());
      const lateness = now - latest.getTime();
      if (lateness > this.catchUpMs) {
        if (await this.store.claimSlot(schedule.id, latest.toISOString(), this.instanceId)) {
          const detail = `missed by ${Math.round(lateness / 60_000)} minutes while the bot was down`;
          await this.store.finishSlot(schedule.id, latest.toISOString(), 'skipped', detail);
          this.logger.warn({ schedule: schedule.id, slot: latest.toISOString(), detail }, 'slot skipped');
          this.onOutcome(schedule, 'skipped');
        }
        return;
      }
      if (!(await this.store.claimSlot(schedule.id, latest.toISOString(), this.instanceId))) return;
      await this.postSlot(schedule, latest);
    } catch (error) {
      this.logger.error({ err: error, schedule: schedule.id }, 'scheduled post failed unexpectedly');
    }
  }

  /** Posts a claimed slot with retries, then records the outcome and the schedule's health. */
  private async postSlot(schedule: Schedule, slot: Date): Promise<void> {
    const slotIso = slot.toISOString();
    const result = await this.deliver(schedule, slot);
    if (result.ok) {
      await this.store.finishSlot(schedule.id, slotIso, 'posted', 'ok', {
        status: 'active',
        consecutiveFailures: 0,
      });
      this.logger.info(
        { schedule: schedule.id, slot: slotIso, channel: schedule.channelId },
        'summary posted',
      );
      this.onOutcome(schedule, 'posted');
      return;
    }
    const failures = schedule.consecutiveFailures + 1;
    const status = failures >= FAILURES_BEFORE_PAUSE ? 'paused' : 'failing';
    await this.store.finishSlot(schedule.id, slotIso, 'failed', result.error, {
      status,
      consecutiveFailures: failures,
    });
    this.logger.warn(
      { schedule: schedule.id, slot: slotIso, error: result.error, failures, status },
      'summary not posted',
    );
    this.onOutcome(schedule, 'failed');
  }

  private async deliver(
    schedule: Schedule,
    slot: Date,
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    const heading = formatDayInZone(slot, schedule.timezone);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.publish(schedule, heading, `${schedule.id}@${slot.toISOString()}`);
        return { ok: true };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const permanent = error instanceof PostError && error.permanent;
        const outOfTime = this.clock.now() - slot.getTime() > this.catchUpMs;
        if (permanent || attempt >= this.retry.attempts || outOfTime) {
          return { ok: false, error: permanent ? message : `${message} (after ${attempt} attempts)` };
        }
        this.logger.warn({ schedule: schedule.id, attempt, error: message }, 'post failed; retrying');
        await this.clock.sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /** Validates and stores a new schedule. */
  async add(input: AddScheduleInput): Promise<Result<Schedule>> {
    const parsed = parseScheduleSpec(input.spec);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    if (!isValidTimeZone(input.timezone)) {
      return {
        ok: false,
        error: `“${input.timezone.slice(0, 60)}” is not a time zone I know; use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
      };
    }
    const reachable = await this.publisher.canPost(input.platform, input.channelId, input.scope ?? undefined);
    if (!reachable.ok) return { ok: false, error: `I can’t post to that channel: ${reachable.reason}.` };
    try {
      const schedule = await this.store.add(
        {
          platform: input.platform,
          channelId: input.channelId,
          scope: input.scope,
          spec: parsed.label,
          cron: parsed.cron,
          timezone: input.timezone,
          createdBy: input.createdBy,
          createdAt: new Date(this.clock.now()).toISOString(),
          ...(input.story ? { story: input.story } : {}),
          ...(input.chart ? { chart: true } : {}),
        },
        MAX_SCHEDULES_PER_CHANNEL,
      );
      return { ok: true, value: schedule };
    } catch (error) {
      if (error instanceof ChannelFullError) {
        return {
          ok: false,
          error: `This channel already has ${MAX_SCHEDULES_PER_CHANNEL} schedules; remove one first.`,
        };
      }
      throw error;
    }
  }

  /** Schedules of a platform, optionally of one channel. */
  list(platform: Platform, channelId?: string): Promise<Schedule[]> {
    return this.store.list(channelId ? { platform, channelId } : { platform });
  }

  /** A schedule by id, if it belongs to this platform and (when given) this server or workspace. */
  private async own(
    platform: Platform,
    id: string,
    scope: string | undefined,
  ): Promise<Schedule | undefined> {
    const schedule = await this.store.get(id.trim().toLowerCase());
    if (!schedule || schedule.platform !== platform) return undefined;
    if (scope !== undefined && schedule.scope !== scope) return undefined;
    return schedule;
  }

  /** Removes a schedule of this platform (and server); false when there is none with that id. */
  async remove(platform: Platform, id: string, scope?: string): Promise<boolean> {
    const schedule = await this.own(platform, id, scope);
    if (!schedule) return false;
    return this.store.remove(schedule.id);
  }

  /** Posts a schedule's summary now (outside its slots); reports how it went. */
  async test(platform: Platform, id: string, scope?: string): Promise<Result<Schedule>> {
    const schedule = await this.own(platform, id, scope);
    if (!schedule) return { ok: false, error: `There is no schedule “${id.slice(0, 20)}”.` };
    const result = await this.deliver(schedule, new Date(this.clock.now()));
    if (!result.ok) return { ok: false, error: `The test post failed: ${result.error}` };
    // A test that works is how an admin brings a paused or failing schedule back.
    if (schedule.status !== 'active') await this.store.setHealth(schedule.id, 'active', 0);
    return { ok: true, value: { ...schedule, status: 'active', consecutiveFailures: 0 } };
  }

  /** When a schedule fires next, from now. */
  nextRunOf(schedule: Schedule): Date | null {
    return nextRun(
      schedule.cron,
      schedule.timezone,
      new Date(Math.max(this.clock.now(), Date.parse(schedule.cursor))),
    );
  }
}
