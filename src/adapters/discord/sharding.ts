import { once } from 'node:events';
import { type Shard, ShardingManager } from 'discord.js';
import type { Registry } from 'prom-client';
import type { Logger } from '../../core/logger.ts';
import { type Platform, PostError } from '../../core/platform.ts';
import { TIMED_OUT, within } from '../../core/timeouts.ts';
import type { GatewayConfig } from './config.ts';
import { isShardMessage, ShardMetrics } from './shard-metrics.ts';
import { fetchGatewayInfo, SHARD_ARGUMENT } from './shards.ts';
import { REFUSED_EXIT_CODE } from './start-failure.ts';

/** Discord allows `max_concurrency` IDENTIFYs per 5 seconds; a little margin on top. */
const IDENTIFY_WINDOW_MS = 5500;
/** A shard that dies is started again after this long, doubling with each death in a row… */
const RESPAWN_BASE_MS = 1000;
/** …up to this long, so a crash loop cannot burn Discord's daily IDENTIFY allowance. */
const RESPAWN_MAX_MS = 5 * 60_000;
/** A shard that has stayed ready this long has recovered: its next death waits the base time again. */
const RESPAWN_STABLE_MS = 60_000;
/** How long a shard that Discord disconnected for good may stay before it is restarted. */
const DISCONNECTED_GRACE_MS = 5000;

export interface ShardFleetOptions {
  config: GatewayConfig & { shards: number | 'auto' };
  logger: Logger;
  /** The bot's entry script, run by each shard process with SHARD_ARGUMENT. */
  entryScript: string;
  /** Node options for the shard processes (e.g. the TypeScript loader this process runs with). */
  execArgv?: string[];
  /** The manager's own metrics, served together with the shards'. */
  registry: Registry;
  /** An admin reloaded the stories in a shard: reload them in this process (which then tells every shard). */
  onReloadRequest?: () => void;
  /** How long the shards get to exit on stop before they are killed. */
  graceMs?: number;
  /** Discord refused a shard for good (it exited REFUSED_EXIT_CODE, its message on stderr): the bot cannot run. */
  onFatal?: (shardId: number) => void;
}

/**
 * Discord sharding on discord.js's ShardingManager: one child process per shard, each a whole bot
 * for its guilds (answers, and the scheduled posts of those guilds). The manager spawns them at the
 * pace Discord allows, respawns one that dies (backing off while it keeps dying), reports them as one
 * "discord" adapter to /readyz, and serves their metrics, each labelled with its shard, with its own.
 */
export class ShardFleet implements Platform {
  readonly id = 'discord';
  /** The shards finish their replies first, each within its own grace period. */
  readonly stopGraceMs: number;
  private manager: ShardingManager | undefined;
  private stopping = false;
  private readonly shardMetrics = new ShardMetrics();
  /** Deaths in a row per shard, and the timers of respawns and recoveries to come. */
  private readonly deaths = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Per shard, the timer that forgets its deaths once it has stayed ready for a while. */
  private readonly stableTimers = new Map<number, NodeJS.Timeout>();
  private announcedReady = false;

  constructor(private readonly options: ShardFleetOptions) {
    this.stopGraceMs = options.graceMs ?? 14_000;
  }

  /** How many shards were spawned (0 before start). */
  get shardCount(): number {
    return this.manager?.shards.size ?? 0;
  }

  /** Asks Discord for the shard count when 'auto', then spawns the shards one after the other. */
  async start(): Promise<void> {
    const { config, logger } = this.options;
    // Also checks the token, and learns how many shards may identify at once; never discord.com
    // directly when DISCORD_API_URL points elsewhere (discord.js's own 'auto' would).
    const gateway = await fetchGatewayInfo(config);
    const total = config.shards === 'auto' ? gateway.shards : config.shards;
    if (config.shards !== 'auto' && config.shards < gateway.shards)
      logger.warn(
        { shards: config.shards, recommended: gateway.shards },
        'DISCORD_SHARDS is below the shard count Discord recommends; Discord may refuse to connect',
      );
    const manager = new ShardingManager(this.options.entryScript, {
      totalShards: total,
      // Shards spread over several hosts: this host runs only its own.
      ...(config.shardIds ? { shardList: config.shardIds } : {}),
      token: config.token,
      mode: 'process',
      // Respawned here instead, with a back-off: discord.js would respawn at once, forever.
      respawn: false,
      shardArgs: [SHARD_ARGUMENT],
      // Not the debugger flags: every shard would fight for the same inspector port.
      execArgv: (this.options.execArgv ?? []).filter((arg) => !/^--(inspect|debug)/.test(arg)),
    });
    this.manager = manager;
    manager.on('shardCreate', (shard) => this.watch(shard));
    const delay = Math.ceil(IDENTIFY_WINDOW_MS / gateway.maxConcurrency);
    logger.info(
      { shards: total, here: config.shardIds ?? 'all', spawnDelayMs: delay },
      'starting Discord shards',
    );
    // No waiting for each shard to be ready (timeout -1): one that fails to connect is respawned like
    // any other, or stops the bot if its configuration is wrong; /readyz tells meanwhile.
    await manager.spawn({ amount: total, delay, timeout: -1 });
  }

