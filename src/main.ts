import { createConsoleAdapter, runConsoleBot } from './adapters/console/console-bot.ts';
import { createCore } from './app.ts';
import { ConfigError, loadDotEnv, parseConfig } from './config.ts';
import type { PlatformAdapter } from './core/adapter.ts';
import type { Platform } from './core/invocation.ts';
import { createLogger } from './core/logger.ts';
import { SqliteInsightsStore } from './insights/store.ts';
import { StoryLoadError } from './knowledge/load-story.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { SqliteScheduleStore } from './scheduler/store.ts';
import { openDatabase } from './storage/sqlite.ts';

/** The bot process: config → engine → scheduler → adapters (the console bot when no platform is configured). */
async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const forceConsole = argv.includes('--console');
  const logger = createLogger({ level: config.logLevel });
  const db = openDatabase(config.dbPath);
  const store = new SqliteScheduleStore(db);
  const insights = new SqliteInsightsStore(db);
  const adapters = new Map<Platform, PlatformAdapter>();
  const core = createCore({
    logger,
    rateLimit: config.rateLimit,
    insights,
    makeScheduler: (engine) =>
      new Scheduler({ store, engine, adapters, logger, catchUpMs: config.catchUpMinutes * 60_000 }),
  });
  const scheduler = core.scheduler as Scheduler;
  const platforms = [config.discord && 'discord', config.slack && 'slack'].filter(Boolean);
  try {
    if (forceConsole || platforms.length === 0) {
      // The console owns the terminal: only warnings and errors are logged (to stderr).
      logger.level = config.logLevel === 'info' ? 'warn' : config.logLevel;
      adapters.set('console', createConsoleAdapter(process.stdout));
      scheduler.start();
      await runConsoleBot(core.router, {
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
      });
      return 0;
    }
    logger.error({ platforms }, 'platform adapters are not available in this build; run with --console');
    return 1;
  } finally {
    await scheduler.stop();
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StoryLoadError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
