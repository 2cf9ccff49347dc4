import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DB } from '#libs/database';
import { EventStore, type StoredEvent } from '#libs/event-store';
import { anEventMetadata, createTestDatabase, describeOnServer, type TestDatabase } from '#libs/testing';
import { type Kysely, type QueryCreator, sql } from 'kysely';
import { ProjectionAdmin } from './projection-admin.js';
import { rebuildSchema } from './projection-checkpoint.repository.js';
import { ProjectionEngine } from './projection-engine.js';
import type { Projection, ReadModelTable } from './projection.js';

interface SeenTable {
  event_id: string;
  projection: string;
  stream_id: string;
}
type TestDB = DB & { rm_test_seen: SeenTable; rm_test_followed: SeenTable };

/** Records every event it applies; the primary key makes a repeat fail loudly. */
function seenProjection(
  name: string,
  options: {
    poison?: () => boolean;
    version?: number;
    table?: keyof TestDB & `rm_test_${string}`;
    /** Awaited before a batch is applied (a test holds the projection there). */
    before?: (events: readonly StoredEvent[]) => Promise<void>;
  } = {},
): Projection {
  const table = options.table ?? 'rm_test_seen';
  return {
    name,
    version: options.version ?? 1,
    streamTypes: ['Test'],
    tables: [table as ReadModelTable],
    async apply(db: QueryCreator<DB>, events: readonly StoredEvent[]) {
      await options.before?.(events);
      for (const event of events) {
        if (event.data['poison'] === true && options.poison?.()) throw new Error('cannot read this event');
      }
      await (db as unknown as QueryCreator<TestDB>)
        .insertInto(table)
        .values(events.map((event) => ({ event_id: event.eventId, projection: name, stream_id: event.streamId })))
        .execute();
    },
  };
}

