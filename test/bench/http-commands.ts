import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { percentile, round } from './measure.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const ADMIN_TOKEN_FOR_BENCH = 'bench-bootstrap-admin-token';

export function orgCode(n: number): string {
  let code = '';
  for (let i = 0; i < 9; i++, n = Math.floor(n / 31)) code = CHARSET[n % 31]! + code;
  return code;
}

export interface HttpCommandsResult {
  commandsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

export interface RunningApi {
  base: string;
  token: string;
  /** The api's process, for its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/** Starts the built api on the bench database and makes an officer key for Gui'an's district. */
export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  port = 3917,
  execArgv: readonly string[] = [],
): Promise<RunningApi> {
  const api = spawn(process.execPath, [...execArgv, 'dist/apps/api/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN_FOR_BENCH,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'error',
      DATABASE_POOL_SIZE: '32',
      // Latency cases measure steady service: the first start's catch-up of missed reports (a burst of a
      // minute or more on the province log) would run during them.
      RUN_REPORT_SCHEDULER: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
  };
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error('the api did not start');
      await sleep(200);
    }
    const key = (await (
      await fetch(`${base}/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_BENCH}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'bench officer',
          role: 'officer',
          scope: { districtCodes: ['520900', '520115'] },
        }),
      })
    ).json()) as { token: string };
    return { base, token: key.token, pid: api.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The four commands an enterprise is taken through, in order: each step's path and body for its USCC. */
const COMMAND_STEPS: readonly ((uscc: string) => { path: string; body: string })[] = [
  (uscc) => ({
    path: '/v1/enterprises',
    body: JSON.stringify({
      uscc,
      name: '贵州贵安压测企业有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    }),
  }),
  (uscc) => ({ path: `/v1/enterprises/${uscc}/park`, body: JSON.stringify({ parkId: 'gaxq-zb' }) }),
  (uscc) => ({
    path: `/v1/enterprises/${uscc}/scale-status`,
    body: JSON.stringify({ aboveDesignatedSize: false, statYear: 2026 }),
  }),
  (uscc) => ({
    path: `/v1/enterprises/${uscc}/corrections`,
    body: JSON.stringify({ field: 'name', value: '贵州贵安压测企业股份有限公司', reason: '更名' }),
  }),
];

/** A fresh USCC for the load's registrations (a random start, so runs on one database do not collide). */
function usccs(): () => string {
  let serial = Math.floor(Math.random() * 1e9);
  return () => withUsccCheckCharacter(`91520900${orgCode(serial++)}`);
}

/**
 * Drives the api with autocannon: 32 connections, each registering an enterprise and taking it through
 * three lifecycle steps, over and over, as fast as the answers come (a closed loop).
 */
export async function commandLoad(api: RunningApi, seconds: number): Promise<HttpCommandsResult> {
  const nextUscc = usccs();
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  type Context = { uscc?: string };
  const result = await autocannon({
    url: api.base,
    connections: 32,
    duration: seconds,
    headers,
    requests: COMMAND_STEPS.map((step, index) => ({
      method: 'POST',
      setupRequest: (request: autocannon.Request, context: Context) => {
        if (index === 0) context.uscc = nextUscc();
        return { ...request, ...step(context.uscc!) };
      },
    })),
  });
  return {
    commandsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/**
 * The same commands at a steady `rate` a second, evenly spaced and sent on time whatever the answers before them
 * (an open loop; autocannon's `overallRate` lets each connection send its share at the start of every second).
 * Each enterprise is taken through the four steps, the next step sent once the last was answered.
 */
export async function pacedCommandLoad(api: RunningApi, seconds: number, rate: number): Promise<HttpCommandsResult> {
  const nextUscc = usccs();
  const headers = { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' };
  const ready: { uscc: string; step: number }[] = []; // enterprises whose last step was answered
  const latencies: number[] = [];
  let non2xx = 0;
  const inFlight = new Set<Promise<void>>();
  const send = async (next: { uscc: string; step: number }): Promise<void> => {
    const { path, body } = COMMAND_STEPS[next.step]!(next.uscc);
    const sent = performance.now();
    const answer = await fetch(`${api.base}${path}`, { method: 'POST', headers, body }).catch(() => null);
    await answer?.arrayBuffer();
    latencies.push(performance.now() - sent);
    if (!answer || answer.status >= 300) non2xx += 1;
    else if (next.step + 1 < COMMAND_STEPS.length) ready.push({ uscc: next.uscc, step: next.step + 1 });
  };
  const started = performance.now();
  for (let i = 0; i < seconds * rate; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const command = send(ready.shift() ?? { uscc: nextUscc(), step: 0 }).finally(() => inFlight.delete(command));
    inFlight.add(command);
  }
  await Promise.all(inFlight);
  return {
    commandsPerSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx,
    total: latencies.length,
  };
}

/** Where the commands are served: the api beside a worker (production), the api alone, or the bare server. */
export type Topology = 'api+worker' | 'api' | 'bare';

export interface CommandCaseResult extends HttpCommandsResult {
  /** Events the commands appended (each appends one). */
  events: number;
  /** CPU ms per command of the process that answers HTTP (the api or the bare server). */
  serverCpuMsPerCommand: number;
  /** The worker's CPU ms per appended event, until it had projected them all; null without a worker. */
  workerCpuMsPerEvent: number | null;
  /** All PostgreSQL processes' CPU ms per command, and their share of the CPU the case used (client excluded). */
  postgresCpuMsPerCommand: number;
  postgresShare: number;
  /** The load generator's CPU ms per command. */
  clientCpuMsPerCommand: number;
  /** From the load's end until every read model had caught up (0 without projections). */
  catchUpMs: number;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** A process's CPU time so far in ms (user and system, with its reaped children's), from /proc. */
export function processCpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces): state is field 3; utime..cstime are 14..17.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
  return ((utime + stime + cutime + cstime) * 1000) / CLOCK_TICKS;
}

/**
 * The CPU time of every PostgreSQL process on this machine (the postmaster counts its ended backends): the bench
 * expects a server of its own.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += processCpuMs(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Starts the built worker (projections live) on the bench database, without the report scheduler. */
export function startWorker(databaseUrl: string, execArgv: readonly string[] = []): ChildProcess {
  return spawn(process.execPath, [...execArgv, 'dist/apps/worker/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', RUN_REPORT_SCHEDULER: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Waits until every projection has caught up with the log (the admin API's lag is 0 for all). */
async function caughtUp(api: RunningApi): Promise<void> {
  for (const started = performance.now(); performance.now() - started < 300_000; await sleep(50)) {
    const answer = await fetch(`${api.base}/v1/admin/projections`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_BENCH}` },
    });
    const { items } = (await answer.json()) as { items: { lagEvents: number }[] };
    if (items.every((item) => item.lagEvents === 0)) return;
  }
  throw new Error('the projections did not catch up within five minutes');
}

