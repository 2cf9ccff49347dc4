import pg from 'pg';
import { migrateToLatest, openDatabase } from '#libs/database';
import { withUsccCheckCharacter } from '#libs/enterprises';
import {
  postgresBinaries,
  type PrivateCluster,
  startPrivateCluster,
  startStreamingReplica,
} from '../support/private-cluster.js';
import {
  ADMIN_TOKEN_FOR_BENCH,
  orgCode,
  processCpuMs,
  type RunningApi,
  startApi,
  startWorker,
} from './http-commands.js';
import { median, percentile, round } from './measure.js';
import { buildProvinceLog } from './province-log.js';
import { benchRebuild, httpAtRate } from './read-side.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Queries per second on each route, as in `query_*_p99`; registrations per second beside them (a busy province). */
export const QUERY_RATE = 200;
export const COMMAND_RATE = 25;
// An odd number, so that the median is a round of its own (of two, `median` would take the better).
const ROUNDS = 3;

export type ReadTopology = 'primary' | 'replica';

export interface RouteLatency {
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU ms per second of the primary's and the replica's PostgreSQL processes while the route was read. */
  primaryCpuMsPerS: number;
  replicaCpuMsPerS: number;
  /** Of the reads the api sent to a database meanwhile, the primary's share. */
  primaryReadShare: number;
  /** CPU ms per second of the api, and of this process (the load's client), meanwhile. */
  apiCpuMsPerS: number;
  clientCpuMsPerS: number;
}

export interface ReplicaQueriesResult {
  events: number;
  commandsNon2xx: number;
  routes: Record<'progress' | 'enterprise', Record<ReadTopology, RouteLatency>>;
}

/** The CPU of one cluster's processes (the postmaster's count includes its ended backends). */
function clusterCpuMs(cluster: PrivateCluster): number {
  let total = 0;
  for (const pid of cluster.processes()) {
    try {
      total += processCpuMs(pid);
    } catch {
      // the process ended meanwhile (its time is now the postmaster's)
    }
  }
  return total;
}

/** `tracker_reads_total` by database, from the api's /metrics. */
async function readsByDatabase(api: RunningApi): Promise<Record<string, number>> {
  const text = await (
    await fetch(`${api.base}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_BENCH}` } })
  ).text();
  const reads: Record<string, number> = {};
  for (const match of text.matchAll(/^tracker_reads_total\{database="([^"]+)"\} (\d+)/gm)) {
    reads[match[1]!] = Number(match[2]);
  }
  return reads;
}

/** Registrations at a fixed rate until stopped (open loop, as users arrive); counts the failed ones. */
function pacedRegistrations(api: RunningApi): { stop: () => Promise<number> } {
  let running = true;
  let failed = 0;
  let serial = Math.floor(Math.random() * 1e9);
  const inFlight = new Set<Promise<void>>();
  const loop = (async () => {
    const started = performance.now();
    for (let i = 0; running; i++) {
      const wait = started + (i * 1000) / COMMAND_RATE - performance.now();
      if (wait > 0) await sleep(wait);
      const sent: Promise<void> = fetch(`${api.base}/v1/enterprises`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          uscc: withUsccCheckCharacter(`91520115${orgCode(serial++)}`),
          name: '副本基准企业',
          industryCode: 'C39',
          districtCode: '520115',
          parkId: 'gsh-gy',
          aboveDesignatedSize: true,
        }),
      }).then(
        async (answer) => {
          await answer.arrayBuffer();
          if (answer.status !== 201) failed += 1;
        },
        () => void (failed += 1),
      );
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await Promise.all(inFlight);
      return failed;
    },
  };
}

/**
 * `query_*_p99_replica`: a private primary with a county-sized log and a streaming replica of it (both on this
 * machine), an api and a worker on the primary, registrations at 25/s through the api, and each query route at
 * 200/s. Two topologies, alternated round by round: the api reading from the primary (today's default) and the
 * api with `DATABASE_READ_URLS` naming the replica. Null when this machine has no PostgreSQL binaries.
 */
