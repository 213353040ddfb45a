import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createConsoleAdapter, runConsoleBot } from './adapters/console/console-bot.ts';
import { createDiscordAdapter } from './adapters/discord/client.ts';
import {
  answerMetricsRequests,
  ownsDiscordSchedule,
  SHARD_ARGUMENT,
  ShardFleet,
  shardAssignment,
} from './adapters/discord/sharding.ts';
import { DiscordRefusedError, REFUSED_EXIT_CODE } from './adapters/discord/start-failure.ts';
import { createSlackAdapter } from './adapters/slack/app.ts';
import { createCore } from './app.ts';
import { type Config, ConfigError, loadDotEnv, parseConfig } from './config.ts';
import type { PlatformAdapter } from './core/adapter.ts';
import type { Platform } from './core/invocation.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { TIMED_OUT, within } from './core/timeouts.ts';
import { StoryLoadError } from './knowledge/load-story.ts';
import { createHealthServer, type HealthReporter, listen } from './observability/health-server.ts';
import { BotMetrics } from './observability/metrics.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { openStores } from './storage/open-stores.ts';

/** How long shutdown waits for replies and posts in flight before giving up. */
const SHUTDOWN_GRACE_MS = 10_000;
/** A shard manager waits longer: each shard has its own SHUTDOWN_GRACE_MS, and they start together. */
const SHARD_MANAGER_GRACE_MS = SHUTDOWN_GRACE_MS + 5000;

/**
 * How this process runs: the console bot; one bot process with every configured platform; or, with
 * DISCORD_SHARDS, a manager (Slack, health, and the Discord shard processes) and its shards (Discord
 * only, each posting its own guilds' schedules).
 */
type Role = 'console' | 'bot' | 'shard-manager' | 'shard';

function roleOf(config: Config, argv: string[]): Role {
  if (argv.includes(SHARD_ARGUMENT)) {
    if (!config.discord)
      throw new ConfigError(['DISCORD_TOKEN: a Discord shard process needs the bot token']);
    return 'shard';
  }
  if (argv.includes('--console') || (!config.discord && !config.slack)) return 'console';
  return config.discord?.shards !== undefined ? 'shard-manager' : 'bot';
}

/** The bot process: config → store → engine → scheduler → adapters (the console bot when no platform is set). */
async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const role = roleOf(config, argv);
  const shards = role === 'shard' ? shardAssignment(process.env) : undefined;
  const rootLogger = createLogger({
    level: role === 'console' && config.logLevel === 'info' ? 'warn' : config.logLevel,
  });
  const logger = shards ? rootLogger.child({ shard: shards.shardIds }) : rootLogger;
  const { store, insights, close } = await openStores(config, logger);
  const metrics = new BotMetrics();
  const adapters = new Map<Platform, PlatformAdapter>();
  const fleet =
    role === 'shard-manager' && config.discord?.shards !== undefined
      ? new ShardFleet({
          config: { ...config.discord, shards: config.discord.shards },
          logger,
          // The same entry script, run with the same Node options (the TypeScript loader).
          entryScript: process.argv[1] as string,
          execArgv: process.execArgv,
          registry: metrics.registry,
          // A shard whose configuration Discord refuses (it printed why): the bot cannot run as set up.
          onFatal: () => {
            void stop('a Discord shard stopped on a configuration problem').then(() => process.exit(2));
          },
        })
      : undefined;
  const core = createCore({
    logger,
    insights,
    metrics,
    rateLimit: config.rateLimit,
    makeScheduler: (engine) =>
      new Scheduler({
        store,
        engine,
        adapters,
        logger,
        catchUpMs: config.catchUpMinutes * 60_000,
        onOutcome: (schedule, outcome) => metrics.schedulePosts.inc({ platform: schedule.platform, outcome }),
        ...(shards
          ? {
              owns: ownsDiscordSchedule(shards.shardIds, shards.shardCount),
              instanceId: `discord-shard-${shards.shardIds.join('+')}-${randomUUID().slice(0, 8)}`,
            }
          : {}),
      }),
  });
  const scheduler = core.scheduler as Scheduler;
  const reporters = (): HealthReporter[] => [...adapters.values(), ...(fleet ? [fleet] : [])];
  const healthServer =
    config.metrics && role !== 'shard'
      ? createHealthServer(fleet ? { collect: () => fleet.metrics() } : metrics, reporters)
      : undefined;
  if (shards) metrics.registry.setDefaultLabels({ shard: shards.shardIds.join('+') });
  const stopMetricsAnswers = role === 'shard' ? answerMetricsRequests(metrics.registry) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopMetricsAnswers?.();
    stopping ??= shutdown(reason, { adapters, fleet, scheduler, healthServer, logger, close });
    return stopping;
  };
  // Last resort: a rejection no adapter could catch (e.g. inside an SDK) is logged, never fatal.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  // `on`, not `once`: Ctrl-C under `npm start` arrives from the terminal and again relayed by the
  // wrappers; a repeat must not kill the process halfway through its graceful shutdown.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) logger.info({ signal }, 'already shutting down');
      void stop(signal).then(() => process.exit(0));
    });
  }
  if (role === 'shard') {
    // The manager is gone (killed, crashed): a shard must not live on unsupervised.
    // discord.js reports its last state to the manager while closing; once the manager has gone, that
    // send fails with an 'error' event on the process, which must not crash the shutdown.
    process.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_IPC_CHANNEL_CLOSED') logger.error({ err: error }, 'process error');
    });
    process.once('disconnect', () => {
      void stop('shard manager went away').then(() => process.exit(0));
    });
  }

  if (healthServer && config.metrics) {
    const port = await listen(healthServer, config.metrics.port, config.metrics.host).catch(
      async (error: Error) => {
        await stop('metrics server could not listen');
        throw new ConfigError([
          `METRICS_PORT: cannot listen on ${config.metrics?.host}:${config.metrics?.port} (${error.message})`,
        ]);
      },
    );
    logger.info({ port, host: config.metrics.host }, 'health and metrics listening');
  }
  if (role === 'console') {
    adapters.set('console', createConsoleAdapter(process.stdout));
    scheduler.start();
    await runConsoleBot(core.router, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    await stop('console input ended');
    return 0;
  }
  try {
    await startPlatformAdapters(role, config, adapters, core, logger, metrics);
    await fleet?.start();
  } catch (error) {
    if (stopping) return stopping.then(() => 0); // a signal arrived while starting
    // Never leave a half-started bot running (one platform up, no scheduler): stop everything.
    logger.fatal({ err: error }, 'could not start');
    await stop('start failed');
    throw error;
  }
  // A signal during start-up: the shutdown under way has stopped the scheduler; do not restart it.
  if (stopping) return stopping.then(() => 0);
  scheduler.start();
  logger.info(
    { platforms: [...adapters.keys(), ...(fleet ? [`discord (${fleet.shardCount} shards)`] : [])] },
    role === 'shard' ? 'ai-news shard running' : 'ai-news bot running',
  );
  return new Promise<number>(() => {}); // runs until a signal stops it
}

