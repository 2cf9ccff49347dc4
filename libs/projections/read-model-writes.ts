import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import type { InsertObject, QueryCreator } from 'kysely';
import type { ReadModelTable } from './projection.js';

/** PostgreSQL takes at most 65,535 parameters per statement; rows go in chunks well below it. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows or replaces the ones with the same key: one statement per chunk, whatever the batch size.
 * Every row must have the same columns.
 */
export async function upsertRows<T extends ReadModelTable>(
  db: QueryCreator<DB>,
  table: T,
  key: readonly string[],
  rows: readonly InsertObject<DB, T>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + chunk))
      .onConflict((conflict) =>
        conflict
          .columns(key as never)
          .doUpdateSet(
            (eb) =>
              Object.fromEntries(
                columns
                  .filter((column) => !key.includes(column))
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