export async function benchReplicaQueries(seconds: number): Promise<ReplicaQueriesResult | null> {
  const bin = postgresBinaries();
  if (!bin) return null;
  const primary = await startPrivateCluster(bin);
  let replica: PrivateCluster | undefined;
  try {
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('create database tracker');
    await admin.end();
    const url = primary.url('tracker');
    const database = await openDatabase({ url, poolSize: 8, applicationName: 'tracker-bench' });
    let events: number;
    try {
      await migrateToLatest(database.db);
      ({ events } = await buildProvinceLog(database, url, { copies: 4, campaigns: 3, projectRounds: 1 }));
    } finally {
      await database.close();
    }
    benchRebuild(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const ids = (await pool.query<{ id: string }>('select id from rm_enterprises order by random() limit 2000')).rows;
    await pool.query('vacuum analyze');
    await pool.query('checkpoint');
    await pool.end();
    replica = await startStreamingReplica(bin, primary);

    const rounds: Record<'progress' | 'enterprise', Record<ReadTopology, RouteLatency[]>> = {
      progress: { primary: [], replica: [] },
      enterprise: { primary: [], replica: [] },
    };
    let commandsNon2xx = 0;
    const paths = {
      progress: () => '/v1/progress?groupBy=park',
      enterprise: () => `/v1/enterprises/${ids[Math.floor(Math.random() * ids.length)]!.id}`,
    };
    for (let pass = 0; pass < ROUNDS; pass++) {
      const order: ReadTopology[] = pass % 2 === 0 ? ['primary', 'replica'] : ['replica', 'primary'];
      for (const topology of order) {
        const api = await startApi(
          url,
          {
            RUN_PROJECTIONS: 'false',
            DATABASE_POOL_SIZE: '16',
            ...(topology === 'replica' ? { DATABASE_READ_URLS: replica.url('tracker') } : {}),
          },
          3920,
        );
        const worker = startWorker(url);
        try {
          if (topology === 'replica') await replicaUp(api);
          const load = pacedRegistrations(api);
          try {
            await httpAtRate(api.base, api.token, QUERY_RATE, 2, paths.progress); // warm-up
            for (const route of ['progress', 'enterprise'] as const) {
              await httpAtRate(api.base, api.token, QUERY_RATE, 1, paths[route]);
              const reads0 = await readsByDatabase(api);
              const [primary0, replica0, api0, client0, t0] = [
                clusterCpuMs(primary),
                clusterCpuMs(replica),
                processCpuMs(api.pid),
                process.cpuUsage(),
                performance.now(),
              ];
              const result = await httpAtRate(api.base, api.token, QUERY_RATE, seconds, paths[route]);
              const elapsedS = (performance.now() - t0) / 1000;
              const [primary1, replica1, api1, client1] = [
                clusterCpuMs(primary),
                clusterCpuMs(replica),
                processCpuMs(api.pid),
                process.cpuUsage(client0),
              ];
              const reads1 = await readsByDatabase(api);
              const sent = (name: string) => (reads1[name] ?? 0) - (reads0[name] ?? 0);
              const all = Object.keys(reads1).reduce((sum, name) => sum + sent(name), 0);
              rounds[route][topology].push({
                requests: result.latencies.length,
                p50: percentile(result.latencies, 50),
                p99: percentile(result.latencies, 99),
                non2xx: result.non2xx,
                primaryCpuMsPerS: (primary1 - primary0) / elapsedS,
                replicaCpuMsPerS: (replica1 - replica0) / elapsedS,
                primaryReadShare: all ? sent('primary') / all : 1,
                apiCpuMsPerS: (api1 - api0) / elapsedS,
                clientCpuMsPerS: (client1.user + client1.system) / 1000 / elapsedS,
              });
              const latest = rounds[route][topology].at(-1)!;
              process.stderr.write(
                `replica case, round ${pass}, ${route} read from the ${topology}: p50 ${round(latest.p50)} ms, ` +
                  `p99 ${round(latest.p99)} ms\n`,
              );
            }
          } finally {
            commandsNon2xx += await load.stop();
          }
        } finally {
          worker.kill('SIGTERM');
          await api.stop();
        }
      }
    }
    const medianOf = (results: RouteLatency[]): RouteLatency => ({
      requests: results.reduce((sum, result) => sum + result.requests, 0),
      p50: round(median(results.map((result) => result.p50))),
      p99: round(median(results.map((result) => result.p99))),
      non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
      primaryCpuMsPerS: round(median(results.map((result) => result.primaryCpuMsPerS)), 1),
      replicaCpuMsPerS: round(median(results.map((result) => result.replicaCpuMsPerS)), 1),
      primaryReadShare: round(median(results.map((result) => result.primaryReadShare)), 3),
      apiCpuMsPerS: round(median(results.map((result) => result.apiCpuMsPerS)), 1),
      clientCpuMsPerS: round(median(results.map((result) => result.clientCpuMsPerS)), 1),
    });
    return {
      events,
      commandsNon2xx,
      routes: {
        progress: { primary: medianOf(rounds.progress.primary), replica: medianOf(rounds.progress.replica) },
        enterprise: { primary: medianOf(rounds.enterprise.primary), replica: medianOf(rounds.enterprise.replica) },
      },
    };
  } finally {
    replica?.destroy();
    primary.destroy();
  }
}

/** Waits until the api's probe has found the replica up. */
async function replicaUp(api: RunningApi): Promise<void> {
  for (const started = performance.now(); performance.now() - started < 60_000; await sleep(100)) {
    const health = (await (await fetch(`${api.base}/health`)).json()) as {
      details?: { readDatabases?: { replicas?: Record<string, { state: string }> } };
    };
    if (health.details?.readDatabases?.replicas?.['replica-1']?.state === 'up') return;
  }
  throw new Error('the replica was not up within a minute');
}
