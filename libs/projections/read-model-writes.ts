import type { StoredEvent } from '#libs/event-store';
import { COPY_NULL, CopyRows, copyFromStdin, copyTextValue, type DB, formatTimestamp } from '#libs/database';
import { type ColumnType, type InsertQueryNode, Kysely, type QueryCreator, sql } from 'kysely';
import type { ReadModelTable } from './projection.js';

/** Rows per statement: the rows travel as one JSON text, so a chunk is bounded by its size, not by parameters. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * What a column takes: a json/jsonb column any value (it goes in as JSON), a timestamp a Date or its ISO text
 * (what a Date becomes in JSON anyway), the others as Kysely's insert.
 */
type Writable<C> =
  C extends ColumnType<unknown, string, string>
    ? unknown
    : C extends ColumnType<unknown, infer Insert, unknown>
      ? Insert
      : C extends Date
        ? Date | string
        : C;

/** A read-model row as `insertRows` and `upsertRows` take it: every column, none left out. */
export type ReadModelRow<T extends ReadModelTable> = { [K in keyof DB[T]]: Writable<DB[T][K]> };

/**
 * Inserts rows with `COPY … FROM STDIN`: PostgreSQL reads COPY's tab-separated text several times faster
 * than it turns JSON into rows, and the text carries no column names. Each value is written by its column's
 * type (read from the catalog once per table). The rows go to the table `db` reaches: the live one, or a
 * rebuild's copy.
 *
 * The rows may come from a generator: each is encoded as soon as it is made and dies young, where an array
 * of a batch's rows lives until the last is made and the collector moves it to the old generation, which costs
 * a rebuild memory and collection time. On a server the text streams as it is made (`copyText`), so the rows
 * are made while the COPY runs: a generator that moves state on as its rows are taken has run to its end when
 * this resolves, and one that throws fails the COPY.
 */
export async function insertRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  rows: Iterable<ReadModelRow<T>>,
): Promise<void> {
  const iterator = rows[Symbol.iterator]();
  const head = iterator.next();
  if (head.done) return;
  const first = head.value;
  if (!(db instanceof Kysely)) throw new Error('insertRows needs the Kysely instance the engine hands a projection');
  const kysely = db as Kysely<DB>;
  // Kysely's schema plugin (a rebuild's tables) names the table an insert reaches; the COPY targets the same.
  const into = (kysely.insertInto(table).compile().query as InsertQueryNode).into?.table;
  const target = into?.schema ? `${into.schema.name}.${table}` : table;
  const columns = Object.keys(first);
  const encoders = await encodersOf(kysely, target, columns);
  await copyFromStdin(target, columns, new CopyRows(copyText(head, iterator, columns, encoders))).execute(kysely);
}

/**
 * The COPY text of rows, made piece by piece as the connection takes it (PostgreSQL reads a piece while the
 * next is made). Each piece becomes bytes at once: a row's values are joined into one string (no chain of
 * concatenations for the collector to carry), and a piece's strings die young.
 */
function* copyText<Row>(
  head: IteratorResult<Row>,
  rest: Iterator<Row>,
  columns: readonly string[],
  encoders: readonly Encode[],
): Generator<Buffer> {
  let lines: string[] = [];
  let size = 0;
  for (let next = head; !next.done; next = rest.next()) {
    const row = next.value as Record<string, unknown>;
    const values = new Array<string>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]!];
      values[i] = value === null || value === undefined ? COPY_NULL : encoders[i]!(value);
    }
    const line = values.join('\t');
    lines.push(line);
    size += line.length + 1;
    if (size >= COPY_CHUNK_CHARS) {
      yield piece(lines);
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield piece(lines);
}

/** A piece of COPY text as bytes: its lines, each ended by a newline. */
function piece(lines: string[]): Buffer {
  lines.push(''); // the newline after the last row
  return Buffer.from(lines.join('\n'));
}

/**
 * Characters per piece of a COPY's text (the pieces stream one after another). A piece stays well under V8's
 * largest ordinary object: a larger string is mapped fresh from the system and unmapped when it dies, and
 * touching those pages costs a rebuild page faults.
 */
const COPY_CHUNK_CHARS = 32 * 1024;

/** A column value (not null) in COPY's text format. */
type Encode = (value: unknown) => string;