/** Starts the bare server (`bare-http.ts`) on the bench database. */
async function startBare(databaseUrl: string, port = 3916): Promise<RunningApi> {
  const token = 'bench-bare-token';
  const server = spawn(process.execPath, ['dist/test/bench/bare-http.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), BARE_TOKEN: token },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const status = await fetch(`${base}/v1/enterprises`, { method: 'POST', body: '{}' }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) break;
    if (i > 100) throw new Error('the bare server did not start');
    await sleep(100);
  }
  return {
    base,
    token,
    pid: server.pid!,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}

/**
 * The command-side case in one topology: the servers started for it and warmed up for 2 s, then driven for
 * `seconds`, with each process's CPU time from the load's start until the projections have caught up.
 */
export async function benchHttpCommands(
  databaseUrl: string,
  seconds: number,
  topology: Topology,
): Promise<CommandCaseResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const api =
    topology === 'bare'
      ? await startBare(databaseUrl)
      : await startApi(databaseUrl, topology === 'api+worker' ? { RUN_PROJECTIONS: 'false' } : {});
  const worker = topology === 'api+worker' ? startWorker(databaseUrl) : null;
  try {
    await commandLoad(api, 2); // warm-up: connections open, code compiled
    if (topology !== 'bare') await caughtUp(api);
    const head = async () =>
      Number(
        (await client.query<{ p: string }>('select coalesce(max(global_position), 0) as p from events')).rows[0]!.p,
      );
    const before = {
      head: await head(),
      server: processCpuMs(api.pid),
      worker: worker ? processCpuMs(worker.pid!) : 0,
    };
    const postgresBefore = postgresCpuMs();
    const clientBefore = process.cpuUsage();
    const load = await commandLoad(api, seconds);
    const clientUsage = process.cpuUsage(clientBefore);
    const loadEnded = performance.now();
    if (topology !== 'bare') await caughtUp(api);
    const catchUpMs = topology === 'bare' ? 0 : performance.now() - loadEnded;
    const events = (await head()) - before.head;
    const server = processCpuMs(api.pid) - before.server;
    const workerMs = worker ? processCpuMs(worker.pid!) - before.worker : 0;
    const postgres = postgresCpuMs() - postgresBefore;
    const commands = load.total - load.non2xx;
    return {
      ...load,
      events,
      serverCpuMsPerCommand: round(server / commands, 3),
      workerCpuMsPerEvent: worker ? round(workerMs / events, 3) : null,
      postgresCpuMsPerCommand: round(postgres / commands, 3),
      postgresShare: round(postgres / (postgres + server + workerMs), 3),
      clientCpuMsPerCommand: round((clientUsage.user + clientUsage.system) / 1000 / commands, 3),
      catchUpMs: Math.round(catchUpMs),
    };
  } finally {
    // The next round works on the same database: this one's processes must be gone first.
    const workerExited = worker && worker.exitCode === null && new Promise((resolve) => worker.once('exit', resolve));
    worker?.kill('SIGTERM');
    await workerExited;
    await api.stop();
    await client.end();
  }
}
