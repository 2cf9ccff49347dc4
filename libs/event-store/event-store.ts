import { randomUUID } from 'node:crypto';
import type { Database, DB, Unlisten } from '#libs/database';
import { appendDuration, eventsAppended } from '#libs/metrics';
import type { Kysely } from 'kysely';
import { ClaimTakenError, ConcurrencyError, IdempotencyKeyReusedError, LogOrderError } from './event-store.errors.js';
import {
  type AppendedRow,
  type EventRow,
  EventStoreRepository,
  type StoredEventRow,
} from './event-store.repository.js';
import type {
  AppendResult,
  EventMetadata,
  ExpectedVersion,
  IdempotencyKey,
  ImportedEvent,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamClaims,
} from './event-store.types.js';
import { encodeLogPosition, type LogPosition } from './log-position.js';
import { Upcasters } from './upcasters.js';

/** A claim and the stream that holds it. */
export interface StreamClaim {
  claim: string;
  streamId: string;
}

/** A whole log to import: its events in batches, in log order, and then the claims its streams hold. */
export interface LogSource {
  events: AsyncIterable<readonly ImportedEvent[]> | Iterable<readonly ImportedEvent[]>;
  claims(): readonly StreamClaim[];
  /** How many events, when known (for progress). */
  total?: number;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  metadata: EventMetadata;
  idempotency?: IdempotencyKey;
  claims?: StreamClaims;
  /** Append inside the caller's transaction; the caller commits (tests use this to hold commits open). */
  transaction?: Kysely<DB>;
}

const LOG_ORDER_RECHECK_MS = 30_000;
/** Events per COPY of an import (progress is told after each). */
const IMPORT_CHUNK = 2_000;

/** Told where an append of this process landed; told nothing when another process appended. */
export type AppendListener = (position?: LogPosition) => void;

/** The channel on which every process hears that the log has grown. */
export const EVENTS_CHANNEL = 'tracker_events';
const UNIQUE_VIOLATION = '23505';
const NOTIFY_WINDOW_MS = 5;

export interface ReadBatchOptions {
  after: LogPosition;
  /** How many events of the log (of any type) to scan. */
  limit: number;
  /** Only streams of these types; all when absent. */
  streamTypes?: readonly string[];
}

export interface ReadBatch {
  /** The events of the reader's stream types among those scanned, in log order. */
  events: StoredEvent[];
  /** The last event scanned (of any type); null when there was nothing after `after`. */
  next: LogPosition | null;
  /** The scan reached the fence: nothing more to read for now. */
  caughtUp: boolean;
}

export class InvalidAppendError extends Error {
  readonly code = 'invalid_append';
}

/**
 * The PostgreSQL event store: append with an expected version and idempotency key in one statement, read a
 * stream, read the global log gap-safely, and hear about appends (in-process at once, other processes by
 * LISTEN/NOTIFY). It knows no domain.
 */
export class EventStore {
  private readonly repository = new EventStoreRepository();
  private readonly listeners = new Set<AppendListener>();
  private unlisten: Promise<Unlisten> | undefined;
  private notifyScheduled = false;

  constructor(
    private readonly database: Database,
    private readonly upcasters: Upcasters = new Upcasters(),
  ) {}

  async append(
    streamId: string,
    streamType: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (!streamId || !streamType) throw new InvalidAppendError('A stream needs an id and a type');
    if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
    const { expectedVersion, idempotency } = options;
    if (typeof expectedVersion === 'number' && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
      throw new InvalidAppendError(`Expected version must be a whole number >= 0, not ${expectedVersion}`);
    }
    await this.checkLogOrder();
    const db = options.transaction ?? this.database.db;
    const rows: EventRow[] = events.map((event, index) => ({
      i: index + 1,
      event_id: event.eventId ?? randomUUID(),
      type: event.type,
      schema_version: event.schemaVersion ?? 1,
      data: event.data,
      metadata: event.metadata ? { ...options.metadata, ...event.metadata } : null,
      occurred_at: event.occurredAt ? event.occurredAt.toISOString() : null,
    }));

    let appended;
    const timer = appendDuration.startTimer();
    try {
      appended = await this.insert(streamId, streamType, rows, options);
    } catch (error) {
      // A concurrent request with the same idempotency key committed first: answer as it was answered.
      if (idempotency && !options.transaction && isUniqueViolation(error, 'idempotency_keys_pkey')) {
        return this.replay(db, streamId, idempotency, expectedVersion);
      }
      if (!options.transaction && isUniqueViolation(error, 'events_stream_version_key')) {
        throw new ConcurrencyError(streamId, expectedVersion, await this.repository.streamVersion(db, streamId));
      }
      throw error;
    } finally {
      timer();
    }
    if (appended.appended === 0 || appended.version === null || appended.global_position === null) {
      if (idempotency) return this.replay(db, streamId, idempotency, expectedVersion);
      throw new ConcurrencyError(streamId, expectedVersion, await this.repository.streamVersion(db, streamId));
    }
    const position = { transactionId: appended.transaction_id, globalPosition: appended.global_position };
    eventsAppended.inc({ stream_type: streamType }, appended.appended);
    this.announce(position);
    return { streamId, version: appended.version, position, replayed: false };
  }