const asText: Encode = (value) => copyTextValue(String(value));
// JSON text escapes every control character itself: of COPY's special characters it can hold only backslashes.
const asJson: Encode = (value) => {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
};
const asNumber: Encode = (value) => (typeof value === 'number' ? String(value) : asText(value));
// A Date's text holds nothing COPY escapes.
const asTime: Encode = (value) => (value instanceof Date ? formatTimestamp(value) : asText(value));
const ENCODERS: Readonly<Record<string, Encode>> = {
  text: asText,
  'character varying': asText,
  json: asJson,
  jsonb: asJson,
  smallint: asNumber,
  integer: asNumber,
  bigint: asNumber,
  numeric: asNumber,
  real: asNumber,
  'double precision': asNumber,
  boolean: (value) => (typeof value === 'boolean' ? (value ? 't' : 'f') : asText(value)),
  date: asTime,
  'timestamp with time zone': asTime,
};

/** The encoders of a table's columns by their types, read once per table and process. */
const tableColumnTypes = new Map<string, Promise<Map<string, string>>>();

async function encodersOf(db: Kysely<DB>, table: string, columns: readonly string[]): Promise<Encode[]> {
  let types = tableColumnTypes.get(table);
  if (!types) {
    types = sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, null) as type from pg_attribute
      where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`
      .execute(db)
      .then(({ rows }) => new Map(rows.map((row) => [row.name, row.type])));
    tableColumnTypes.set(table, types);
    types.catch(() => tableColumnTypes.delete(table));
  }
  const known = await types;
  return columns.map((column) => {
    const type = known.get(column);
    const encode = type === undefined ? undefined : ENCODERS[type];
    if (!encode) throw new Error(`${table}.${column}: no COPY encoder for a column of type ${type ?? '(none)'}`);
    return encode;
  });
}

/**
 * Inserts rows or replaces the ones with the same key, set-based: one statement per chunk whatever the batch
 * size, the rows sent as one JSON array that `json_populate_recordset` turns into rows of the table's own
 * type (COPY cannot upsert). A parameter per value costs the driver and the query builder more than the rest
 * of a rebuild's batch. Every row must have the same columns.
 */
export async function upsertRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  key: readonly (keyof DB[T] & string)[],
  rows: readonly ReadModelRow<T>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    // Row by row, joined: one flat string. A whole array's JSON.stringify comes back as a chain of pieces,
    // which the driver copies flat into a fresh large string to measure it before it writes it.
    const pieces = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => JSON.stringify(row));
    pieces[0] = `[${pieces[0]}`;
    pieces[pieces.length - 1] += ']';
    const text = pieces.join(',');
    // The row type is the live table's (same columns as a rebuild's copy); the table name is ours, never input.
    const source = sql`json_populate_recordset(null::${sql.table(table)}, ${text}::json)`.as('r');
    await db
      .insertInto(table)
      .columns(columns as never)
      .expression((eb) => eb.selectFrom(source).select(columns as never) as never)
      .onConflict((conflict) =>
        conflict
          .columns(key)
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(
                columns
                  .filter((column) => !key.includes(column as never))
                  .map((column) => [column, eb.ref(`excluded.${column}` as never)]),
              ) as never,
          ),
      )
      .execute();
  }
}

/** The entity id a stream carries: `diagnostic-<uuid>` → `<uuid>`. */
export function entityId(event: StoredEvent): string {
  const dash = event.streamId.indexOf('-');
  return dash < 0 ? event.streamId : event.streamId.slice(dash + 1);
}

/**
 * The document pattern most read models follow: load the rows a batch touches, fold its events into them
 * in memory, write each touched row once.
 */
export async function foldIntoDocuments<Doc>(
  events: readonly StoredEvent[],
  load: (ids: string[]) => Promise<Map<string, Doc>>,
  evolve: (doc: Doc | undefined, event: StoredEvent) => Doc | undefined,
  save: (docs: Map<string, Doc>) => Promise<void>,
): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map(entityId))];
  const docs = await load(ids);
  const touched = new Map<string, Doc>();
  for (const event of events) {
    const id = entityId(event);
    const next = evolve(touched.get(id) ?? docs.get(id), event);
    if (next !== undefined) touched.set(id, next);
  }
  await save(touched);
}
