import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { EventStore } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { type Projection, ProjectionAdmin, ProjectionEngine, type ReadModelTable } from '#libs/projections';
import { createTestDatabase, describeOnServer, type TestDatabase } from '#libs/testing';
import { sql } from 'kysely';
import { buildOnce, type Child, startChild, waitUntil } from './support/processes.js';
import { readModelSnapshot, rebuiltReadModels } from './support/read-models.js';

const PROJECTOR = 'dist/test/processes/projector.js';
const ADMIN_TOKEN = 'process-test-admin-token';

/** The same shape as the child's `seen` projection, for status and rebuild in this process. */
const seen: Projection = {
  name: 'seen',
  version: 1,
  streamTypes: ['Enterprise', 'ServiceProvider', 'Diagnostic', 'TransformationProject'],
  tables: ['rm_test_seen' as ReadModelTable],
  apply: () => Promise.resolve(),
};

describeOnServer('Projections across processes', () => {
  let database: TestDatabase;
  let store: EventStore;
  const children: Child[] = [];

  const url = () => database.url!;
  const admin = (projections: readonly Projection[]) =>
    new ProjectionAdmin(database, store, new ProjectionEngine(database, store, projections));
  const caughtUp = async (projections: readonly Projection[]) =>
    (await admin(projections).status()).every((status) => status.status === 'running' && status.lagEvents === 0);
  const stopAll = async () => {
    for (const child of children.splice(0)) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  };

  afterEach(async () => {
    await stopAll(); // a failed test's processes would hold the leases the next one waits for
  });

  beforeAll(async () => {
    buildOnce();
    database = await createTestDatabase();
    store = new EventStore(database);
    await sql`create table rm_test_seen (event_id text primary key, global_position bigint not null)`.execute(
      database.db,
    );
    const load = spawnSync(process.execPath, ['dist/apps/api/cli.js', 'demo-data', '--enterprises', '40'], {
      env: { ...process.env, DATABASE_URL: url(), LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    expect(load.status).toBe(0);
  }, 180_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await database?.close();
  });

  it('should, killed mid-batch again and again, end with every read model equal to a fresh rebuild', async () => {
    const events = Number(
      (await sql<{ n: number }>`select count(*)::int as n from events`.execute(database.db)).rows[0]?.n,
    );
    expect(events).toBeGreaterThan(1000);
    // Each run dies at a random event of a random batch, until the runs together have caught up.
    let kills = 0;
    for (let round = 0; round < 80 && !(await caughtUp([...READ_MODEL_PROJECTIONS, seen])); round++) {
      const child = await startChild(
        PROJECTOR,
        [],
        {
          DATABASE_URL: url(),
          SEEN: '1',
          CRASH_AFTER: String(1 + Math.floor(Math.random() * 250)),
          BATCH_SIZE: String(10 + Math.floor(Math.random() * 150)),
        },
        /ready/,
      );
      const exit = await Promise.race([child.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      if (exit === null)
        child.process.kill('SIGKILL'); // caught up before its crash point
      else if (exit.signal === 'SIGKILL') kills += 1;
      else throw new Error(`The projector exited on its own: ${JSON.stringify(exit)}\n${child.output()}`);
      await child.exited;
    }
    expect(kills).toBeGreaterThanOrEqual(5);

    children.push(await startChild(PROJECTOR, [], { DATABASE_URL: url(), SEEN: '1' }, /ready/));
    await waitUntil(() => caughtUp([...READ_MODEL_PROJECTIONS, seen]), 60_000, 'the projections to catch up');
    await stopAll();

    // `seen` holds each event once (its key refuses a repeat) and misses none.
    const seenRows = await sql<{ n: number; distinct_positions: number }>`
      select count(*)::int as n, count(distinct global_position)::int as distinct_positions from rm_test_seen`.execute(
      database.db,
    );
    expect(seenRows.rows[0]).toEqual({ n: events, distinct_positions: events });
    const incremental = await readModelSnapshot(database);
    expect(incremental['rm_enterprises']).toHaveLength(40);
    expect(await rebuiltReadModels(database)).toEqual(incremental);
  }, 300_000);

  it('should run each projection in one process at a time and hand it over within seconds when that process dies', async () => {
    const env = { DATABASE_URL: url(), BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN };
    const first = await startChild('dist/apps/worker/main.js', [], env, /worker started/);
    children.push(first);
    const owners = async () => (await admin(READ_MODEL_PROJECTIONS).status()).map((status) => status.owner);
    await waitUntil(
      async () => (await owners()).every((owner) => owner?.endsWith(`:${first.process.pid}`)),
      20_000,
      'the first worker to take every projection',
    );
    const leases = async () =>
      (
        await sql<{ holders: number }>`
          select count(*)::int as holders from pg_locks
          where locktype = 'advisory' and classid = 2 and granted and database = (select oid from pg_database where datname = current_database())
          group by objid`.execute(database.db)
      ).rows.map((row) => row.holders);
    // Each projection's live follow and its rebuilds: two leases, each held once.
    const eachOnce = READ_MODEL_PROJECTIONS.flatMap(() => [1, 1]);
    // The worker's rebuild process starts after it: its leases a moment later.
    await waitUntil(async () => (await leases()).length === eachOnce.length, 15_000, 'the rebuild leases');
    expect(await leases()).toEqual(eachOnce);
    // The first worker follows the live log; its child process holds the rebuilds.
    const holders = await sql<{ application_name: string; leases: number }>`
      select a.application_name, count(*)::int as leases from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.classid = 2 and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
      group by a.application_name order by 1`.execute(database.db);
    expect(holders.rows).toEqual([
      { application_name: 'tracker-rebuilder:lease', leases: READ_MODEL_PROJECTIONS.length },
      { application_name: 'tracker-worker:lease', leases: READ_MODEL_PROJECTIONS.length },
    ]);
    const second = await startChild('dist/apps/worker/main.js', [], env, /worker started/);
    children.push(second);
    const api = await startChild('dist/apps/api/main.js', [], { ...env, PORT: '3931' }, /listening/);
    children.push(api);

    first.process.kill('SIGKILL');
    await first.exited;
    const alive = [second.process.pid, api.process.pid].map((pid) => `:${pid}`);
    const takeover = await waitUntil(
      async () => (await owners()).every((owner) => alive.some((suffix) => owner?.endsWith(suffix))),
      15_000,
      'another process to take the projections over',
    );
    expect(takeover).toBeLessThan(10_000);
    // The killed worker's rebuild process left with it, and its leases were taken over too.
    await waitUntil(async () => (await leases()).length === eachOnce.length, 15_000, 'the rebuild leases');
    expect(await leases()).toEqual(eachOnce);

    // Writes after the takeover are projected: the api reads its own write.
    const registered = await fetch('http://127.0.0.1:3931/v1/enterprises', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        uscc: withUsccCheckCharacter('91520900MA6H00001'),
        name: '接管测试企业',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      }),
    });
    const write = (await registered.json()) as { position: string; id: string };
    expect(registered.status).toBe(201);
    const read = await fetch(`http://127.0.0.1:3931/v1/enterprises/${write.id}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'X-Min-Position': write.position },
    });
    expect(read.status).toBe(200);
    await waitUntil(() => caughtUp(READ_MODEL_PROJECTIONS), 30_000, 'the projections to catch up');
    await stopAll();
    const incremental = await readModelSnapshot(database);
    expect(await rebuiltReadModels(database)).toEqual(incremental);
  }, 180_000);

  it("should rebuild in the worker's rebuild process while the worker follows the live log", async () => {
    const env = { DATABASE_URL: url(), BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'log' };
    const worker = await startChild('dist/apps/worker/main.js', [], env, /worker started/);
    children.push(worker);
    const ownedByWorker = async () =>
      (await admin(READ_MODEL_PROJECTIONS).status()).every((status) =>
        status.owner?.endsWith(`:${worker.process.pid}`),
      );
    await waitUntil(ownedByWorker, 20_000, 'the worker to take every projection');
    await waitUntil(() => caughtUp(READ_MODEL_PROJECTIONS), 30_000, 'the projections to catch up');
    const before = await readModelSnapshot(database);
    for (const name of ['audit', 'enterprises']) await admin(READ_MODEL_PROJECTIONS).rebuild(name);
    await waitUntil(
      async () =>
        (await admin(READ_MODEL_PROJECTIONS).status()).every((status) => status.rebuild === null) &&
        (await caughtUp(READ_MODEL_PROJECTIONS)),
      60_000,
      'the rebuilds to be swapped in',
    );
    // The worker still runs every projection's live follow; the rebuilt tables hold what the old ones did.
    expect(await ownedByWorker()).toBe(true);
    expect(await readModelSnapshot(database)).toEqual(before);
    // The rebuild was done by another process than the worker's (each JSON log line carries its pid).
    const rebuiltBy = /"pid":(\d+)[^\n]*audit: rebuilt up to \S+ and swapped in/.exec(worker.output())?.[1];
    expect(rebuiltBy).toBeDefined();
    expect(Number(rebuiltBy)).not.toBe(worker.process.pid);
    await stopAll();
  }, 120_000);
});
