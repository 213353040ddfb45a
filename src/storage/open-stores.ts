import { ConfigError } from '../config.ts';
import { type Logger, redactSecrets } from '../core/logger.ts';
import { DbInsightsStore, type InsightsStore } from '../insights/store.ts';
import { DbScheduleStore, type ScheduleStore } from '../scheduler/store.ts';
import { type Database, openPostgres, openSqlite } from './database.ts';

/** What the bot keeps: schedules and insights, on one database. */
export interface Stores {
  store: ScheduleStore;
  insights: InsightsStore;
  /** Closes the database. */
  close(): Promise<void>;
}

/**
 * The stores on PostgreSQL when databaseUrl is set (several instances share them), else on the SQLite
 * file at dbPath. A database that cannot be used is a ConfigError naming the variable, never the password.
 */
export async function openStores(
  config: { dbPath: string; databaseUrl?: string },
  logger: Logger,
): Promise<Stores> {
  if (config.databaseUrl) {
    const host = new URL(config.databaseUrl).host;
    const database = await openPostgres(config.databaseUrl, {
      onIdleError: (err) => logger.warn({ err }, 'a PostgreSQL connection failed; the pool replaces it'),
    }).catch((error: Error) => {
      throw new ConfigError([
        `DATABASE_URL: cannot use the database at ${host} (${redactSecrets(error.message)})`,
      ]);
    });
    logger.info({ host }, 'stores on PostgreSQL');
    return storesOn(database);
  }
  let database: Database;
  try {
    database = openSqlite(config.dbPath);
  } catch (error) {
    // A path that cannot hold the database is a configuration error: name the variable.
    throw new ConfigError([`DB_PATH: cannot open ${config.dbPath} (${(error as Error).message})`]);
  }
  return storesOn(database);
}

function storesOn(database: Database): Stores {
  return {
    store: new DbScheduleStore(database),
    insights: new DbInsightsStore(database),
    close: () => database.close(),
  };
}