/**
 * Starts every platform adapter whose tokens are set that this process runs: a shard runs only
 * Discord, a shard manager everything but Discord (its shards do that).
 */
async function startPlatformAdapters(
  role: Role,
  config: Config,
  adapters: Map<Platform, PlatformAdapter>,
  core: ReturnType<typeof createCore>,
  logger: Logger,
  metrics: BotMetrics,
): Promise<void> {
  if (config.slack && role !== 'shard') {
    const slack = createSlackAdapter({
      config: config.slack,
      router: core.router,
      logger,
      onReconnect: () => metrics.reconnects.inc({ platform: 'slack' }),
    });
    adapters.set('slack', slack); // registered first, so /healthz reports it as not connected until it is
    await slack.start(); // checks the bot token (auth.test), then listens on PORT or opens the socket
  }
  if (config.discord && role !== 'shard-manager') {
    const discord = createDiscordAdapter({
      config: config.discord,
      router: core.router,
      logger,
      ...(core.scheduler ? { scheduler: core.scheduler } : {}), // lets schedule ids autocomplete
      onReconnect: () => metrics.reconnects.inc({ platform: 'discord' }),
    });
    adapters.set('discord', discord);
    await discord.start(); // resolves once the gateway is ready
  }
}

/** Stops taking events, lets replies and posts in flight finish (bounded), then closes everything. */
async function shutdown(
  reason: string,
  parts: {
    adapters: Map<Platform, PlatformAdapter>;
    fleet: ShardFleet | undefined;
    scheduler: Scheduler;
    healthServer: Server | undefined;
    logger: Logger;
    close: () => Promise<void>;
  },
): Promise<void> {
  parts.logger.info({ reason }, 'shutting down');
  const graceful = Promise.allSettled([
    // Scheduled posts in flight finish first: stopping an adapter closes its connections.
    parts.scheduler
      .stop()
      .finally(() => Promise.allSettled([...parts.adapters.values()].map((adapter) => adapter.stop()))),
    parts.fleet?.stop(SHARD_MANAGER_GRACE_MS - 1000),
    new Promise<void>((resolve) =>
      parts.healthServer ? parts.healthServer.close(() => resolve()) : resolve(),
    ),
  ]);
  const graceMs = parts.fleet ? SHARD_MANAGER_GRACE_MS : SHUTDOWN_GRACE_MS;
  if ((await within(graceful, graceMs)) === TIMED_OUT)
    parts.logger.warn({ graceMs }, 'shutdown grace period over; closing anyway');
  await parts.close();
  parts.logger.info('stopped');
}

// A failed start exits at once: whatever is still open (a shard's channel to its manager, a half-made
// connection) must not keep a bot that cannot run alive.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StoryLoadError) {
      process.stderr.write(`${error.message}\n`);
      // A shard refused by Discord tells its manager so by its exit code: restarting it cannot help.
      const refusedShard = error instanceof DiscordRefusedError && process.argv.includes(SHARD_ARGUMENT);
      process.exit(refusedShard ? REFUSED_EXIT_CODE : 2);
    }
    process.stderr.write(
      `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
