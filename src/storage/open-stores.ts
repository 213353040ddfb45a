import { sql } from 'kysely';
import { ConfigError } from '../config.ts';
import type { ChannelStoryStore } from '../core/channel-stories.ts';
import {
  CONVERSATION_IDLE_MS,
  type ConversationStore,
  MemoryConversationStore,
} from '../core/conversation.ts';
import { type Logger, redactSecrets } from '../core/logger.ts';
import { MemoryRequestLedger, type RequestLedger } from '../core/request-ledger.ts';
import { DbInsightsStore, type InsightsStore } from '../insights/store.ts';
import { DbScheduleStore, type ScheduleStore } from '../scheduler/store.ts';
import { DbChannelStoryStore } from './channel-story-store.ts';
import { DbConversationStore } from './conversation-store.ts';
import { DamagedDatabaseError, type Database, openPostgres, openSqlite } from './database.ts';
import { DbRequestLedger } from './request-ledger.ts';

/** What the bot keeps: schedules, insights and the request ledger, on one database. */
export interface Stores {
  store: ScheduleStore;
  insights: InsightsStore;
  ledger: RequestLedger;
  conversations: ConversationStore;
  channelStories: ChannelStoryStore;
  /** Reads the database and tries a write that changes nothing; throws when either fails (unreachable, damaged, read-only), for /readyz. */
  ping(): Promise<void>;
  /** Closes the database. */
  close(): Promise<void>;
}

/**
 * The stores on PostgreSQL when databaseUrl is set (several instances share them, and the request
 * ledger), else on the SQLite file at dbPath (one process: the ledger stays in memory). A database that
 * cannot be used is a ConfigError naming the variable, never the password.
 */
export async function openStores(
  config: { dbPath: string; databaseUrl?: string; conversationIdleMinutes?: number },
  logger: Logger,
): Promise<Stores> {
  const idleMs = (config.conversationIdleMinutes ?? CONVERSATION_IDLE_MS / 60_000) * 60_000;
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
    // Shared by every instance on the database: the rate limit, redeliveries and conversations.
    return storesOn(database, new DbRequestLedger(database), new DbConversationStore(database, idleMs));
  }
  let database: Database;
  try {
    database = openSqlite(config.dbPath);
  } catch (error) {
    // A path that cannot hold the database is a configuration error: name the variable.
    // Named, with what to do; never a new empty database in its place.
    if (error instanceof DamagedDatabaseError) throw new ConfigError([`DB_PATH: ${error.message}`]);
    throw new ConfigError([`DB_PATH: cannot open ${config.dbPath} (${(error as Error).message})`]);
  }
  return storesOn(database, new MemoryRequestLedger(), new MemoryConversationStore(idleMs));
}

/** Reads the database and tries a write that changes no row: a read-only file, connection or server refuses it. */
export async function pingDatabase(database: Database): Promise<void> {
  await database.kysely
    .selectFrom('schedules')
    .select((eb) => eb.fn.countAll().as('schedules'))
    .executeTakeFirstOrThrow();
  await database.kysely
    .updateTable('schedules')
    .set((eb) => ({ id: eb.ref('id') }))
    .where(sql<boolean>`1 = 0`)
    .execute();
}

function storesOn(database: Database, ledger: RequestLedger, conversations: ConversationStore): Stores {
  return {
    store: new DbScheduleStore(database),
    insights: new DbInsightsStore(database),
    ledger,
    conversations,
    channelStories: new DbChannelStoryStore(database),
    ping: () => pingDatabase(database),
    close: () => database.close(),
  };
}
