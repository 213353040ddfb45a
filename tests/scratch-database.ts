import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

/**
 * A PostgreSQL database of its own on the tests' server, created before the tests of the calling
 * file (or describe block) and dropped after them; its URL, and the server's.
 */
export function scratchDatabase(prefix: string): { databaseUrl: string; serverUrl: URL } {
  const serverUrl = new URL(inject('testDatabaseUrl'));
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: serverUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { databaseUrl, serverUrl };
}
