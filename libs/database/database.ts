import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { copyingPglite, copyingPool } from './copy.js';
import { lockDataDir } from './data-dir-lock.js';
import type { DB } from './database.types.js';
import { listenResiliently } from './resilient-listener.js';
import { parseTimestamptz, TIMESTAMPTZ_OID } from './timestamps.js';

export type DatabaseKind = 'postgres' | 'pglite';
export type Unlisten = () => Promise<void>;

/** A Kysely instance plus what Kysely does not cover: LISTEN/NOTIFY and an orderly close. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /**
   * Listens on a channel. On a server the session comes back by itself after its connection ends, and then
   * calls `onResumed`: notifications sent while it was away are lost.
   */
  listen(channel: string, onMessage: (payload: string) => void, onResumed?: () => void): Promise<Unlisten>;
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Runs a constant SQL text with parameters as a named prepared statement (planned once per connection on
   * a server; PGlite plans each time). For the few hot statements whose planning costs more than running.
   */
  prepared<Row>(name: string, text: string, values: readonly unknown[]): Promise<Row[]>;
  /**
   * A connection of its own for session state (advisory locks held as leases), or null on PGlite, where one
   * process owns the database and there is nobody to share it with.
   */
  openSession(): Promise<DatabaseSession | null>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The server pool's connections (for the metrics); absent on PGlite. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** A dedicated server connection; `closed` resolves when it ends for any reason (so its locks are gone). */
export interface DatabaseSession {
  query<Row>(text: string, values: readonly unknown[]): Promise<Row[]>;
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite's data folder; `undefined` keeps the embedded database in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
  idleInTransactionTimeoutMs?: number;
  /** How long a new connection may take before the attempt fails (so a request answers 503, not hangs). */
  connectTimeoutMs?: number;
  /** Client-side: a statement with no answer within this long fails (a read replica that hangs); none if unset. */
  queryTimeoutMs?: number;
  applicationName?: string;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// int8 as number on both drivers (PGlite already does): global positions stay far below 2^53.
const toNumber = (value: string): number => Number(value);
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? toNumber
      : oid === TIMESTAMPTZ_OID && format !== 'binary'
        ? parseTimestamptz
        : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir);
}

function openPostgres(url: string, options: OpenDatabaseOptions): Database {
  const applicationName = options.applicationName ?? 'zhigai-tracker';
  const connection = (role?: string): pg.ClientConfig => ({
    connectionString: url,
    types: pgTypes,
    // The role shows in pg_stat_activity: `tracker-api`, `tracker-api:listen`, `tracker-api:lease`.
    application_name: role ? `${applicationName}:${role}` : applicationName,
    // A stuck transaction must not hold the log fence (and so every projection) back for long.
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const pool = new pg.Pool({ ...connection(), max: options.poolSize ?? 10 });
  pool.on('error', () => undefined); // an idle client's error is reported by its next query
  // pg-pool drops its own error listener while a client is checked out (between the statements of a
  // transaction, say). A connection the server ends then would emit an unhandled 'error' and end the process;
  // with this one, the statement in flight or the next one fails instead, and the pool discards the client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: copyingPool(pool) }) });
  const listeners = new Set<Unlisten>();
  const sessions = new Set<pg.Client>();

  return {
    db,
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async listen(channel, onMessage, onResumed) {
      const unlisten = await listenResiliently(() => new pg.Client(connection('listen')), channel, {
        onMessage,
        ...(onResumed ? { onResumed } : {}),
      });
      listeners.add(unlisten);
      return async () => {
        listeners.delete(unlisten);
        await unlisten();
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async prepared<Row>(name: string, text: string, values: readonly unknown[]) {
      const result = await pool.query({ name, text, values: [...values] });
      return result.rows as Row[];
    },
    async openSession() {
      const client = new pg.Client(connection('lease'));
      const closed = new Promise<void>((resolve) => {
        client.on('end', resolve);
        client.on('error', () => {
          resolve();
          client.end().catch(() => undefined);
        });
      });
      await client.connect();
      sessions.add(client);
      return {
        async query<Row>(text: string, values: readonly unknown[]) {
          return (await client.query(text, [...values])).rows as Row[];
        },
        closed,
        async close() {
          sessions.delete(client);
          await client.end().catch(() => undefined);
        },
      };
    },
    async ping() {
      await pool.query('select 1');
    },
    close: once(async () => {
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await Promise.all([...sessions].map((client) => client.end().catch(() => undefined)));
      listeners.clear();
      sessions.clear();
      await db.destroy();
    }),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: copyingPglite(pglite) }) });
  return {
    db,
    kind: 'pglite',
    async listen(channel, onMessage) {
      return pglite.listen(channel, onMessage);
    },
    async notify(channel, payload) {
      await pglite.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async prepared<Row>(_name: string, text: string, values: readonly unknown[]) {
      const result = await db.executeQuery<Row>(CompiledQuery.raw(text, [...values]));
      return result.rows;
    },
    openSession() {
      return Promise.resolve(null);
    },
    async ping() {
      await pglite.query('select 1');
    },
    close: once(async () => {
      await db.destroy();
      unlock();
    }),
  };
}

/** Closing twice (the app's shutdown hook and a test's afterAll, say) closes once. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
