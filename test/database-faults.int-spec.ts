import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '#libs/database';
import { enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionEngine } from '#libs/projections';
import { EventStore } from '#libs/event-store';
import { createTestDatabase, describeOnServer, type TestDatabase } from '#libs/testing';
import { postgresBinaries, type PrivateCluster, sparePort, startPrivateCluster } from './support/private-cluster.js';
import { buildOnce, type Child, errorLines, startChild, waitUntil } from './support/processes.js';
import { readModelSnapshot, rebuiltReadModels } from './support/read-models.js';
import { WriteLoad, type WriteRecord } from './support/write-load.js';

const TOKEN = 'fault-test-admin-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The service on a database that goes away: backends terminated, the server restarted, the LISTEN session
 * lost, and the service itself stopped with SIGTERM, each under a write load. After each: the processes are
 * alive, every acknowledged write is in the log, no 5xx but 503 was answered, and the read models equal a
 * rebuild from the log.
 */
describeOnServer('The service when its database goes away', () => {
  const children: Child[] = [];
  const databases: Database[] = [];

  const start = async (script: 'api' | 'worker', databaseUrl: string, env: Record<string, string> = {}) => {
    const port = String(await sparePort());
    const child = await startChild(
      `dist/apps/${script}/main.js`,
      [],
      { DATABASE_URL: databaseUrl, BOOTSTRAP_ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0', PORT: port, ...env },
      script === 'api' ? /listening/ : /worker started/,
    );
    children.push(child);
    return { child, baseUrl: `http://127.0.0.1:${port}` };
  };
  const alive = (child: Child) => child.process.exitCode === null && child.process.signalCode === null;
  const stop = async (child: Child) => {
    child.process.kill('SIGTERM');
    return child.exited;
  };

  /** Every acknowledged registration is in the log; answers were 2xx, 4xx or 503 with Retry-After. */
  const expectNothingAcknowledgedLost = async (database: Database, records: readonly WriteRecord[]) => {
    const acknowledged = records.filter((record) => record.status === 201).map((r) => enterpriseStreamId(r.uscc));
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = new Set(
      (
        await database.db.selectFrom('streams').select('stream_id').where('stream_id', 'in', acknowledged).execute()
      ).map((row) => row.stream_id),
    );
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(records.filter((record) => (record.status ?? 0) >= 500 && record.status !== 503)).toEqual([]);
    expect(records.filter((record) => record.status === 503 && !record.retryAfter)).toEqual([]);
  };

  /** With every process stopped: the read models, caught up, equal a rebuild from the log. */
  const expectReadModelsEqualRebuild = async (database: Database) => {
    const engine = new ProjectionEngine(database, new EventStore(database), READ_MODEL_PROJECTIONS);
    await engine.drain(60_000);
    await engine.stop();
    const incremental = await readModelSnapshot(database);
    expect(await rebuiltReadModels(database)).toEqual(incremental);
  };

  beforeAll(() => buildOnce(), 120_000);
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    for (const database of databases) await database.close();
  });

  it('should survive its backends being terminated during a write burst, with no event projected twice', async () => {
    const database: TestDatabase = await createTestDatabase({ poolSize: 4 });
    databases.push(database);
    await sql`create table rm_test_seen (event_id text primary key, global_position bigint not null)`.execute(
      database.db,
    );
    const api = await start('api', database.url!, { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' });
    // Two runners compete for the projections, in small batches: a terminated lease session frees them while
    // the other runner's batch may be in flight. `seen` has one row per event: a repeat breaks its key.
    const projectors = [];
    for (let i = 0; i < 2; i++) {
      const env = { DATABASE_URL: database.url!, SEEN: '1', BATCH_SIZE: '20' };
      projectors.push(await startChild('dist/test/processes/projector.js', [], env, /ready/));
    }
    children.push(...projectors);
    const load = new WriteLoad(api.baseUrl, TOKEN);
    await sleep(1500);
    let lastKill = 0;
    for (let round = 0; round < 3; round++) {
      const { rows } = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db);
      expect(rows[0]!.n).toBeGreaterThan(2);
      lastKill = Date.now();
      await sleep(1000);
      expect([api.child, ...projectors].map(alive)).toEqual([true, true, true]);
    }
    await sleep(2000);
    const records = await load.stop();

    expect(load.after(lastKill + 1000).filter((record) => record.status === 201).length).toBeGreaterThan(0);
    await expectNothingAcknowledgedLost(database, records);
    const counts = async () =>
      (
        await sql<{ events: number; seen: number; failed: number }>`
          select (select count(*)::int from events) as events, (select count(*)::int from rm_test_seen) as seen,
                 (select count(*)::int from projection_checkpoints where failed) as failed`.execute(database.db)
      ).rows[0]!;
    await waitUntil(async () => (await counts()).seen === (await counts()).events, 30_000, 'every event seen');
    expect((await counts()).failed).toBe(0);
    expect(await stop(api.child)).toEqual({ code: 0, signal: null });
    for (const projector of projectors) expect(await stop(projector)).toEqual({ code: 0, signal: null });
    await expectReadModelsEqualRebuild(database);
  }, 120_000);

  const bin = postgresBinaries();
  (bin ? it : it.skip)(
    `should answer 503 at once while the server is down, and resume by itself when it is back${bin ? '' : ' [skipped: no PostgreSQL binaries under /usr/lib/postgresql]'}`,
    async () => {
      const cluster: PrivateCluster = await startPrivateCluster(bin!);
      try {
        const admin = new pg.Client({ connectionString: cluster.url() });
        await admin.connect();
        await admin.query('create database tracker');
        await admin.end();
        const database = await openDatabase({ url: cluster.url('tracker'), poolSize: 2 });
        databases.push(database);
        const api = await start('api', cluster.url('tracker'), { REPORT_SCHEDULER_INTERVAL_MS: '500' });
        const load = new WriteLoad(api.baseUrl, TOKEN);
        await sleep(1500);

        cluster.stop('fast');
        const stoppedAt = Date.now();
        await sleep(3000);
        const whileDown = load.after(stoppedAt + 500);
        cluster.start();
        const restartedAt = Date.now();
        await waitUntil(
          () => Promise.resolve(load.after(restartedAt).some((record) => record.status === 201)),
          10_000,
          'a write to succeed after the restart',
        );
        const recovery = Date.now() - restartedAt;
        await sleep(1500);
        const records = await load.stop();

        // While it was down: 503 with Retry-After, answered without waiting for a connect timeout.
        expect(whileDown.length).toBeGreaterThan(0);
        expect(whileDown.every((record) => record.status === 503)).toBe(true);
        expect(whileDown.every((record) => record.problemType === '/problems/database_unavailable')).toBe(true);
        expect(Math.max(...whileDown.map((record) => record.ms))).toBeLessThan(2000);
        expect(recovery).toBeLessThan(5000);
        const ready = await fetch(`${api.baseUrl}/health/ready`);
        expect(ready.status).toBe(200);
        // The LISTEN and lease sessions are back.
        await waitUntil(
          async () =>
            (
              await sql<{ roles: string[] }>`
                select array_agg(distinct application_name order by application_name) as roles
                from pg_stat_activity
                where datname = current_database() and application_name like 'tracker-api%'`.execute(database.db)
            ).rows[0]!.roles.join() === 'tracker-api,tracker-api:lease,tracker-api:listen',
          10_000,
          'the LISTEN and lease sessions to come back',
        );

        expect(alive(api.child)).toBe(true);
        await expectNothingAcknowledgedLost(database, records);
        expect(await stop(api.child)).toEqual({ code: 0, signal: null });
        await expectReadModelsEqualRebuild(database);
      } finally {
        cluster.destroy();
      }
    },
    120_000,
  );

  it('should bring a lost LISTEN session back, and its prompt wake-ups with it', async () => {
    const database: TestDatabase = await createTestDatabase({ poolSize: 4 });
    databases.push(database);
    const api = await start('api', database.url!, { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' });
    // Polling once every 10 s: only a notification makes the worker project a write at once (else it sees it at
    // its next look for free leases, once a second).
    const worker = await start('worker', database.url!, { PROJECTION_POLL_INTERVAL_MS: '10000' });
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    let n = 0;
    /** A registration, then a read of it with its position: how long until the read answered. */
    const writeThenRead = async (): Promise<number> => {
      const started = Date.now();
      const body = { name: `唤醒测试${n}`, industryCode: 'C39', districtCode: '520900', parkId: 'gaxq-dz' };
      const uscc = withUsccCheckCharacter(`91520900MA6W${String(n++).padStart(5, '0')}`);
      const write = await fetch(`${api.baseUrl}/v1/enterprises`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...body, uscc, aboveDesignatedSize: true }),
      });
      expect(write.status).toBe(201);
      const { position } = (await write.json()) as { position: string };
      const read = await fetch(`${api.baseUrl}/v1/enterprises/${uscc}`, {
        headers: { ...headers, 'X-Min-Position': position },
      });
      expect(read.status).toBe(200);
      return Date.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    await writeThenRead();
    const before: number[] = [];
    for (let i = 0; i < 7; i++) before.push(await writeThenRead());

    const { rows } = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'tracker-worker:listen'`.execute(database.db);
    expect(rows[0]!.n).toBe(1);
    // Written while the session is away: the worker looks again once it is back, without waiting to poll.
    const duringGap = await writeThenRead();
    const after: number[] = [];
    for (let i = 0; i < 7; i++) after.push(await writeThenRead());

    // Without notifications the worker would see each write at its next look for leases, up to a second later.
    expect(median(before)).toBeLessThan(400);
    expect(duringGap).toBeLessThan(800);
    expect(median(after)).toBeLessThan(400);
    expect(alive(api.child) && alive(worker.child)).toBe(true);
    expect(errorLines(worker.child.output())).toEqual([]);
    expect(await stop(api.child)).toEqual({ code: 0, signal: null });
    expect(await stop(worker.child)).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('should drain on SIGTERM: answer every request it took, store every 2xx, release its leases and exit 0', async () => {
    const database: TestDatabase = await createTestDatabase({ poolSize: 4 });
    databases.push(database);
    const api = await start('api', database.url!);
    const load = new WriteLoad(api.baseUrl, TOKEN, 8);
    await sleep(1500);
    const signalledAt = Date.now();
    const exited = stop(api.child);
    expect(await exited).toEqual({ code: 0, signal: null });
    const drained = Date.now() - signalledAt;
    await sleep(300);
    const records = await load.stop();

    expect(drained).toBeLessThan(12_000);
    await expectNothingAcknowledgedLost(database, records);
    // A request that got no answer was never taken: nothing of it is in the log.
    const unanswered = records.filter((record) => record.error).map((record) => enterpriseStreamId(record.uscc));
    expect(unanswered.length).toBeGreaterThan(0);
    const stored = await database.db
      .selectFrom('streams')
      .select('stream_id')
      .where('stream_id', 'in', unanswered)
      .execute();
    expect(stored).toEqual([]);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 2`.execute(database.db);
    expect(rows[0]!.n).toBe(0);
    await expectReadModelsEqualRebuild(database);
  }, 120_000);
});
