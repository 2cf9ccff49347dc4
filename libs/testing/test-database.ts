import { randomBytes } from 'node:crypto';
import { describe } from '@jest/globals';
import { type Database, migrateToLatest, openDatabase } from '#libs/database';
import pg from 'pg';

/** Set by CI (and by anyone with a server): tests then run against PostgreSQL instead of PGlite. */
export const SERVER_URL = process.env.DATABASE_URL;
export const onServer = Boolean(SERVER_URL);

export interface TestDatabase extends Database {
  /** The server URL of this test's own database; undefined on PGlite. */
  readonly url: string | undefined;
}

/**
 * A fresh, migrated database for one test file: its own database on the server, or an in-memory PGlite
 * (always with `embedded`). Close it in afterAll; on the server that drops it.
 */
export async function createTestDatabase(
  options: { poolSize?: number; embedded?: boolean } = {},
): Promise<TestDatabase> {
  if (!SERVER_URL || options.embedded) {
    const database = await openDatabase({});
    await migrateToLatest(database.db);
    return Object.assign(database, { url: undefined });
  }
  const name = `${new URL(SERVER_URL).pathname.slice(1) || 'postgres'}_t_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${pg.escapeIdentifier(name)}`);
  const url = withDatabaseName(SERVER_URL, name);
  const database = await openDatabase({ url, poolSize: options.poolSize ?? 40, applicationName: 'tracker-test' });
  await migrateToLatest(database.db);
  let dropped: Promise<void> | undefined;
  return {
    ...database,
    url,
    close: () =>
      (dropped ??= (async () => {
        await database.close();
        await adminQuery(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      })()),
  };
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Concurrency, gap, lock and multi-process tests need a real server; on PGlite they are skipped, and the
 * skip says why in the test name and on the console, never silently.
 */
export function describeOnServer(name: string, body: () => void): void {
  if (onServer) {
    describe(name, body);
    return;
  }
  const reason = 'needs a PostgreSQL server: set DATABASE_URL to run it';
  process.stderr.write(`SKIPPED ${name}: ${reason}\n`);
  describe.skip(`${name} [skipped: ${reason}]`, body);
}
