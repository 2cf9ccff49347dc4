import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite as PGliteInstance } from '@electric-sql/pglite';
import { type PGlite, type PostgresPool, type PostgresPoolClient, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The rows of a `COPY … FROM STDIN` in PostgreSQL's text format, in chunks (each one or more whole lines):
 * values escaped with `copyTextValue`, `COPY_NULL` for a null, tabs between them, a newline after each row.
 * The chunks may come from a generator: on a server each is made when the connection takes the one before,
 * so PostgreSQL reads the first rows while the later ones are still being made. A generator that throws
 * fails the COPY (nothing of it is written).
 */
export class CopyRows {
  constructor(readonly chunks: Iterable<string | Uint8Array>) {}
}

/**
 * `COPY <table> (<columns>) FROM STDIN` with these rows, as a query Kysely runs on its connection (inside
 * a transaction too). Kysely only sends SQL text and parameters; this query's only parameter is the rows,
 * which the connection wrappers below recognise and stream after the statement instead of binding. The rows
 * never enter the SQL text. `table` may be qualified (`schema.table`); table and column names are ours.
 */
export function copyFromStdin(table: string, columns: readonly string[], rows: CopyRows): RawBuilder<unknown> {
  const names = sql.join(columns.map((column) => sql.ref(column)));
  return sql`copy ${sql.table(table)} (${names}) from stdin ${rows}`;
}

/** The SQL text of a COPY as `copyFromStdin` compiles it: the rows are its one parameter, at the end. */
const COPY_TEXT = /^copy .+ from stdin \$1$/s;

function copyOf(text: string, parameters: readonly unknown[]): { statement: string; rows: CopyRows } | null {
  const rows = parameters[0];
  if (parameters.length !== 1 || !(rows instanceof CopyRows)) return null;
  if (!COPY_TEXT.test(text)) throw new Error('Copy rows are the one parameter of a copyFromStdin query');
  return { statement: text.slice(0, -' $1'.length), rows };
}

/** Escapes one value for COPY's text format: backslash, newline, carriage return and tab. */
export function copyTextValue(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}
const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPED = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** COPY's text format for a null. */
export const COPY_NULL = '\\N';

/**
 * A `pg` pool as Kysely takes it, whose clients run `copyFromStdin` queries through pg-copy-streams and
 * everything else as `pg` does.
 */
export function copyingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let copying = wrapped.get(client);
    if (!copying) {
      copying = {
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        release: (destroy?: boolean) => client.release(destroy),
        query: ((text: string, parameters: readonly unknown[]) => {
          const copy = copyOf(text, parameters);
          if (!copy) return client.query(text, parameters as unknown[]);
          const stream = client.query(copyFrom(copy.statement));
          // One chunk made ahead: the next is made while the connection sends the one before.
          const chunks = Readable.from(copy.rows.chunks, { highWaterMark: 1 });
          return pipeline(chunks, stream).then(() => ({
            command: 'COPY',
            rowCount: stream.rowCount,
            rows: [],
          }));
        }) as PostgresPoolClient['query'],
      };
      wrapped.set(client, copying);
    }
    return copying;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
    options: pool.options,
    Client: pg.Client,
  };
}

/** PGlite as Kysely takes it, running `copyFromStdin` queries from PGlite's `/dev/blob`. */
export function copyingPglite(pglite: PGliteInstance): PGlite {
  type Query = PGlite['query'];
  const copying = (query: Query): Query =>
    ((text: string, parameters: unknown[] = [], options = {}) => {
      const copy = copyOf(text, parameters);
      if (!copy) return query(text, parameters, options);
      const statement = `${copy.statement.slice(0, -'stdin'.length)}'/dev/blob'`;
      return query(statement, [], { ...options, blob: new Blob([...copy.rows.chunks]) });
    }) as Query;
  return {
    get closed() {
      return pglite.closed;
    },
    get ready() {
      return pglite.ready;
    },
    get waitReady() {
      return pglite.waitReady;
    },
    close: () => pglite.close(),
    query: copying(pglite.query.bind(pglite) as Query),
    transaction: (callback) =>
      pglite.transaction((tx) =>
        callback({ query: copying(tx.query.bind(tx) as Query), rollback: () => tx.rollback() }),
      ),
  };
}
