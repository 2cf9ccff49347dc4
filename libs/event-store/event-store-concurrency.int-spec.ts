import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  anEventMetadata,
  aNewEvent,
  createTestDatabase,
  describeOnServer,
  NaiveLogReaderRepository,
  readLogToEnd,
  type TestDatabase,
} from '#libs/testing';
import { openDatabase } from '#libs/database';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ConcurrencyError } from './event-store.errors.js';
import { EventStore } from './event-store.js';
import type { LogPosition } from './log-position.js';

/** Follows the log from a cursor; the scenario below runs against any reader of this shape. */
interface LogFollower {
  /** Reads what is there now and returns the event ids, moving the cursor. */
  poll(): Promise<string[]>;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describeOnServer('EventStore under concurrency', () => {
  let database: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 48 });
    store = new EventStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const headPosition = () => readLogToEnd(store);

  function fencedFollower(start: LogPosition, limit = 100): LogFollower {
    let position = start;
    return {
      async poll() {
        const ids: string[] = [];
        for (;;) {
          const batch = await store.readAll({ after: position, limit });
          if (batch.length === 0) return ids;
          ids.push(...batch.map((event) => event.eventId));
          position = batch[batch.length - 1]!.position;
        }
      },
    };
  }

  function naiveFollower(start: LogPosition): LogFollower {
    const reader = new NaiveLogReaderRepository(database.db);
    let position = start.globalPosition;
    return {
      async poll() {
        const rows = await reader.readAfter(position, 1000);
        if (rows.length) position = rows[rows.length - 1]!.global_position;
        return rows.map((row) => row.event_id);
      },
    };
  }

