import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import type { QueryCreator } from 'kysely';

export type ReadModelTable = keyof DB & `rm_${string}`;

/**
 * A read model fed by the global log. The engine hands it batches of the events of its stream types, in log
 * order, inside the transaction that also moves its checkpoint; it writes only its own tables.
 */
export interface Projection {
  /** Stable name: the checkpoint's key and the admin API's path segment (lower case, digits, dashes). */
  readonly name: string;
  /** Raise it when the projection's output changes: a process with the new code rebuilds it. */
  readonly version: number;
  /** The stream types it reads; the engine skips the rest of the log in SQL. */
  readonly streamTypes: readonly string[];
  /** The tables it owns; a rebuild fills fresh copies and swaps them in. */
  readonly tables: readonly ReadModelTable[];
  /**
   * The secondary indexes of its tables that its own batches read by. A rebuild fills its copies without
   * secondary indexes and builds them at the end, except these: without them each batch would scan a copy.
   */
  readonly readsBy?: readonly string[];
  /**
   * Applies one batch with set-based writes. `db` reaches the live tables, or the rebuild's copies (same
   * names in another schema): use only it, with unqualified table names.
   */
  apply(db: QueryCreator<DB>, events: readonly StoredEvent[]): Promise<void>;
}

export const PROJECTION_NAME = /^[a-z][a-z0-9-]{0,40}$/;
