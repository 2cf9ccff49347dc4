import { randomUUID } from 'node:crypto';
import type { StreamStore } from '#libs/commands';
import {
  type AppendOptions,
  type AppendResult,
  ClaimTakenError,
  ConcurrencyError,
  type ImportedEvent,
  type NewEvent,
  type StoredEvent,
} from '#libs/event-store';

/**
 * The command runner's store held in memory, with a clock its user moves: the demo's history is made here
 * through the ordinary commands, each event recorded at the moment the history has reached, and then loaded
 * into the empty log at once. Streams are read whole; there are no idempotency keys.
 */
export class MemoryStreamStore implements StreamStore {
  /** Every event in the order it was appended. */
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly claims = new Map<string, string>();
  /** The moment the next append is recorded at. */
  now = new Date(0);

  readStream(streamId: string): Promise<StoredEvent[]> {
    return Promise.resolve(this.streams.get(streamId) ?? []);
  }

  findIdempotentResult(): Promise<null> {
    return Promise.resolve(null);
  }

  append(
    streamId: string,
    streamType: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    // A refusal (a stale version, a taken claim) rejects, as the event store's does.
    return new Promise((resolve) => resolve(this.appendNow(streamId, streamType, events, options)));
  }

  private appendNow(
    streamId: string,
    streamType: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const { expectedVersion } = options;
    const wrongVersion =
      expectedVersion === 'no_stream'
        ? stream.length > 0
        : expectedVersion !== 'any' && expectedVersion !== stream.length;
    if (wrongVersion) throw new ConcurrencyError(streamId, expectedVersion, stream.length || null);
    for (const claim of options.claims?.acquire ?? []) {
      const holder = this.claims.get(claim);
      if (holder !== undefined && holder !== streamId) throw new ClaimTakenError(claim);
    }
    for (const claim of options.claims?.acquire ?? []) this.claims.set(claim, streamId);
    for (const claim of options.claims?.release ?? []) {
      if (this.claims.get(claim) === streamId) this.claims.delete(claim);
    }
    for (const event of events) {
      const stored: StoredEvent = {
        eventId: event.eventId ?? randomUUID(),
        streamId,
        streamType,
        version: stream.length + 1,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: event.data,
        metadata: { ...options.metadata, ...event.metadata },
        occurredAt: event.occurredAt ?? this.now,
        recordedAt: this.now,
        position: { transactionId: '0', globalPosition: this.log.length + 1 },
      };
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamId, stream);
    return { streamId, version: stream.length, position: this.log.at(-1)!.position, replayed: false };
  }

  /** The log as the event store imports it (it assigns the positions). */
  events(): ImportedEvent[] {
    return this.log.map(({ position: _position, ...event }) => event);
  }

  /** The unique claims the streams hold at the end. */
  heldClaims(): { claim: string; streamId: string }[] {
    return [...this.claims].map(([claim, streamId]) => ({ claim, streamId }));
  }
}
