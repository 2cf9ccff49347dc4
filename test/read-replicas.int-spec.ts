import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { describeOnServer } from '#libs/testing';
import {
  postgresBinaries,
  type PrivateCluster,
  sparePort,
  startPrivateCluster,
  startStreamingReplica,
} from './support/private-cluster.js';
import { buildOnce, type Child, startChild, waitUntil } from './support/processes.js';

const TOKEN = 'replica-test-admin-token';
const MAX_LAG_MS = 1000;
const QUERY_TIMEOUT_MS = 1500;

interface Answer {
  status: number;
  readFrom: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Queries served by a PostgreSQL streaming replica (a real one: pg_basebackup -R of a private cluster, started
 * as a hot standby), with read-your-writes kept: the api reads the replica's own copy of the projections'
 * checkpoints, and falls back to the primary when the replica is behind, paused, or gone.
 */
describeOnServer('Queries on a streaming read replica', () => {
  const bin = postgresBinaries();
  const need = bin ? it : it.skip;
  const skipped = bin ? '' : ' [skipped: no PostgreSQL binaries under /usr/lib/postgresql]';
  let primary: PrivateCluster | undefined;
  let replica: PrivateCluster | undefined;
  let api: Child | undefined;
  let baseUrl = '';
  let onReplica: pg.Client | undefined;
  let next = 0;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const answer: Answer = {
      status: response.status,
      readFrom: response.headers.get('x-read-from'),
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
    return answer;
  };
  const register = async (name: string) => {
    const uscc = withUsccCheckCharacter(`91520900${String(700_000_000 + next++).padStart(9, '0')}`);
    const written = await call('POST', '/v1/enterprises', {
      uscc,
      name,
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(written.status).toBe(201);
    return { uscc, position: written.body.position as string };
  };
  const replicaState = async () => {
    const health = await call('GET', '/health');
    return health.body.details.readDatabases.replicas['replica-1'] as { state: string; lagMs: number; reads: number };
  };
  const waitForReplicaState = (state: string) =>
    waitUntil(async () => (await replicaState()).state === state, 20_000, `replica-1 ${state}`);

  /** Resolves just after a probe: the next one is about a second away. */
  const justProbed = async () => {
    const checkedAt = async () =>
      ((await call('GET', '/v1/admin/projections')).body.replicas[0] as { checkedAt: string }).checkedAt;
    const last = await checkedAt();
    await waitUntil(async () => (await checkedAt()) !== last, 5000, 'a probe');
  };

  beforeAll(async () => {
    if (!bin) return;
    buildOnce();
    primary = await startPrivateCluster(bin);
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('create database tracker');
    await admin.end();
    replica = await startStreamingReplica(bin, primary);
    onReplica = new pg.Client({ connectionString: replica.url('tracker') });
    await onReplica.connect();
    const port = String(await sparePort());
    api = await startChild(
      'dist/apps/api/main.js',
      [],
      {
        DATABASE_URL: primary.url('tracker'),
        DATABASE_READ_URLS: replica.url('tracker'),
        READ_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
        READ_REPLICA_WAIT_MS: '500',
        READ_REPLICA_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        BOOTSTRAP_ADMIN_TOKEN: TOKEN,
        RATE_LIMIT_PER_MINUTE: '0',
        RUN_REPORT_SCHEDULER: 'false',
        PORT: port,
      },
      /listening/,
    );
    baseUrl = `http://127.0.0.1:${port}`;
    await waitForReplicaState('up');
  }, 120_000);

  afterAll(async () => {
    api?.process.kill('SIGKILL');
    await onReplica?.end().catch(() => undefined);
    replica?.destroy();
    primary?.destroy();
  });

  need(`should answer a read with X-Min-Position from the replica, showing the write${skipped}`, async () => {
    const { uscc, position } = await register('贵州某电子有限公司');
    const read = await call('GET', `/v1/enterprises/${uscc}`, undefined, { 'X-Min-Position': position });
    expect(read).toMatchObject({ status: 200, readFrom: 'replica-1', body: { name: '贵州某电子有限公司' } });
  });

  need(`should answer a list without X-Min-Position from the replica, and count it there${skipped}`, async () => {
    const before = (await replicaState()).reads;
    for (const path of ['/v1/enterprises', '/v1/progress', '/v1/audit', '/v1/reports', '/v1/diagnostics']) {
      expect(await call('GET', path)).toMatchObject({ status: 200, readFrom: 'replica-1' });
    }
    expect((await replicaState()).reads).toBe(before + 5);
    const admin = await call('GET', '/v1/admin/projections');
    expect(admin.readFrom).toBeNull(); // the admin API reads the primary
    expect(admin.body.replicas).toEqual([
      expect.objectContaining({ name: 'replica-1', host: `127.0.0.1:${replica!.port}`, state: 'up', reason: null }),
    ]);
  });

  need(
    `should fall back to the primary while the replica's replay is paused, then skip it as lagging${skipped}`,
    async () => {
      await onReplica!.query('select pg_wal_replay_pause()');
      try {
        const { uscc, position } = await register('贵州某精密制造有限公司');
        // Without X-Min-Position the replica answers until a probe finds it lagging: the header names the database
        // whose data the answer shows (the replica's lacks the write).
        const list = await call('GET', `/v1/enterprises?q=${uscc}`);
        expect([list.readFrom, list.body.items.length]).toEqual(
          list.readFrom === 'primary' ? ['primary', 1] : ['replica-1', 0],
        );
        const read = await call('GET', `/v1/enterprises/${uscc}`, undefined, { 'X-Min-Position': position });
        expect(read).toMatchObject({ status: 200, readFrom: 'primary', body: { name: '贵州某精密制造有限公司' } });
        // Not there on the replica: its replay stopped before the write.
        const onStandby = await onReplica!.query('select 1 from rm_enterprises where id = $1', [uscc]);
        expect(onStandby.rowCount).toBe(0);

        await waitForReplicaState('lagging');
        expect((await replicaState()).lagMs).toBeGreaterThan(MAX_LAG_MS);
        expect(await call('GET', '/v1/enterprises')).toMatchObject({ status: 200, readFrom: 'primary' });
        const metrics = await call('GET', '/metrics');
        expect(metrics.body).toMatch(/tracker_read_replica_state\{replica="replica-1",state="lagging"\} 1/);
      } finally {
        await onReplica!.query('select pg_wal_replay_resume()');
      }
      await waitForReplicaState('up');
      expect(await call('GET', '/v1/enterprises')).toMatchObject({ status: 200, readFrom: 'replica-1' });
    },
  );

  need(
    `should answer every read from the primary once the replica is stopped, and go back when it returns${skipped}`,
    async () => {
      const { uscc, position } = await register('贵州某新材料有限公司');
      await waitUntil(
        async () =>
          (await call('GET', `/v1/enterprises/${uscc}`, undefined, { 'X-Min-Position': position })).readFrom ===
          'replica-1',
        10_000,
        'the write on the replica',
      );
      await onReplica!.end();
      onReplica = undefined;
      const before = (await replicaState()).reads;
      await justProbed();
      replica!.stop('immediate');
      // At once, before a probe has seen it go: the first read is sent to it, fails, and the primary answers it.
      const first = await call('GET', '/v1/enterprises?limit=5');
      expect({ status: first.status, readFrom: first.readFrom }).toEqual({ status: 200, readFrom: 'primary' });
      expect((await replicaState()).reads).toBe(before + 1);
      await waitForReplicaState('down');
      const paths = [
        `/v1/enterprises/${uscc}`,
        '/v1/progress',
        `/v1/audit?aggregateId=${uscc}`,
        '/v1/reports',
        '/v1/audit/export?format=csv',
      ];
      for (const path of paths) {
        const read = await call('GET', path, undefined, path.includes(uscc) ? { 'X-Min-Position': position } : {});
        expect({ path, status: read.status, readFrom: read.readFrom }).toEqual({
          path,
          status: 200,
          readFrom: 'primary',
        });
      }
      expect(await replicaState()).toMatchObject({ state: 'down', lagMs: null });
      const health = await call('GET', '/health');
      expect(health.status).toBe(200); // shown, not judged: the primary answers
      expect(JSON.stringify(health.body)).not.toContain(String(replica!.port)); // no address on the public route
      expect((await call('GET', '/v1/admin/projections')).body.replicas[0]).toMatchObject({
        state: 'down',
        reason: expect.stringMatching(/ECONNREFUSED|connect/),
      });

      replica!.start();
      await waitForReplicaState('up');
      expect(await call('GET', `/v1/enterprises/${uscc}`)).toMatchObject({ status: 200, readFrom: 'replica-1' });
    },
  );
  need(
    `should answer from the primary when the replica hangs, and use it again once it answers${skipped}`,
    async () => {
      // Every process of the replica's cluster stopped (SIGSTOP): connections stay open, nothing answers.
      const processes = replica!.processes();
      const { uscc, position } = await register('贵州某装备制造有限公司');
      await justProbed();
      for (const pid of processes) process.kill(pid, 'SIGSTOP');
      try {
        const started = Date.now();
        const list = await call('GET', '/v1/enterprises?limit=5');
        expect({ status: list.status, readFrom: list.readFrom }).toEqual({ status: 200, readFrom: 'primary' });
        expect(Date.now() - started).toBeLessThan(QUERY_TIMEOUT_MS + 3000);
        const detail = await call('GET', `/v1/enterprises/${uscc}`, undefined, { 'X-Min-Position': position });
        expect(detail).toMatchObject({ status: 200, readFrom: 'primary', body: { name: '贵州某装备制造有限公司' } });
        await waitForReplicaState('down');
      } finally {
        for (const pid of processes) process.kill(pid, 'SIGCONT');
      }
      await waitForReplicaState('up');
      expect(await call('GET', `/v1/enterprises/${uscc}`)).toMatchObject({ status: 200, readFrom: 'replica-1' });
    },
  );
});
