import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { type ColumnType, type QueryCreator, sql } from 'kysely';
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

/** A read-model row as `writeRows` takes it: every column, none left out. */
export type ReadModelRow<T extends ReadModelTable> = { [K in keyof DB[T]]: Writable<DB[T][K]> };

/**
 * Writes rows set-based: one statement per chunk whatever the batch size, the rows sent as one JSON array
 * that `json_populate_recordset` turns into rows of the table's own type. A parameter per value costs the
 * driver and the query builder more than the rest of a rebuild's batch. Every row must have the same
 * columns. With a key, an upsert: a row with the same key is replaced.
 */
async function writeRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  key: readonly (keyof DB[T] & string)[],
  rows: readonly ReadModelRow<T>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const text = JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT));
    // The row type is the live table's (same columns as a rebuild's copy); the table name is ours, never input.
    const source = sql`json_populate_recordset(null::${sql.table(table)}, ${text}::json)`.as('r');
    const insert = db
      .insertInto(table)
      .columns(columns as never)
      .expression((eb) => eb.selectFrom(source).select(columns as never) as never);
    if (key.length === 0) {
      await insert.execute();
      continue;
    }
    await insert
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

/** Inserts rows (see `writeRows`). */
export function insertRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  rows: readonly ReadModelRow<T>[],
): Promise<void> {
  return writeRows(db, table, [], rows);
}

/** Inserts rows or replaces the ones with the same key (see `writeRows`). */
export function upsertRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  key: readonly (keyof DB[T] & string)[],
  rows: readonly ReadModelRow<T>[],
): Promise<void> {
  return writeRows(db, table, key, rows);
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