  /**
   * An append with an expected version is one statement: its transaction id is taken after any writer it
   * waited for has finished, and a waiter whose writer committed finds the version moved and appends
   * nothing. `any`, and appends inside a caller's transaction, first take the stream's advisory lock for
   * the same guarantee; inside a caller's transaction the append should be its first write.
   */
  private async insert(streamId: string, streamType: string, rows: EventRow[], options: AppendOptions) {
    const { expectedVersion, metadata, idempotency, transaction, claims } = options;
    const append = async (db: Database | Kysely<DB>) =>
      this.repository.append(db, streamId, streamType, expectedVersion, rows, metadata, idempotency);
    const locked = async (trx: Kysely<DB>) => {
      await this.repository.lockStream(trx, streamId);
      await this.repository.releaseClaims(trx, claims?.release ?? [], streamId);
      for (const claim of claims?.acquire ?? []) {
        if (!(await this.repository.acquireClaim(trx, claim, streamId))) throw new ClaimTakenError(claim);
      }
      const row = await append(trx);
      // Claims change only with the events: a stale version rolls our transaction back (a caller's is theirs).
      if (row.appended === 0 && !transaction) throw new NothingAppended(row);
      return row;
    };
    if (transaction) return locked(transaction);
    if (expectedVersion !== 'any' && !claims?.acquire?.length && !claims?.release?.length) return append(this.database);
    try {
      return await this.database.db.transaction().execute(locked);
    } catch (error) {
      if (error instanceof NothingAppended) return error.row;
      throw error;
    }
  }

