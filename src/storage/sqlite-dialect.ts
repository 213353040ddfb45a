import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';

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
