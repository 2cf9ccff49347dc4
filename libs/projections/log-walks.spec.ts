import { describe, expect, it } from '@jest/globals';
import type { EventStore, LogPosition, ReadBatch, ReadBatchOptions, StoredEvent } from '#libs/event-store';
import { LogWalks, type ReadAhead } from './log-walks.js';

/** A log of `size` events, alternating between two stream types, read as the event store reads it. */
function fakeLog(size: number) {
  const events: StoredEvent[] = Array.from({ length: size }, (_, i) => ({
    eventId: `e${i + 1}`,
    streamId: `s-${i % 3}`,
    streamType: i % 2 === 0 ? 'A' : 'B',
    version: 1,
    type: 'Happened',
    schemaVersion: 1,
    data: {},
    metadata: {} as StoredEvent['metadata'],
    occurredAt: new Date(0),
    recordedAt: new Date(0),
    position: { transactionId: '1', globalPosition: i + 1 },
  }));
  const reads: number[] = [];
  const store = {
    readBatch({ after, limit, streamTypes }: ReadBatchOptions): Promise<ReadBatch> {
      reads.push(after.globalPosition);
      const scanned = events.filter((e) => e.position.globalPosition > after.globalPosition).slice(0, limit);
      return Promise.resolve({
        events: scanned.filter((e) => !streamTypes || streamTypes.includes(e.streamType)),
        next: scanned.at(-1)?.position ?? null,
        caughtUp: scanned.length < limit,
      });
    },
  } as unknown as EventStore;
  return { store, reads };
}

const START: LogPosition = { transactionId: '0', globalPosition: 0 };
const EVERY_TYPE = new Set(['A', 'B']);
const at = (globalPosition: number): LogPosition => ({ transactionId: '1', globalPosition });

/** Walks a reader's batches as the engine does: read, apply (here: a pause), until the walk says done. */
async function walk(walks: LogWalks, reader: string, types: string[], applyMs = 0) {
  const seen: number[] = [];
  let after = START;
  for (;;) {
    const batch = await walks.read(reader, { after, limit: 4, streamTypes: types });
    seen.push(...batch.events.map((event) => event.position.globalPosition));
    if (batch.next) after = batch.next;
    await new Promise((resolve) => setTimeout(resolve, applyMs));
    if (!batch.next || batch.caughtUp || walks.done([reader])) break;
  }
  walks.leave(reader);
  return { seen, after };
}

describe(LogWalks.name, () => {
  it('should read each batch once for readers that walk together, and give each its own types', async () => {
    // Given three readers at the start of a log of 20 events, in batches of 4
    const { store, reads } = fakeLog(20);
    const starts = [
      { reader: 'a', after: START, limit: 4, streamTypes: ['A'] },
      { reader: 'b', after: START, limit: 4, streamTypes: ['B'] },
      { reader: 'ab', after: START, limit: 4, streamTypes: ['A', 'B'] },
    ];
    const walks = new LogWalks(store, starts, EVERY_TYPE, new Map(), 2, 10);

    // When each walks the log at its own pace
    const [a, b, ab] = await Promise.all([
      walk(walks, 'a', ['A'], 5),
      walk(walks, 'b', ['B'], 1),
      walk(walks, 'ab', ['A', 'B']),
    ]);

    // Then the log was read once, batch by batch, and each reader got exactly its types' events
    expect(reads).toEqual([0, 4, 8, 12, 16, 20]);
    expect(a.seen).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(b.seen).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(ab.seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('should hold the fastest reader within a batch of the slowest', async () => {
    // Given a fast and a slow reader and a walk that holds two batches
    const { store } = fakeLog(40);
    const starts = ['fast', 'slow'].map((reader) => ({ reader, after: START, limit: 4, streamTypes: ['A', 'B'] }));
    const walks = new LogWalks(store, starts, EVERY_TYPE, new Map(), 2, 10);
    const progress = { fast: 0, slow: 0 };
    let widest = 0;

    // When both walk, the slow one applying each batch for 10 ms
    await Promise.all(
      (['fast', 'slow'] as const).map(async (reader) => {
        let after = START;
        for (let i = 0; i < 10; i++) {
          const batch = await walks.read(reader, { after, limit: 4, streamTypes: ['A', 'B'] });
          progress[reader] = i;
          widest = Math.max(widest, progress.fast - progress.slow);
          after = batch.next!;
          await new Promise((resolve) => setTimeout(resolve, reader === 'slow' ? 10 : 0));
        }
        walks.leave(reader);
      }),
    );

    // Then the fast one was never more than one batch ahead
    expect(widest).toBe(1);
  });

  it('should end a run with its readers at one position, and hand the batch read ahead to the next run', async () => {
    // Given two readers and runs of three batches each
    const { store, reads } = fakeLog(40);
    const starts = ['a', 'b'].map((reader) => ({ reader, after: START, limit: 4, streamTypes: ['A', 'B'] }));
    const first = new LogWalks(store, starts, EVERY_TYPE, new Map(), 2, 3);

    // When both walk the run at different paces
    const [a, b] = await Promise.all([walk(first, 'a', ['A', 'B'], 3), walk(first, 'b', ['A', 'B'])]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the read ahead lands
    const readAhead: ReadAhead = first.close();

    // Then both stopped after the third batch, and the fourth was read ahead for the next run, which takes it
    expect(a.after).toEqual(at(12));
    expect(b.after).toEqual(at(12));
    expect([...readAhead.keys()]).toEqual(['1-12/4']);
    const next = new LogWalks(
      store,
      ['a', 'b'].map((reader) => ({ reader, after: at(12), limit: 4, streamTypes: ['A', 'B'] })),
      EVERY_TYPE,
      readAhead,
      2,
      3,
    );
    const batch = await next.read('a', { after: at(12), limit: 4, streamTypes: ['A', 'B'] });
    expect(batch.events.map((event) => event.position.globalPosition)).toEqual([13, 14, 15, 16]);
    expect(reads.filter((position) => position === 12)).toHaveLength(1);
  });

  it('should let a reader that moves its own way read alone, without holding the others back', async () => {
    // Given two readers on one walk
    const { store, reads } = fakeLog(20);
    const starts = ['a', 'b'].map((reader) => ({ reader, after: START, limit: 4, streamTypes: ['A', 'B'] }));
    const walks = new LogWalks(store, starts, EVERY_TYPE, new Map(), 2, 10);

    // When one asks for a position off the walk (it applied part of a batch one event at a time)
    const off = await walks.read('a', { after: at(2), limit: 4, streamTypes: ['A', 'B'] });

    // Then it reads alone from there, and the other walks on without waiting for it
    expect(off.events.map((event) => event.position.globalPosition)).toEqual([3, 4, 5, 6]);
    const { seen } = await walk(walks, 'b', ['A', 'B']);
    expect(seen).toHaveLength(20);
    expect(reads.filter((position) => position === 0)).toHaveLength(1);
  });
});