  /**
   * Loads a whole log made elsewhere into an EMPTY store, in one transaction, keeping each event's ids, times
   * and metadata, in the order given (the demo's history; a log moved from another database). Each stream's
   * versions must run 1..n in that order; `claims()`, asked once the events are in, are the unique claims its
   * streams hold at its end. A source that throws (a bad checksum, say) rolls everything back. Answers where
   * the log ends, or null, writing nothing, when the store holds an event already.
   */
  async importIntoEmptyLog(
    source: LogSource,
    onProgress?: (done: number, total: number | null) => void,
  ): Promise<{ head: LogPosition; events: number } | null> {
    // Read committed: the emptiness check must see what committed before the tables were locked (a repeatable
    // read transaction would judge by a snapshot taken before it).
    const imported = await this.database.db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        if (!(await this.repository.beginImport(trx))) return null;
        let done = 0;
        for await (const batch of source.events) {
          for (let i = 0; i < batch.length; i += IMPORT_CHUNK) {
            const chunk = batch.slice(i, i + IMPORT_CHUNK);
            await this.repository.importEvents(trx, chunk);
            done += chunk.length;
            onProgress?.(done, source.total ?? null);
          }
        }
        await this.repository.finishImport(trx, source.claims());
        return done;
      });
    if (imported === null) return null;
    const head = await this.head();
    if (!head) return null;
    this.announce(head);
    return { head, events: imported };
  }

  /** The unique claims streams hold now (for a copy of the log: they are not in the events). */
  async claims(): Promise<StreamClaim[]> {
    return (await this.repository.claims(this.database.db)).map((row) => ({
      claim: row.claim,
      streamId: row.stream_id,
    }));
  }

  /**
   * Whether new events would sort after the log: false after a dump of the log was restored into another
   * cluster, whose transaction counter starts lower. Appends check it first, again at most every half
   * minute while it holds (a restore under a running process), and on every append while it fails.
   */
  async logOrder(): Promise<{ ok: boolean; newest: string | null; current: string }> {
    const { newest, current, behind } = await this.repository.logOrder(this.database.db);
    this.logOrderHeldAt = behind ? null : Date.now();
    return { ok: !behind, newest, current };
  }

  private logOrderHeldAt: number | null = null;

  private async checkLogOrder(): Promise<void> {
    if (this.logOrderHeldAt !== null && Date.now() - this.logOrderHeldAt < LOG_ORDER_RECHECK_MS) return;
    const order = await this.logOrder();
    if (!order.ok) throw new LogOrderError(order.newest!, order.current);
  }

  /**
   * The oldest transaction that is appending now, which the log's readers wait for; null when none is.
   * One that runs long stalls every projection: the admin API and /health name it.
   */
  async oldestAppender(): Promise<{ pid: number; since: Date; ageMs: number } | null> {
    const row = await this.repository.oldestAppender(this.database.db);
    return row && { pid: row.pid, since: row.since, ageMs: row.age_ms };
  }

  /** The result of an earlier append with this key, or null when the key is unused. */
  async findIdempotentResult(idempotency: IdempotencyKey): Promise<AppendResult | null> {
    return this.earlierResult(this.database.db, idempotency);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.repository.readStream(
      this.database.db,
      streamId,
      options.afterVersion ?? 0,
      options.toVersion ?? null,
      options.recordedUntil ?? null,
    );
    return rows.map((row) => this.toStoredEvent(row));
  }

  /** The next batch of the global log after a position; it never returns an event while an older commit is pending. */
  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const rows = await this.repository.readAll(
      this.database.db,
      options.after.transactionId,
      options.after.globalPosition,
      options.limit,
    );
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * The next batch of the log for a reader of some stream types: up to `limit` events of the log are
   * scanned and those of the reader's types returned. `next` is where the reader's checkpoint goes after
   * it (past the events of other types it skipped); `caughtUp` says the scan reached the fence.
   */
  async readBatch(options: ReadBatchOptions): Promise<ReadBatch> {
    const { scanned, last, rows } = await this.repository.readBatch(
      this.database.db,
      options.after.transactionId,
      options.after.globalPosition,
      options.limit,
      options.streamTypes ?? null,
    );
    return {
      events: rows.map((row) => this.toStoredEvent(row)),
      next: last && { transactionId: last.transaction_id, globalPosition: last.global_position },
      caughtUp: scanned < options.limit,
    };
  }

  /** The last event committed so far, in log order; null for an empty log. */
  async head(): Promise<LogPosition | null> {
    const row = await this.repository.head(this.database.db);
    return row && { transactionId: row.transaction_id, globalPosition: row.global_position };
  }

  /** Events after a position (counted up to `cap`) and when the oldest of them was recorded. */
  async lagAfter(position: LogPosition, cap = 100_000): Promise<{ events: number; oldest: Date | null }> {
    return this.repository.lagAfter(this.database.db, position.transactionId, position.globalPosition, cap);
  }

  async streamVersion(streamId: string): Promise<number | null> {
    return this.repository.streamVersion(this.database.db, streamId);
  }

  /**
   * Calls the listener after appends, in this process at once and from other processes through NOTIFY.
   * A wake-up hint only: readers still read from their checkpoint and poll as a fallback.
   */
  async onAppended(listener: AppendListener): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    if (this.database.kind === 'postgres' && !this.unlisten) {
      // After the LISTEN session came back, appends made meanwhile went unannounced: wake the listeners once.
      this.unlisten = this.database.listen(
        EVENTS_CHANNEL,
        () => this.emit(undefined),
        () => this.emit(undefined),
      );
      await this.unlisten;
    }
    return async () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.unlisten) {
        const unlisten = this.unlisten;
        this.unlisten = undefined;
        await (
          await unlisten
        )();
      }
    };
  }

  private emit(position: LogPosition | undefined): void {
    for (const listener of this.listeners) listener(position);
  }

  private announce(position: LogPosition): void {
    this.emit(position);
    if (this.database.kind !== 'postgres' || this.notifyScheduled) return;
    // One NOTIFY per short window for all appends of this process in it: a NOTIFY inside the append
    // would serialise every commit on the notification queue's lock, and one per append doubles the load.
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      this.database.notify(EVENTS_CHANNEL, encodeLogPosition(position)).catch(() => undefined);
    }, NOTIFY_WINDOW_MS).unref();
  }

  private async replay(
    db: Kysely<DB>,
    streamId: string,
    idempotency: IdempotencyKey,
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    const earlier = await this.earlierResult(db, idempotency);
    if (earlier) return earlier;
    throw new ConcurrencyError(streamId, expectedVersion, await this.repository.streamVersion(db, streamId));
  }

  private async earlierResult(db: Kysely<DB>, idempotency: IdempotencyKey): Promise<AppendResult | null> {
    const found = await this.repository.findIdempotencyKey(db, idempotency.scope, idempotency.key);
    if (!found) return null;
    if (found.request_hash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    return {
      streamId: found.stream_id,
      version: found.version,
      position: { transactionId: found.transaction_id, globalPosition: found.global_position },
      replayed: true,
    };
  }

  private toStoredEvent(row: StoredEventRow): StoredEvent {
    const { schemaVersion, data } = this.upcasters.isEmpty
      ? { schemaVersion: row.schema_version, data: row.data }
      : this.upcasters.apply(row.type, row.schema_version, row.data);
    return {
      eventId: row.event_id,
      streamId: row.stream_id,
      streamType: row.stream_type,
      version: row.version,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      position: { transactionId: row.transaction_id, globalPosition: row.global_position },
    };
  }
}

/** Rolls back a transaction whose append found the stream at another version. */
class NothingAppended extends Error {
  constructor(readonly row: AppendedRow) {
    super('nothing appended');
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: name } = error as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && (name === undefined || name === constraint);
}