  /**
   * Runs `run` after `ms`. A pending respawn keeps the process alive (`keepAlive`): with every shard
   * process dead and nothing else open, the manager would otherwise exit 0 instead of restarting them.
   */
  private later(ms: number, run: () => void, keepAlive = false): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    if (!keepAlive) timer.unref();
    this.timers.add(timer);
    return timer;
  }

  /** Forgets a shard's stability timer, if it has one running. */
  private cancelStableTimer(shardId: number): void {
    const timer = this.stableTimers.get(shardId);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
    this.stableTimers.delete(shardId);
  }

  private watch(shard: Shard): void {
    const log = this.options.logger.child({ platform: 'discord', shard: shard.id });
    // An admin reloaded the stories in one shard: the manager reloads too, and so do all shards.
    shard.on('message', (message: unknown) => {
      if (isShardMessage(message) && message.aiNews === 'reload-stories') this.options.onReloadRequest?.();
    });
    shard.on('spawn', (child) => {
      // Shutting down while the manager was still spawning: this one must not outlive it.
      if (this.stopping) {
        shard.kill();
        return;
      }
      // A failed fork (no memory, too many processes) is reported here, not thrown.
      child.on('error', (error: Error) => log.error({ err: error }, 'shard process error'));
      log.info({ shardPid: 'pid' in child ? child.pid : undefined }, 'shard process started');
    });
    shard.on('ready', () => {
      log.info('shard ready');
      this.cancelStableTimer(shard.id);
      this.stableTimers.set(
        shard.id,
        this.later(RESPAWN_STABLE_MS, () => {
          if (shard.ready) this.deaths.delete(shard.id);
        }),
      );
      if (!this.announcedReady && this.isConnected()) {
        this.announcedReady = true;
        this.options.logger.info({ shards: this.shardCount }, 'every Discord shard is ready');
      }
    });
    shard.on('reconnecting', () => {
      // A shard closing its connection while shutting down reports a reconnect too.
      if (!this.stopping) log.warn('shard reconnecting');
    });
    shard.on('disconnect', () => {
      if (this.stopping) return;
      log.error('shard disconnected and will not reconnect');
      // Discord closed it for good after it was ready (e.g. the token was reset). Unless the process
      // exits by itself (a refusal at start does, with REFUSED_EXIT_CODE), restart it: a new start
      // either connects or is refused, and a refusal stops the bot naming what to fix.
      const child = shard.process;
      this.later(DISCONNECTED_GRACE_MS, () => {
        if (!this.stopping && shard.process === child && child && !shard.ready) shard.kill();
      });
    });
    shard.on('death', (child) => {
      if (this.stopping) return;
      const exitCode = 'exitCode' in child ? child.exitCode : null;
      const signal = 'signalCode' in child ? child.signalCode : null;
      this.cancelStableTimer(shard.id);
      if (exitCode === REFUSED_EXIT_CODE) {
        log.fatal({ exitCode }, 'Discord refused the shard; not respawning it');
        this.options.onFatal?.(shard.id);
        return;
      }
      const deaths = (this.deaths.get(shard.id) ?? 0) + 1;
      this.deaths.set(shard.id, deaths);
      const respawnInMs = Math.min(RESPAWN_MAX_MS, RESPAWN_BASE_MS * 2 ** (deaths - 1));
      log.error({ exitCode, signal, deaths, respawnInMs }, 'shard process exited; respawning it');
      this.later(
        respawnInMs,
        () => {
          if (this.stopping) return;
          shard.spawn(-1).catch((error: unknown) => log.error({ err: error }, 'could not respawn the shard'));
        },
        true,
      );
    });
    this.shardMetrics.listen(shard);
  }

  /** Connected when every shard has been spawned and its gateway connection is ready. */
  isConnected(): boolean {
    const manager = this.manager;
    if (!manager || this.stopping) return false;
    const expected = this.options.config.shardIds?.length ?? manager.totalShards;
    return manager.shards.size === expected && [...manager.shards.values()].every((shard) => shard.ready);
  }

  /** Each shard's state, for /readyz: `{ discordShards: { "0": "ready", "1": "not ready" } }`. */
  details(): Record<string, unknown> {
    const shards = [...(this.manager?.shards.values() ?? [])].sort((a, b) => a.id - b.id);
    return {
      discordShards: Object.fromEntries(shards.map((s) => [String(s.id), s.ready ? 'ready' : 'not ready'])),
    };
  }

  /**
   * The manager's metrics with every shard's, each shard's series labelled with its shard, so a shard
   * restarting from zero reads as that series' reset, not as the total going down.
   */
  metrics(): Promise<Registry> {
    return this.shardMetrics.collect(this.options.registry, [...(this.manager?.shards.values() ?? [])]);
  }

  /** Stops respawning, asks every shard process to shut down gracefully (SIGTERM), and waits for them. */
  async stop(): Promise<void> {
    const graceMs = this.stopGraceMs;
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const manager = this.manager;
    if (!manager) return;
    manager.respawn = false;
    // Shard.kill() forgets its process at once: keep our own hold on each, for the SIGKILL below.
    const running = [...manager.shards.values()]
      .map((shard) => ({ shard, child: shard.process }))
      .filter(({ child }) => child && child.exitCode === null && child.signalCode === null);
    const exits = running.map(({ child }) => once(child as NonNullable<typeof child>, 'exit'));
    // SIGTERM: each shard finishes its replies in flight and closes its gateway connection.
    for (const { shard } of running) shard.kill();
    if ((await within(Promise.all(exits), graceMs)) === TIMED_OUT) {
      this.options.logger.warn({ graceMs }, 'Discord shards did not exit in time; killing them');
      for (const { child } of running)
        if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  /** After a reload of the stories here (SIGHUP, an admin's command): every shard process reloads its own. */
  reloaded(): void {
    for (const shard of this.manager?.shards.values() ?? []) shard.process?.kill('SIGHUP');
  }

  /** The shard processes post their own guilds' schedules; the manager posts none. */
  ownsSchedule(): boolean {
    return false;
  }

  async post(): Promise<void> {
    throw new PostError('Discord posts are made by the shard processes', false);
  }
}
