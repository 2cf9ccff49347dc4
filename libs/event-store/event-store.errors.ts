import type { ExpectedVersion } from './event-store.types.js';

/** The stream was not at the expected version: another writer got there first. Nothing was appended. */
export class ConcurrencyError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number | null,
  ) {
    super(
      `Stream ${streamId} is at version ${actualVersion ?? 'none'}, expected ${String(expectedVersion)}; nothing was appended`,
    );
  }
}

/** The idempotency key was used before for another request. Nothing was appended. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency_key_reused';
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used for a different request`);
  }
}

/** Another stream holds this claim (a uniqueness rule across streams). Nothing was appended. */
export class ClaimTakenError extends Error {
  readonly code = 'claim_taken';
  constructor(readonly claim: string) {
    super(`The claim ${claim} is held by another stream; nothing was appended`);
  }
}

/**
 * An append inside a caller's transaction came after the transaction's first write: its transaction id
 * was given before it took the appenders' lock, so a reader may already have passed it. Append first.
 */
export class AppendAfterWriteError extends Error {
  constructor() {
    super("An append inside a transaction must come before the transaction's first write (or after another append)");
    this.name = 'AppendAfterWriteError';
  }
}

/**
 * The database's transaction counter is behind the newest event of the log: the log was restored from a
 * dump into another PostgreSQL cluster. New events would sort before events already read, and no
 * projection would ever see them, so the store appends nothing until the counter is moved past the log.
 */
export class LogOrderError extends Error {
  readonly code = 'log_order_broken';
  constructor(
    readonly newestLogTransaction: string,
    readonly currentTransaction: string,
  ) {
    super(
      `The database's transaction counter (${currentTransaction}) is behind the event log (${newestLogTransaction}): ` +
        'the log was restored into another cluster. Nothing is appended until the counter is moved past the log ' +
        '(see docs/operations.md, Backups).',
    );
    this.name = 'LogOrderError';
  }
}

/** A log to import that breaks the store's rules (versions out of order, a claim without its stream): nothing is written. */
export class InvalidImportError extends Error {
  readonly code = 'invalid_import';
}