  /**
   * Transaction A appends and stays open; B appends to another stream and commits; the follower reads; A
   * commits; the follower reads again. Returns what it saw at each step and what it never saw.
   */
  async function outOfOrderCommit(makeFollower: (start: LogPosition) => LogFollower) {
    const follower = makeFollower(await headPosition());
    const aAppended = deferred();
    const releaseA = deferred();
    let aEventId = '';
    const transactionA = database.db.transaction().execute(async (trx) => {
      const result = await store.append(`a-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        transaction: trx,
      });
      aEventId = (
        await trx
          .selectFrom('events')
          .select('event_id')
          .where('global_position', '=', result.position.globalPosition)
          .executeTakeFirstOrThrow()
      ).event_id;
      aAppended.resolve();
      await releaseA.promise;
    });
    await aAppended.promise;
    const b = await store.append(`b-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
    });
    const [bEvent] = await store.readStream(b.streamId);

    const whileAOpen = await follower.poll();
    releaseA.resolve();
    await transactionA;
    const afterACommitted = await follower.poll();
    const seen = [...whileAOpen, ...afterACommitted];
    const missed = [aEventId, bEvent!.eventId].filter((id) => !seen.includes(id));
    return { aEventId, bEventId: bEvent!.eventId, whileAOpen, afterACommitted, missed };
  }

  describe('the out-of-order commit', () => {
    it('should not pass an open transaction, and return its event once it commits', async () => {
      const run = await outOfOrderCommit(fencedFollower);

      expect(run.whileAOpen).toEqual([]);
      expect(run.afterACommitted).toEqual([run.aEventId, run.bEventId]);
      expect(run.missed).toEqual([]);
    });

    it('should catch a naive global_position reader skipping the late commit', async () => {
      const run = await outOfOrderCommit(naiveFollower);

      expect(run.whileAOpen).toEqual([run.bEventId]);
      expect(run.afterACommitted).toEqual([]);
      expect(run.missed).toEqual([run.aEventId]);
    });
  });

  describe('32 concurrent writers on one stream', () => {
    it('should number versions 1..n, store every acknowledged append once and refuse the losers', async () => {
      const streamId = `contended-${crypto.randomUUID()}`;
      const acknowledged: { eventId: string; version: number }[] = [];
      const failures: unknown[] = [];
      const writer = async () => {
        for (let attempt = 0; attempt < 8; attempt++) {
          const current = (await store.streamVersion(streamId)) ?? 0;
          const eventId = crypto.randomUUID();
          try {
            const result = await store.append(streamId, 'Diagnostic', [aNewEvent({ eventId })], {
              expectedVersion: current === 0 ? 'no_stream' : current,
              metadata: anEventMetadata(),
            });
            acknowledged.push({ eventId, version: result.version });
          } catch (error) {
            failures.push(error);
          }
        }
      };
      await Promise.all(Array.from({ length: 32 }, writer));

      const stored = await store.readStream(streamId);
      expect(stored.map((event) => event.version)).toEqual(stored.map((_, i) => i + 1));
      expect(stored).toHaveLength(acknowledged.length);
      const byId = new Map(stored.map((event) => [event.eventId, event.version]));
      for (const ack of acknowledged) expect(byId.get(ack.eventId)).toBe(ack.version);
      expect(failures.length).toBe(32 * 8 - acknowledged.length);
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expect(failure).toBeInstanceOf(ConcurrencyError);
    });
  });

  describe('concurrent requests with one idempotency key', () => {
    it('should append once and answer every request with the first result', async () => {
      const streamId = `idem-${crypto.randomUUID()}`;
      const idempotency = { scope: 'key-1', key: crypto.randomUUID(), requestHash: 'sha256:x' };
      const results = await Promise.all(
        Array.from({ length: 16 }, () =>
          store.append(streamId, 'Enterprise', [aNewEvent()], {
            expectedVersion: 'any',
            metadata: anEventMetadata(),
            idempotency,
          }),
        ),
      );

      expect(await store.readStream(streamId)).toHaveLength(1);
      expect(results.filter((result) => !result.replayed)).toHaveLength(1);
      expect(new Set(results.map((result) => JSON.stringify({ ...result, replayed: undefined }))).size).toBe(1);
    });
  });

  describe('random concurrent appends, delays and rollbacks', () => {
    const operation = fc.record({
      stream: fc.integer({ min: 0, max: 4 }),
      events: fc.integer({ min: 1, max: 3 }),
      delayBeforeAppendMs: fc.integer({ min: 0, max: 15 }),
      holdOpenMs: fc.integer({ min: 0, max: 25 }),
      rollback: fc.boolean(),
      // An unrelated transaction: it writes another table and holds its id open, appending nothing.
      unrelated: fc.boolean(),
    });

    it('should let a follower see every committed event exactly once, in per-stream version order', async () => {
      await sql`create table if not exists unrelated_writes (x int)`.execute(database.db);
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 24 }), async (operations) => {
          const run = crypto.randomUUID();
          const start = await headPosition();
          const committed = new Set<string>();
          const seen: { eventId: string; streamId: string; version: number }[] = [];
          let writing = true;
          let position = start;
          const follow = async () => {
            for (;;) {
              const stillWriting = writing;
              const batch = await store.readAll({ after: position, limit: 5 });
              for (const event of batch)
                seen.push({ eventId: event.eventId, streamId: event.streamId, version: event.version });
              if (batch.length) position = batch[batch.length - 1]!.position;
              else if (!stillWriting) return;
              else await sleep(2);
            }
          };
          const follower = follow();
          await Promise.all(
            operations.map(async (op) => {
              await sleep(op.delayBeforeAppendMs);
              const ids = Array.from({ length: op.events }, () => crypto.randomUUID());
              await database.db
                .transaction()
                .execute(async (trx) => {
                  if (op.unrelated) {
                    await sql`insert into unrelated_writes values (1)`.execute(trx);
                    await sleep(op.holdOpenMs);
                    throw new RolledBack();
                  }
                  await store.append(
                    `${run}-${op.stream}`,
                    'Test',
                    ids.map((eventId) => aNewEvent({ eventId })),
                    {
                      expectedVersion: 'any',
                      metadata: anEventMetadata(),
                      transaction: trx,
                    },
                  );
                  await sleep(op.holdOpenMs);
                  if (op.rollback) throw new RolledBack();
                })
                .then(
                  () => ids.forEach((id) => committed.add(id)),
                  (error: unknown) => {
                    if (!(error instanceof RolledBack)) throw error;
                  },
                );
            }),
          );
          writing = false;
          await follower;

          const seenIds = seen.map((event) => event.eventId);
          expect(new Set(seenIds).size).toBe(seenIds.length);
          expect(new Set(seenIds)).toEqual(committed);
          for (let stream = 0; stream < 5; stream++) {
            const versions = seen.filter((e) => e.streamId === `${run}-${stream}`).map((e) => e.version);
            expect(versions).toEqual(versions.map((_, i) => i + 1));
          }
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('concurrent claims', () => {
    it('should give a claim to exactly one of 10 streams racing for it', async () => {
      const claim = `open:${crypto.randomUUID()}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          store.append(`claimer-${claim}-${i}`, 'Test', [aNewEvent()], {
            expectedVersion: 'no_stream',
            metadata: anEventMetadata(),
            claims: { acquire: [claim] },
          }),
        ),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect(outcome.reason).toMatchObject({ code: 'claim_taken' });
      }
    });
  });

  describe('notifications across processes', () => {
    it('should wake a listener of another connection pool after an append', async () => {
      const other = await openDatabase({ url: database.url });
      const otherStore = new EventStore(other);
      const heard = deferred();
      const stop = await otherStore.onAppended(() => heard.resolve());
      try {
        await store.append(`notify-${crypto.randomUUID()}`, 'Test', [aNewEvent()], {
          expectedVersion: 'no_stream',
          metadata: anEventMetadata(),
        });
        await expect(
          Promise.race([heard.promise.then(() => 'heard'), sleep(3000, 'timeout', { ref: false })]),
        ).resolves.toBe('heard');
      } finally {
        await stop();
        await other.close();
      }
    });
  });
});

class RolledBack extends Error {}
