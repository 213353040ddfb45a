import type { Server } from 'node:http';
import { commands } from '../commands/index.ts';
import { createCore } from './app.ts';
import { type Config, ConfigError, loadDotEnv, parseConfig } from './config.ts';
import type { Dispatcher } from './core/dispatcher.ts';
import { type ConnectionDrain, drainConnections } from './core/http-connections.ts';
import { SharedHttpServer } from './core/http-server.ts';
import { createLogger, type Logger } from './core/logger.ts';
import type { Platform, PlatformModule } from './core/platform.ts';
import { finishWithin, TIMED_OUT, within } from './core/timeouts.ts';
import { loadLibrary, type ReloadResult, storyArgument } from './engine/library.ts';
import { StoryLoadError } from './knowledge/load-story.ts';
import { createHealthServer, listen } from './observability/health-server.ts';
import { BotMetrics } from './observability/metrics.ts';
import { platformModules } from './platforms.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { openStores } from './storage/open-stores.ts';

type AnyModule = PlatformModule<unknown>;

/**
 * Which platforms this process runs: a platform's worker process (a Discord shard) runs that platform
 * alone; otherwise every platform whose settings are present, or the console when none is (or with
 * --console).
 */
function choosePlatforms(
  config: Config,
  argv: readonly string[],
): { modules: AnyModule[]; worker?: AnyModule } {
  const modules = platformModules as readonly AnyModule[];
  const settings = config.platforms as Record<string, unknown>;
  const worker = modules.find((m) => m.workerArgument && argv.includes(m.workerArgument));
  if (worker) {
    if (settings[worker.id] === undefined)
      throw new ConfigError([`${worker.id}: a ${worker.id} worker process needs the ${worker.id} settings`]);
    return { modules: [worker], worker };
  }
  const on = modules.filter((m) => !m.fallback && settings[m.id] !== undefined);
  if (argv.includes('--console') || on.length === 0) return { modules: modules.filter((m) => m.fallback) };
  return { modules: on };
}

/** After the grace period, how long closing the stores may take before the process ends regardless. */
const SHUTDOWN_CLOSE_MS = 15_000;