describe(ProjectionEngine.name, () => {
  let database: TestDatabase;
  let store: EventStore;
  let db: Kysely<TestDB>;

  beforeEach(async () => {
    database = await createTestDatabase();
    store = new EventStore(database);
    db = database.db;
    await sql`create table rm_test_seen (event_id text, projection text, stream_id text, primary key (event_id, projection))`.execute(
      db,
    );
  });
  const engines: ProjectionEngine[] = [];
  const engineFor = (...args: [readonly Projection[], ConstructorParameters<typeof ProjectionEngine>[3]?]) => {
    const engine = new ProjectionEngine(database, store, ...args);
    engines.push(engine);
    return engine;
  };
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await database?.close();
  });
  afterAll(async () => {
    await database?.close();
  });

  const append = async (count: number, data: (i: number) => Record<string, unknown> = () => ({})) => {
    for (let i = 0; i < count; i++) {
      await store.append(`test-${i % 3}`, 'Test', [{ type: 'Happened', data: { i, ...data(i) } }], {
        expectedVersion: 'any',
        metadata: anEventMetadata(),
      });
    }
  };
  const seen = async (projection: string) =>
    (await db.selectFrom('rm_test_seen').select('event_id').where('projection', '=', projection).execute()).length;

  it('should stop a projection at a poison event, report it, let the others run on, and apply it once after the fix', async () => {
    let broken = true;
    const poisoned = seenProjection('poisoned', { poison: () => broken });
    const healthy = seenProjection('healthy');
    const engine = engineFor([poisoned, healthy], { batchSize: 4 });
    await append(10, (i) => ({ poison: i === 5 }));

    await engine.drain();

    expect(await seen('healthy')).toBe(10);
    expect(await seen('poisoned')).toBe(5);
    const admin = new ProjectionAdmin(database, store, engine);
    const status = (await admin.status()).find((s) => s.name === 'poisoned');
    const [poison] = (await store.readStream('test-2')).filter((e) => e.data['poison'] === true);
    expect(status).toMatchObject({
      status: 'failed',
      lagEvents: 5,
      lastError: { message: 'cannot read this event', eventId: poison?.eventId, eventType: 'Happened' },
    });

    broken = false;
    await admin.resume('poisoned');
    await engine.drain();
    expect(await seen('poisoned')).toBe(10);
    expect((await admin.status()).map((s) => [s.name, s.status, s.lagEvents])).toEqual([
      ['poisoned', 'running', 0],
      ['healthy', 'running', 0],
    ]);
  });

  it('should rebuild into fresh tables while reads go on from the old ones, then swap in the same rows', async () => {
    await sql`create index rm_test_seen_stream on rm_test_seen (stream_id)`.execute(db);
    const projection = seenProjection('rebuilt');
    const engine = engineFor([projection], { rebuildBatchSize: 7 });
    await append(30);
    await engine.drain();
    const before = await db.selectFrom('rm_test_seen').selectAll().orderBy('event_id').execute();
    expect(before).toHaveLength(30);

    const admin = new ProjectionAdmin(database, store, engine);
    await admin.rebuild('rebuilt');
    await engine.runOnce(); // creates the fresh tables
    await engine.runOnce(); // first rebuild batch
    expect((await admin.status())[0]).toMatchObject({ status: 'rebuilding' });
    const partial = await sql<{
      count: number;
    }>`select count(*)::int as count from ${sql.id(rebuildSchema('rebuilt'), 'rm_test_seen')}`.execute(db);
    expect(partial.rows[0]?.count).toBe(7);
    expect(await seen('rebuilt')).toBe(30); // readers still see the whole old model

    // As if a runner had built an index of the copy and died before the swap: it is kept, not built again.
    await sql`create index rm_test_seen_stream on ${sql.id(rebuildSchema('rebuilt'), 'rm_test_seen')} (stream_id)`.execute(
      db,
    );
    await append(5); // written during the rebuild
    await engine.drain();
    const after = await db.selectFrom('rm_test_seen').selectAll().orderBy('event_id').execute();
    expect(after).toHaveLength(35);
    // Secondary indexes are left out while the copy fills, and built under their names before the swap.
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where schemaname = 'public' and tablename = 'rm_test_seen' order by 1`.execute(
      db,
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual(['rm_test_seen_pkey', 'rm_test_seen_stream']);
    // The copy's statistics, gathered before the swap, came with it.
    const statistics = await sql<{ columns: number }>`
      select count(*)::int as columns from pg_stats where schemaname = 'public' and tablename = 'rm_test_seen'`.execute(
      db,
    );
    expect(statistics.rows[0]?.columns).toBe(3);
    expect(after.filter((row) => before.some((old) => old.event_id === row.event_id))).toEqual(before);
    expect((await admin.status())[0]).toMatchObject({ status: 'running', rebuild: null, lagEvents: 0 });
  });

  it('should keep the indexes a projection reads by on the copy while it fills, and only those', async () => {
    await sql`create index rm_test_seen_stream on rm_test_seen (stream_id)`.execute(db);
    await sql`create index rm_test_seen_projection on rm_test_seen (projection)`.execute(db);
    const projection = { ...seenProjection('rebuilt'), readsBy: ['rm_test_seen_stream'] };
    const engine = engineFor([projection], { rebuildBatchSize: 7 });
    await append(10);
    await engine.drain();
    const admin = new ProjectionAdmin(database, store, engine);
    await admin.rebuild('rebuilt');

    await engine.runOnce(); // creates the fresh tables
    await engine.runOnce(); // first rebuild batch

    const onCopy = async () =>
      (
        await sql<{ indexname: string }>`
          select indexname from pg_indexes where schemaname = ${rebuildSchema('rebuilt')} order by 1`.execute(db)
      ).rows.map((row) => row.indexname);
    expect(await onCopy()).toEqual(['rm_test_seen_pkey', 'rm_test_seen_stream']);
    await engine.drain();
    const live = await sql<{ indexname: string }>`
      select indexname from pg_indexes where schemaname = 'public' and tablename = 'rm_test_seen' order by 1`.execute(
      db,
    );
    expect(live.rows.map((row) => row.indexname)).toEqual([
      'rm_test_seen_pkey',
      'rm_test_seen_projection',
      'rm_test_seen_stream',
    ]);
    expect(await seen('rebuilt')).toBe(10);
  });

  it('should refuse to start a projection that reads by an index its tables do not have', async () => {
    await sql`create unique index rm_test_seen_unique on rm_test_seen (event_id)`.execute(db);
    const projection = { ...seenProjection('rebuilt'), readsBy: ['rm_test_seen_nowhere', 'rm_test_seen_unique'] };
    const engine = engineFor([projection]);

    await expect(engine.drain()).rejects.toThrow(
      'No secondary (non-unique) index rm_test_seen_nowhere, rm_test_seen_unique on rm_test_seen',
    );
  });

  // PGlite has one connection: a rebuild's batch held open in its transaction would hold the appends too.
  describeOnServer('while another projection rebuilds', () => {
    it('should keep applying new events to a projection that follows the log while another rebuilds', async () => {
      // Given a follower with a table of its own, and a projection to rebuild whose batches a test can hold
      await sql`create table rm_test_followed (like rm_test_seen including all)`.execute(db);
      let gating = false;
      let holding = () => undefined as void;
      const firstHeld = new Promise<void>((resolve) => (holding = resolve));
      let appended = () => undefined as void;
      let release = () => undefined as void;
      const gates = [
        new Promise<void>((resolve) => (appended = resolve)),
        new Promise<void>((resolve) => (release = resolve)),
      ];
      const rebuilt = seenProjection('rebuilt', {
        // The rebuild's first batch waits for the appends below, its second until the test releases it. Each
        // waits in its transaction, which hides from readers the events committed after it began: the first
        // hides the appends until it commits, the second began after them and does not.
        before: async (events) => {
          if (!gating || events.some((event) => event.data['late'] === true)) return;
          holding();
          await gates.shift();
        },
      });
      const follower = seenProjection('follower', { table: 'rm_test_followed' });
      const engine = engineFor([rebuilt, follower], { rebuildBatchSize: 4, pollIntervalMs: 50 });
      await append(12);
      await engine.drain();
      gating = true;
      const admin = new ProjectionAdmin(database, store, engine);
      await admin.rebuild('rebuilt');
      const draining = engine.drain();
      // When events are appended while the rebuild applies its first batch
      await firstHeld;
      await append(5, () => ({ late: true }));
      appended();
      // Then the follower applies them while the rebuild is held at its second batch
      const followed = async () => (await db.selectFrom('rm_test_followed').select('event_id').execute()).length;
      const deadline = Date.now() + 5000;
      while ((await followed()) < 17 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await followed()).toBe(17);
      expect((await admin.status()).find((status) => status.name === 'rebuilt')).toMatchObject({
        status: 'rebuilding',
      });
      // And once released, the rebuild completes with every event
      release();
      await draining;
      expect(await seen('rebuilt')).toBe(17);
      expect((await admin.status()).map((status) => [status.name, status.status, status.lagEvents])).toEqual([
        ['rebuilt', 'running', 0],
        ['follower', 'running', 0],
      ]);
    });
  });

  it('should rebuild a projection whose code version went up', async () => {
    await append(4);
    const first = engineFor([seenProjection('versioned')]);
    await first.drain();
    await first.stop();
    const upgraded = engineFor([seenProjection('versioned', { version: 2 })]);
    await upgraded.drain();
    const [status] = await new ProjectionAdmin(database, store, upgraded).status();
    expect(status).toMatchObject({ version: 2, status: 'running' });
    expect(await seen('versioned')).toBe(4);
    await upgraded.stop();
  });

  it('should hold a paused projection where it is until resumed', async () => {
    const engine = engineFor([seenProjection('paused')]);
    const admin = new ProjectionAdmin(database, store, engine);
    await engine.drain();
    await admin.pause('paused');
    await append(3);
    await engine.drain();
    expect(await seen('paused')).toBe(0);
    expect((await admin.status())[0]).toMatchObject({ status: 'paused', lagEvents: 3 });
    await admin.resume('paused');
    await engine.drain();
    expect(await seen('paused')).toBe(3);
  });

  it('should move past events of other stream types without applying them', async () => {
    const engine = engineFor([seenProjection('typed')]);
    await store.append('other-1', 'Other', [{ type: 'Else', data: {} }], {
      expectedVersion: 'any',
      metadata: anEventMetadata(),
    });
    await engine.drain();
    const [status] = await new ProjectionAdmin(database, store, engine).status();
    expect(status).toMatchObject({ lagEvents: 0 });
    expect(await seen('typed')).toBe(0);
  });
});
