import pg from 'pg';

/**
 * Schema changes in order, the same tables as the SQLite database (src/storage/sqlite.ts). Times stay
 * ISO-8601 text, as in SQLite, so both stores return identical values; they are `COLLATE "C"` because
 * cursors and slots are compared and ordered as text, and a locale collation may not order them bytewise.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE schedules (
     id TEXT COLLATE "C" PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     scope TEXT,
     spec TEXT NOT NULL,
     cron TEXT NOT NULL,
     timezone TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT COLLATE "C" NOT NULL,
     status TEXT NOT NULL DEFAULT 'active',
     consecutive_failures INTEGER NOT NULL DEFAULT 0,
     cursor TEXT COLLATE "C" NOT NULL,
     last_slot TEXT,
     last_outcome TEXT
   );
   CREATE INDEX schedules_channel ON schedules (platform, channel_id);
   CREATE TABLE schedule_slots (
     schedule_id TEXT COLLATE "C" NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
     slot TEXT COLLATE "C" NOT NULL,
     owner TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'claimed',
     detail TEXT,
     claimed_at TEXT NOT NULL,
     finished_at TEXT,
     PRIMARY KEY (schedule_id, slot)
   );`,
  `CREATE TABLE unanswered (
     normalised TEXT PRIMARY KEY,
     example TEXT NOT NULL,
     count INTEGER NOT NULL,
     first_asked TEXT NOT NULL,
     last_asked TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE feedback (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     question TEXT NOT NULL,
     vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
     created_at TEXT NOT NULL
   );
   CREATE INDEX feedback_fact ON feedback (fact_id);`,
  // Unanswered questions are counted per tenant (a Discord server, a Slack workspace: see tenantOf in
  // src/insights/store.ts), so one tenant's admins never see another's. The rows from before carry the
  // tenant 'legacy', which no invocation has, so only the operator's all-tenants view shows them.
  // first_asked gets last_asked's "C" collation: the all-tenants view now takes a question's earliest.
  `ALTER TABLE unanswered ADD COLUMN tenant TEXT NOT NULL DEFAULT 'legacy';
   ALTER TABLE unanswered ALTER COLUMN first_asked TYPE TEXT COLLATE "C";
   ALTER TABLE unanswered ALTER COLUMN tenant DROP DEFAULT;
   ALTER TABLE unanswered DROP CONSTRAINT unanswered_pkey;
   ALTER TABLE unanswered ADD PRIMARY KEY (tenant, normalised);`,
];

/** The schema version this code writes. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** Separates this bot's advisory locks from any other application's on the same database. */
const LOCK_NAMESPACE = 'ai-news';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How openPostgres connects. */
export interface PostgresOptions {
  /** Keeps the bot's tables in this schema (created when missing) instead of the default search path. */
  schema?: string;
  /** The most connections this process opens. */
  max?: number;
  /** Told about a failure on an idle connection (e.g. the server restarted); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

/** Opens a connection pool to a postgres:// URL and migrates the database; safe when several processes start at once. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<pg.Pool> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`“${schema}” is not a schema name this bot uses (lower-case letters, digits, _)`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail (and log) rather than hang a scheduler tick or start-up forever when the server is unreachable.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener an idle connection's error (a server restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** Applies the migrations this database lacks, one process at a time. */
async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  await inTransaction(pool, async (client) => {
    // The lock is held until commit, so a second process waits here, then finds the work done.
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtext($1), hashtext(coalesce($2, current_schema(), '')))`,
      [`${LOCK_NAMESPACE}:migrate`, schema ?? null],
    );
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_version (
         version INTEGER PRIMARY KEY,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const current = await versionOf(client);
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(
        `the PostgreSQL database has schema version ${current}, newer than this bot's ${PG_SCHEMA_VERSION}`,
      );
    }
    for (let version = current; version < PG_SCHEMA_VERSION; version++) {
      await client.query(PG_MIGRATIONS[version] as string);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version + 1]);
    }
  });
}

/** The schema version recorded in a PostgreSQL database (0 before the first migration). */
export async function pgSchemaVersionOf(pool: pg.Pool): Promise<number> {
  return versionOf(pool);
}

async function versionOf(queryable: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows } = await queryable.query<{ version: number }>(
    `SELECT coalesce(max(version), 0) AS version FROM schema_version`,
  );
  return rows[0]?.version ?? 0;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot even roll back is discarded rather than returned to the pool.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Takes a transaction-scoped advisory lock on a key in this bot's namespace (released at commit or rollback). */
export async function lockForTransaction(client: pg.PoolClient, purpose: string, key: string): Promise<void> {
  // Keyed by schema too, so two deployments sharing a database in different schemas never wait on each other.
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtext($1), hashtext(coalesce(current_schema(), '') || $2))`,
    [`${LOCK_NAMESPACE}:${purpose}`, `:${key}`],
  );
}

/** Ends a pool once, however many stores share it and close. */
export async function endPool(pool: pg.Pool): Promise<void> {
  if (!pool.ending) await pool.end();
}
