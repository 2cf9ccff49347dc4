import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anEventMetadata, aNewEvent, createTestDatabase, type TestDatabase } from '#libs/testing';
import { sql } from 'kysely';
import { ConcurrencyError, IdempotencyKeyReusedError, InvalidImportError } from './event-store.errors.js';
import { EventStore, InvalidAppendError } from './event-store.js';
import { LOG_START, type LogPosition, compareLogPositions } from './log-position.js';
import type { StoredEvent } from './event-store.types.js';
import { Upcasters } from './upcasters.js';

describe(EventStore.name, () => {
  let database: TestDatabase;
  let sut: EventStore;
  let n = 0;
  const newStream = () => `diagnostic-${Date.now()}-${++n}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new EventStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function readWholeLog(after: LogPosition = LOG_START, limit = 100): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for (let position = after; ;) {
      const batch = await sut.readAll({ after: position, limit });
      if (batch.length === 0) return all;
      all.push(...batch);
      position = batch[batch.length - 1]!.position;
    }
  }

  describe('append', () => {
    it('should store the envelope and number the versions from 1', async () => {
      const streamId = newStream();
      const metadata = anEventMetadata({ reasonCode: 'initial', comment: '首次诊断' });
      const result = await sut.append(
        streamId,
        'Diagnostic',
        [aNewEvent(), aNewEvent({ type: 'ScenarioLevelRated' })],
        {
          expectedVersion: 'no_stream',
          metadata,
        },
      );

      expect(result).toMatchObject({ streamId, version: 2, replayed: false });
      const events = await sut.readStream(streamId);
      expect(events.map((event) => [event.version, event.type])).toEqual([
        [1, 'IndicatorScored'],
        [2, 'ScenarioLevelRated'],
      ]);
      expect(events[0]).toMatchObject({
        streamId,
        streamType: 'Diagnostic',
        schemaVersion: 1,
        metadata,
        data: aNewEvent().data,
      });
      expect(events[0]!.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(events[1]!.position).toEqual(result.position);
      expect(events[0]!.recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(events[0]!.occurredAt).toEqual(events[0]!.recordedAt);
    });

    it('should keep a backdated occurredAt while recordedAt is the server clock', async () => {
      const streamId = newStream();
      const occurredAt = new Date('2026-03-01T02:00:00.000Z');
      await sut.append(streamId, 'Project', [aNewEvent({ occurredAt })], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
      });

      const [event] = await sut.readStream(streamId);
      expect(event!.occurredAt.toISOString()).toBe(occurredAt.toISOString());
      expect(event!.recordedAt.getTime()).toBeGreaterThan(occurredAt.getTime());
    });

    it('should merge per-event metadata over the common envelope', async () => {
      const streamId = newStream();
      const metadata = anEventMetadata();
      await sut.append(
        streamId,
        'Diagnostic',
        [aNewEvent(), aNewEvent({ type: 'MaturityLevelDetermined', metadata: { causationId: 'event-1' } })],
        { expectedVersion: 'any', metadata },
      );

      const events = await sut.readStream(streamId);
      expect(events[1]!.metadata).toEqual({ ...metadata, causationId: 'event-1' });
    });

    it('should append at the expected version and refuse a stale one, appending nothing', async () => {
      const streamId = newStream();
      await sut.append(streamId, 'Diagnostic', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
      });
      const second = await sut.append(streamId, 'Diagnostic', [aNewEvent()], {
        expectedVersion: 1,
        metadata: anEventMetadata(),
      });
      expect(second.version).toBe(2);

      const stale = sut.append(streamId, 'Diagnostic', [aNewEvent()], {
        expectedVersion: 1,
        metadata: anEventMetadata(),
      });
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(stale).rejects.toMatchObject({ streamId, expectedVersion: 1, actualVersion: 2 });
      expect(await sut.readStream(streamId)).toHaveLength(2);
    });

    it('should refuse no_stream on an existing stream and a version on a missing one', async () => {
      const streamId = newStream();
      await sut.append(streamId, 'Diagnostic', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
      });

      await expect(
        sut.append(streamId, 'Diagnostic', [aNewEvent()], {
          expectedVersion: 'no_stream',
          metadata: anEventMetadata(),
        }),
      ).rejects.toMatchObject({ code: 'concurrency_conflict', actualVersion: 1 });
      await expect(
        sut.append(newStream(), 'Diagnostic', [aNewEvent()], { expectedVersion: 3, metadata: anEventMetadata() }),
      ).rejects.toMatchObject({ code: 'concurrency_conflict', actualVersion: null });
    });

    it('should append to a new or existing stream with any', async () => {
      const streamId = newStream();
      await sut.append(streamId, 'Diagnostic', [aNewEvent()], { expectedVersion: 'any', metadata: anEventMetadata() });
      const result = await sut.append(streamId, 'Diagnostic', [aNewEvent(), aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
      });
      expect(result.version).toBe(3);
      expect(await sut.streamVersion(streamId)).toBe(3);
    });

    it('should refuse an empty append, a missing stream id and a negative version', async () => {
      const metadata = anEventMetadata();
      await expect(
        sut.append(newStream(), 'Diagnostic', [], { expectedVersion: 'any', metadata }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(
        sut.append('', 'Diagnostic', [aNewEvent()], { expectedVersion: 'any', metadata }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(
        sut.append(newStream(), 'Diagnostic', [aNewEvent()], { expectedVersion: -1, metadata }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
    });

    it('should roll the whole append back when it fails', async () => {
      const streamId = newStream();

      await expect(
        // The second event's schema version overflows int4 after the first event's row was inserted.
        sut.append(streamId, 'Diagnostic', [aNewEvent(), aNewEvent({ schemaVersion: 2 ** 40 })], {
          expectedVersion: 'no_stream',
          metadata: anEventMetadata(),
        }),
      ).rejects.toThrow();
      expect(await sut.streamVersion(streamId)).toBeNull();
      expect(await sut.readStream(streamId)).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('should append once for the same key twice and return the first result', async () => {
      const streamId = newStream();
      const idempotency = { scope: 'key-test', key: crypto.randomUUID(), requestHash: 'sha256:a' };
      const first = await sut.append(streamId, 'Enterprise', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        idempotency,
      });
      const second = await sut.append(streamId, 'Enterprise', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        idempotency,
      });

      expect(second).toEqual({ ...first, replayed: true });
      expect(await sut.readStream(streamId)).toHaveLength(1);
      expect(await sut.findIdempotentResult(idempotency)).toEqual({ ...first, replayed: true });
    });

    it('should replay even when the stream moved on since', async () => {
      const streamId = newStream();
      const idempotency = { scope: 'key-test', key: crypto.randomUUID(), requestHash: 'sha256:a' };
      const first = await sut.append(streamId, 'Enterprise', [aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
        idempotency,
      });
      await sut.append(streamId, 'Enterprise', [aNewEvent()], { expectedVersion: 1, metadata: anEventMetadata() });

      const again = await sut.append(streamId, 'Enterprise', [aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
        idempotency,
      });
      expect(again).toEqual({ ...first, replayed: true });
      expect(await sut.readStream(streamId)).toHaveLength(2);
    });

    it('should refuse the same key with another request and append nothing', async () => {
      const streamId = newStream();
      const key = crypto.randomUUID();
      await sut.append(streamId, 'Enterprise', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        idempotency: { scope: 'key-test', key, requestHash: 'sha256:a' },
      });

      const other = { scope: 'key-test', key, requestHash: 'sha256:b' };
      await expect(
        sut.append(streamId, 'Enterprise', [aNewEvent()], {
          expectedVersion: 1,
          metadata: anEventMetadata(),
          idempotency: other,
        }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await expect(sut.findIdempotentResult(other)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await sut.readStream(streamId)).toHaveLength(1);
    });

    it('should keep keys of different principals apart', async () => {
      const key = crypto.randomUUID();
      const a = await sut.append(newStream(), 'Enterprise', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        idempotency: { scope: 'key-a', key, requestHash: 'sha256:a' },
      });
      const b = await sut.append(newStream(), 'Enterprise', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        idempotency: { scope: 'key-b', key, requestHash: 'sha256:a' },
      });
      expect(b.replayed).toBe(false);
      expect(b.streamId).not.toBe(a.streamId);
    });
  });

  describe('readStream', () => {
    it('should read from a version, up to a version and as recorded up to a moment', async () => {
      const streamId = newStream();
      await sut.append(streamId, 'Project', [aNewEvent(), aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
      });
      const [, second] = await sut.readStream(streamId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sut.append(streamId, 'Project', [aNewEvent()], { expectedVersion: 'any', metadata: anEventMetadata() });

      expect((await sut.readStream(streamId, { afterVersion: 1 })).map((e) => e.version)).toEqual([2, 3]);
      expect((await sut.readStream(streamId, { toVersion: 2 })).map((e) => e.version)).toEqual([1, 2]);
      expect((await sut.readStream(streamId, { recordedUntil: second!.recordedAt })).map((e) => e.version)).toEqual([
        1, 2,
      ]);
      expect(await sut.readStream('no-such-stream')).toEqual([]);
    });

    it('should upcast old event shapes by type and schema version', async () => {
      const upcasting = new EventStore(
        database,
        new Upcasters([
          { type: 'KpiMeasured', fromSchemaVersion: 1, upcast: (data) => ({ ...data, unit: data['unit'] ?? '%' }) },
          { type: 'KpiMeasured', fromSchemaVersion: 2, upcast: ({ value, ...rest }) => ({ ...rest, measured: value }) },
        ]),
      );
      const streamId = newStream();
      await sut.append(
        streamId,
        'Project',
        [
          aNewEvent({ type: 'KpiMeasured', data: { kpiCode: 'oee', value: 61 } }),
          aNewEvent({ type: 'KpiMeasured', schemaVersion: 3, data: { kpiCode: 'oee', unit: '%', measured: 72 } }),
        ],
        { expectedVersion: 'any', metadata: anEventMetadata() },
      );

      const events = await upcasting.readStream(streamId);
      expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
        [3, { kpiCode: 'oee', unit: '%', measured: 61 }],
        [3, { kpiCode: 'oee', unit: '%', measured: 72 }],
      ]);
    });
  });

  describe('readAll', () => {
    it('should return every event once, in batches, in log order', async () => {
      const before = await readWholeLog();
      const head = before.at(-1)?.position ?? LOG_START;
      const streams = [newStream(), newStream(), newStream()];
      for (let round = 0; round < 5; round++) {
        for (const streamId of streams) {
          await sut.append(streamId, 'Diagnostic', [aNewEvent(), aNewEvent()], {
            expectedVersion: 'any',
            metadata: anEventMetadata(),
          });
        }
      }

      const read = await readWholeLog(head, 7);
      expect(read).toHaveLength(30);
      for (let i = 1; i < read.length; i++) {
        expect(compareLogPositions(read[i - 1]!.position, read[i]!.position)).toBeLessThan(0);
      }
      for (const streamId of streams) {
        expect(read.filter((e) => e.streamId === streamId).map((e) => e.version)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
      }
    });
  });

  describe('readBatch', () => {
    it('should scan the same batches with or without stream types, and return only the wanted types', async () => {
      // given a log of two stream types, interleaved
      const head = (await sut.head()) ?? LOG_START;
      const diagnostic = newStream();
      const project = `project-${Date.now()}-${++n}`;
      for (let round = 0; round < 4; round++) {
        await sut.append(diagnostic, 'Diagnostic', [aNewEvent(), aNewEvent()], {
          expectedVersion: 'any',
          metadata: anEventMetadata(),
        });
        await sut.append(project, 'TransformationProject', [aNewEvent({ type: 'KpiMeasured' })], {
          expectedVersion: 'any',
          metadata: anEventMetadata(),
        });
      }

      // when the log is read in batches of 5, once with every type and once with projects only
      const walk = async (streamTypes?: string[]) => {
        const batches = [];
        for (let after = head; ;) {
          const batch = await sut.readBatch({ after, limit: 5, ...(streamTypes ? { streamTypes } : {}) });
          batches.push(batch);
          if (batch.caughtUp || !batch.next) return batches;
          after = batch.next;
        }
      };
      const whole = await walk();
      const projects = await walk(['TransformationProject']);

      // then both walks stop at the same positions, and each returns what it asked for, in log order
      expect(projects.map((batch) => [batch.next, batch.caughtUp])).toEqual(
        whole.map((batch) => [batch.next, batch.caughtUp]),
      );
      const all = whole.flatMap((batch) => batch.events);
      expect(all.map((event) => event.streamId)).toEqual(
        Array.from({ length: 4 }, () => [diagnostic, diagnostic, project]).flat(),
      );
      expect(whole.map((batch) => batch.next)).toEqual(whole.map((batch) => batch.events.at(-1)?.position ?? null));
      expect(projects.flatMap((batch) => batch.events)).toEqual(all.filter((event) => event.streamId === project));
    });
  });

  describe('immutability', () => {
    it('should refuse UPDATE, DELETE and TRUNCATE on events', async () => {
      const streamId = newStream();
      await sut.append(streamId, 'Diagnostic', [aNewEvent()], { expectedVersion: 'any', metadata: anEventMetadata() });

      await expect(
        sql`update events set type = 'Tampered' where stream_id = ${streamId}`.execute(database.db),
      ).rejects.toThrow(/events are immutable/);
      await expect(sql`delete from events where stream_id = ${streamId}`.execute(database.db)).rejects.toThrow(
        /events are immutable/,
      );
      await expect(sql`truncate events`.execute(database.db)).rejects.toThrow(/events are immutable/);
      expect((await sut.readStream(streamId))[0]!.type).toBe('IndicatorScored');
    });
  });

  describe('onAppended', () => {
    it('should tell listeners in this process where an append landed', async () => {
      const heard: (LogPosition | undefined)[] = [];
      const stop = await sut.onAppended((position) => heard.push(position));
      const result = await sut.append(newStream(), 'Diagnostic', [aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
      });
      await stop();

      expect(heard).toContainEqual(result.position);
    });
  });
});

describe('EventStore claims', () => {
  let database: TestDatabase;
  let sut: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new EventStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('should let one stream hold a claim, refuse it to another, and free it on release', async () => {
    const claim = `open:${crypto.randomUUID()}`;
    await sut.append('claims-a', 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
      claims: { acquire: [claim] },
    });

    await expect(
      sut.append('claims-b', 'Test', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        claims: { acquire: [claim] },
      }),
    ).rejects.toMatchObject({ code: 'claim_taken', claim });
    expect(await sut.readStream('claims-b')).toEqual([]);

    await sut.append('claims-a', 'Test', [aNewEvent()], {
      expectedVersion: 1,
      metadata: anEventMetadata(),
      claims: { release: [claim] },
    });
    await sut.append('claims-b', 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
      claims: { acquire: [claim] },
    });
    expect(await sut.streamVersion('claims-b')).toBe(1);
  });

  it('should leave claims as they were when the append finds a stale version', async () => {
    const claim = `open:${crypto.randomUUID()}`;
    const streamId = `claims-${crypto.randomUUID()}`;
    await sut.append(streamId, 'Test', [aNewEvent()], {
      expectedVersion: 'no_stream',
      metadata: anEventMetadata(),
      claims: { acquire: [claim] },
    });

    await expect(
      sut.append(streamId, 'Test', [aNewEvent()], {
        expectedVersion: 7,
        metadata: anEventMetadata(),
        claims: { release: [claim] },
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      sut.append('claims-other', 'Test', [aNewEvent()], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
        claims: { acquire: [claim] },
      }),
    ).rejects.toMatchObject({ code: 'claim_taken' });
  });
});

describe('EventStore import into an empty log', () => {
  let database: TestDatabase;
  let sut: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = new EventStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const imported = (streamId: string, version: number, recordedAt: string) => ({
    eventId: crypto.randomUUID(),
    streamId,
    streamType: 'Test',
    version,
    type: 'Tested',
    schemaVersion: 1,
    data: { text: 'tab\there, line\nthere, back\\slash' },
    metadata: anEventMetadata({ source: 'demo' }),
    occurredAt: new Date(recordedAt),
    recordedAt: new Date(recordedAt),
  });

  it('should refuse, writing nothing, versions out of log order or with a gap, and a claim of no stream', async () => {
    const broken = [
      [imported('bad-a', 2, '2025-12-01T02:00:00.000Z'), imported('bad-a', 1, '2025-12-02T02:00:00.000Z')],
      [imported('bad-b', 1, '2025-12-01T02:00:00.000Z'), imported('bad-b', 3, '2025-12-02T02:00:00.000Z')],
    ];
    for (const events of broken) {
      await expect(sut.importIntoEmptyLog({ events: [events], claims: () => [] })).rejects.toBeInstanceOf(
        InvalidImportError,
      );
    }
    const orphan = {
      events: [[imported('ok-a', 1, '2025-12-01T02:00:00.000Z')]],
      claims: () => [{ claim: 'c', streamId: 'nobody' }],
    };
    await expect(sut.importIntoEmptyLog(orphan)).rejects.toBeInstanceOf(InvalidImportError);
    expect(await sut.head()).toBeNull();
  });

  it('should keep recorded times and order, number the streams and hold the claims; then refuse a second', async () => {
    const events = [
      imported('import-a', 1, '2025-12-01T02:00:00.000Z'),
      imported('import-b', 1, '2026-01-15T03:00:00.000Z'),
      imported('import-a', 2, '2026-03-01T04:00:00.000Z'),
    ];
    const progress: number[] = [];

    const result = await sut.importIntoEmptyLog(
      { events: [events], claims: () => [{ claim: 'open:a', streamId: 'import-a' }] },
      (done) => progress.push(done),
    );

    expect(result?.events).toBe(3);
    expect(progress).toEqual([3]);
    const log = await sut.readAll({ after: LOG_START, limit: 10 });
    expect(log.map((e) => [e.streamId, e.version, e.recordedAt.toISOString(), e.data])).toEqual(
      events.map((e) => [e.streamId, e.version, e.recordedAt.toISOString(), e.data]),
    );
    expect(await sut.streamVersion('import-a')).toBe(2);
    await sut.append('import-a', 'Test', [aNewEvent()], { expectedVersion: 2, metadata: anEventMetadata() });
    await expect(
      sut.append('import-c', 'Test', [aNewEvent()], {
        expectedVersion: 'no_stream',
        metadata: anEventMetadata(),
        claims: { acquire: ['open:a'] },
      }),
    ).rejects.toMatchObject({ code: 'claim_taken' });

    const before = await sut.head();
    const another = { events: [[imported('import-d', 1, '2025-01-01T00:00:00.000Z')]], claims: () => [] };
    expect(await sut.importIntoEmptyLog(another)).toBeNull();
    expect(await sut.head()).toEqual(before);
    expect(await sut.streamVersion('import-d')).toBeNull();
    expect(await sut.claims()).toEqual([{ claim: 'open:a', streamId: 'import-a' }]);
  });
});