/** The bot process: config → stores → core (engine, dispatcher, scheduler) → platforms. */
async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const { modules, worker } = choosePlatforms(config, argv);
  const consoleOnly = modules.every((m) => m.fallback);
  // The console prints answers on the same terminal: only warnings and worse go to the log there.
  const logger = createLogger({
    level: consoleOnly && config.logLevel === 'info' ? 'warn' : config.logLevel,
  });
  const stories = loadLibrary(storyArgument(argv) ?? config.story, storyArgument(argv) ? '--story' : 'STORY');
  const { store, insights, ledger, conversations, channelStories, ping, close } = await openStores(
    config,
    logger,
  );
  const metrics = new BotMetrics();
  const platforms: Platform[] = [];
  const core = createCore({
    commands,
    logger,
    commandName: config.commandName,
    insights,
    metrics,
    rateLimit: config.rateLimit,
    drainTimeoutMs: config.shutdownGraceSeconds * 1000,
    // Shared through PostgreSQL between instances and shards, so a user cannot multiply the limit.
    ledger,
    conversations,
    stories,
    channelStories,
    reloadStories: () => reloadStories(),
    schedules: {
      store,
      catchUpMs: config.catchUpMinutes * 60_000,
      instanceId: (
        (name = crypto.randomUUID()) =>
        () =>
          platforms.find((p) => p.instanceName)?.instanceName ?? name
      )(),
    },
  });
  const scheduler = core.scheduler as Scheduler;
  const { dispatcher } = core;

  let stopping: Promise<void> | undefined;
  let healthServer: Server | undefined;
  let healthDrain: ConnectionDrain | undefined;
  const stop = (reason: string) => {
    const graceMs = config.shutdownGraceSeconds * 1000;
    stopping ??= shutdown(reason, {
      platforms,
      scheduler,
      dispatcher,
      healthServer,
      healthDrain,
      logger,
      close,
      graceMs,
    });
    return stopping;
  };
  const stopBot = (reason: string, exitCode: number) => {
    // The grace shutdown gives its parts, and time to close the stores after it.
    const deadlineMs = shutdownGraceMs(config.shutdownGraceSeconds * 1000, platforms) + SHUTDOWN_CLOSE_MS;
    finishWithin(
      stop(reason),
      deadlineMs,
      exitCode,
      (code) => process.exit(code),
      () =>
        process.stderr.write(
          `shutdown did not finish within ${Math.round(deadlineMs / 1000)} s (${reason}); exiting anyway\n`,
        ),
      (error) =>
        process.stderr.write(
          `shutdown failed (${reason}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        ),
    );
  };
  /** Reloads the story packs in this process; a platform with processes of its own passes it on. */
  const reloadHere = (): ReloadResult => {
    const result = stories.reload();
    if (!result.ok)
      logger.error({ problems: result.problems }, 'story reload refused; the stories served so far stay');
    else {
      logger.info({ stories: result.stories }, 'stories reloaded');
      for (const platform of platforms) platform.reloaded?.();
    }
    return result;
  };
  // An admin's reload in a worker (a Discord shard) is passed to its manager, which reloads everyone.
  const reloadStories = (): ReloadResult => {
    const result = reloadHere();
    if (worker && result.ok) process.send?.({ aiNews: 'reload-stories' });
    return result;
  };
  // SIGHUP reloads the packs without a restart (on a shard manager, in every shard of the host too).
  process.on('SIGHUP', () => reloadHere());
  // Last resort: a rejection no platform could catch (e.g. inside an SDK) is logged, never fatal.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  // `on`, not `once`: Ctrl-C under `npm start` arrives from the terminal and again relayed by the
  // wrappers; a repeat must not kill the process halfway through its graceful shutdown.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) logger.info({ signal }, 'already shutting down');
      stopBot(signal, 0);
    });
  }

  const settings = config.platforms as Record<string, unknown>;
  // One HTTP server on PORT for every platform that receives requests over HTTP (Slack, Discord).
  const http = new SharedHttpServer(config.httpPort);
  http.onRefused = () => metrics.refusedBusy.inc();
  for (const module of modules) {
    const platform = await module.create({
      config: settings[module.id] ?? {},
      dispatcher,
      logger,
      commandName: config.commandName,
      metrics,
      worker: module === worker,
      stopBot,
      reloadStories: () => void reloadStories(),
      onReconnect: () => metrics.reconnects.inc({ platform: module.id }),
      http,
    });
    platforms.push(platform);
    dispatcher.attach(platform);
  }

  // A worker process (a Discord shard) reports to its manager, which serves /healthz and /metrics.
  if (config.metrics && !worker) {
    const summed = platforms.find((p) => p.metrics);
    healthServer = createHealthServer(
      summed ? { collect: () => (summed.metrics as () => Promise<never>)() } : metrics,
      () => platforms,
      {
        // /readyz: the database answers a read and would take a write.
        database: async () => {
          await ping();
          return undefined;
        },
      },
      // Replies not getting through are a detail (degraded), not a reason to take the bot out of service.
      { deliveries: async () => dispatcher.deliveryProblem() },
    );
    healthDrain = drainConnections(healthServer);
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

  try {
    // Together: each start resolves once its platform is connected (or listening), and the bot is up
    // when the slowest is, not after the sum of them.
    await Promise.all(platforms.map((platform) => platform.start()));
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
  // Up and answering: now load and run once what the first questions would wait for, a step at a
  // time, so that requests arriving meanwhile are read between steps.
  const steps = core.engine.warmUpSteps();
  const warmUp = () => {
    if (!steps.next().done) setImmediate(warmUp);
  };
  setImmediate(warmUp);
  const ending = platforms.map((p) => (p as { done?: Promise<void> }).done).find((done) => done);
  if (ending) {
    await ending; // the console: runs until its input ends
    await stop('console input ended');
    return 0;
  }
  logger.info(
    { platforms: platforms.map((p) => p.id) },
    worker ? `ai-news ${worker.id} worker running` : 'ai-news bot running',
  );
  return new Promise<number>(() => {}); // runs until a signal stops it
}

/**
 * How long shutdown waits for replies and platforms: SHUTDOWN_GRACE_SECONDS, or longer where a
 * platform's own stop needs it (Discord shards), plus a second.
 */
function shutdownGraceMs(graceMs: number, platforms: readonly Platform[]): number {
  return Math.max(graceMs, ...platforms.map((p) => p.stopGraceMs ?? 0)) + 1000;
}

/** Stops taking events, lets replies and posts in flight finish (bounded), then closes everything. */
async function shutdown(
  reason: string,
  parts: {
    platforms: Platform[];
    scheduler: Scheduler;
    dispatcher: Dispatcher;
    healthServer: Server | undefined;
    /** The health server's connections: a scraper's keep-alive connection is closed, not left open. */
    healthDrain: ConnectionDrain | undefined;
    logger: Logger;
    close: () => Promise<void>;
    /** SHUTDOWN_GRACE_SECONDS: how long replies in flight may take to finish. */
    graceMs: number;
  },
): Promise<void> {
  parts.logger.info({ reason }, 'shutting down');
  const graceMs = shutdownGraceMs(parts.graceMs, parts.platforms);
  const graceful = Promise.allSettled([
    // Scheduled posts in flight finish first, for at most half the grace period (a post that keeps
    // retrying must not keep the platforms from draining): stopping a platform closes its
    // connections. Each platform's stop lets the dispatcher drain its requests in flight.
    within(parts.scheduler.stop(), graceMs / 2).finally(() =>
      Promise.allSettled(parts.platforms.map((platform) => platform.stop())),
    ),
    new Promise<void>((resolve) => {
      if (!parts.healthServer) return resolve();
      parts.healthDrain?.closing();
      parts.healthServer.close(() => resolve());
    }),
  ]);
  if ((await within(graceful, graceMs)) === TIMED_OUT)
    parts.logger.warn(
      { graceMs, pending: parts.dispatcher.pending() },
      'shutdown grace period over; closing anyway',
    );
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
      process.exit(error instanceof ConfigError ? error.exitCode : 2);
    }
    process.stderr.write(
      `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
