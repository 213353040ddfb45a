import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  SqliteDialect,
} from 'kysely';

/** How long a statement waits for another connection's write lock before failing (as busy_timeout did). */
const LOCK_WAIT_MS = 5000;

/**
 * SQLite through Kysely, for a database file other connections (processes, or other stores in this one)
 * write too. Transactions begin IMMEDIATE, so one that reads then writes (count, then insert) holds the
 * write lock from its first statement. A statement refused because another connection holds that lock is
 * retried after a timer rather than in SQLite's busy handler: the handler sleeps on the event loop's
 * thread, where the lock holder may be a connection of this very process waiting for its next turn.
 */
export class WaitingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new WaitingDriver(super.createDriver());
  }
}

class WaitingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WaitingConnection(await this.inner.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as WaitingConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class WaitingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        // The inner connection throws synchronously; awaiting inside try catches both kinds.
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        // Only a statement that did nothing is retried: BEGIN IMMEDIATE, COMMIT, or a write outside a
        // transaction (every transaction here holds the write lock from its start, so none fails midway).
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        const delay = Math.min(50, 2 ** attempt) * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** How many distinct statements `withPreparedStatements` keeps; the bot's stores use a few dozen. */
const STATEMENTS_KEPT = 200;

/**
 * The database as Kysely uses it, with each statement prepared once and reused (SQLite compiles a
 * statement's SQL on every prepare; under a burst of requests, preparing the same few statements again
 * and again was most of the time spent in the database). A statement still being read (a query
 * streaming its rows) is not handed out twice: another is prepared for the second caller.
 */
export function withPreparedStatements(db: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Least recently used first: a hit moves to the end.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = db.prepare(sql);
      if (!kept) {
        statements.set(sql, statement);
        if (statements.size > STATEMENTS_KEPT) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
    close() {
      statements.clear();
      db.close();
    },
  };
}
