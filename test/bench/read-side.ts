import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { type DB, openDatabase } from '#libs/database';
import { ProjectionCheckpointRepository, type ReadModelTable } from '#libs/projections';
import { compareLogPositions, decodeLogPosition, EventStore, type LogPosition } from '#libs/event-store';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import {
  pacedCommandLoad,
  type HttpCommandsResult,
  orgCode,
  type RunningApi,
  startApi,
  startWorker,
} from './http-commands.js';
import { percentile, round } from './measure.js';

export interface RebuildResult {
  events: number;
  seconds: number;
  peakRssMb: number;
}

/** `rebuild_all_1m`: every read model rebuilt from the whole log, in a process of its own. */
export function benchRebuild(databaseUrl: string): RebuildResult {
  const child = spawnSync(process.execPath, ['dist/test/bench/rebuild-child.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`rebuild failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    events: number;
    seconds: number;
    peak_rss_mb: number;
  };
  return { events: result.events, seconds: result.seconds, peakRssMb: result.peak_rss_mb };
}

/**
 * The raw baseline of a rebuild: plain `pg` reads the log in batches of 5,000 and keeps one summary row per
 * stream (count and last type) with one set-based upsert and a checkpoint per batch, in a transaction.
 */
export async function rawRebuild(pool: pg.Pool): Promise<{ events: number; seconds: number }> {
  await pool.query('drop table if exists raw_stream_summary');
  await pool.query(
    'create table raw_stream_summary (stream_id text primary key, events int not null, last_type text not null)',
  );
  await pool.query('create table if not exists raw_checkpoint (name text primary key, position bigint not null)');
  await pool.query(`insert into raw_checkpoint values ('raw', 0) on conflict (name) do update set position = 0`);
  const started = performance.now();
  let total = 0;
  for (let position = 0; ;) {
    const { rows } = await pool.query<{ global_position: number; stream_id: string; type: string; data: unknown }>(
      'select global_position, stream_id, type, data, metadata from events where global_position > $1 order by global_position limit 5000',
      [position],
    );
    if (rows.length === 0) break;
    const summary = new Map<string, { events: number; last: string }>();
    for (const row of rows) {
      const found = summary.get(row.stream_id);
      summary.set(row.stream_id, { events: (found?.events ?? 0) + 1, last: row.type });
    }
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into raw_stream_summary select * from unnest($1::text[], $2::int[], $3::text[])
         on conflict (stream_id) do update
           set events = raw_stream_summary.events + excluded.events, last_type = excluded.last_type`,
        [[...summary.keys()], [...summary.values()].map((s) => s.events), [...summary.values()].map((s) => s.last)],
      );
      position = Number(rows.at(-1)!.global_position);
      await client.query(`update raw_checkpoint set position = $1 where name = 'raw'`, [position]);
      await client.query('commit');
    } finally {
      client.release();
    }
    total += rows.length;
  }
  return { events: total, seconds: (performance.now() - started) / 1000 };
}

/**
 * The floor under a rebuild's time: writing what the read models hold after it, with no log read and nothing
 * folded. Their rows, saved to files once (`save`), go into fresh copies made as a rebuild makes them (no
 * secondary indexes) by `COPY`, a connection per table side by side, committed without waiting for the WAL flush;
 * then the copies are made ready as a rebuild's are (`prepareRebuildTables`: indexes and statistics side by side).
 */
export class RebuildOutputFloor {
  private directory: string | null = null;
  private static readonly SCHEMA = 'bench_output_floor';
  private readonly rebuilds = new ProjectionCheckpointRepository();

  constructor(
    private readonly pool: pg.Pool,
    private readonly db: Kysely<DB>,
    private readonly readModels: readonly ReadModelTable[],
  ) {}

  /** One round: the seconds of the whole write, and of its `COPY` part. */
  async measure(): Promise<{ seconds: number; copySeconds: number }> {
    const directory = this.directory ?? (await this.save());
    const schema = RebuildOutputFloor.SCHEMA;
    await this.db.transaction().execute((trx) => this.rebuilds.createRebuildTables(trx, schema, this.readModels));
    try {
      return await this.writeCopies(directory);
    } finally {
      await this.pool.query(`drop schema if exists ${schema} cascade`);
      // Its gigabyte of WAL flushed now, not during the next rebuild round.
      await this.pool.query('checkpoint');
    }
  }

  private async writeCopies(directory: string) {
    const schema = RebuildOutputFloor.SCHEMA;
    const started = performance.now();
    await Promise.all(
      this.readModels.map((table) =>
        this.withClient(async (client) => {
          await client.query('begin');
          await client.query('set local synchronous_commit = off');
          await pipeline(
            createReadStream(join(directory, table)),
            client.query(copyFrom(`copy ${schema}.${table} from stdin`)),
          );
          await client.query('commit');
        }),
      ),
    );
    const copied = performance.now();
    await this.rebuilds.prepareRebuildTables(this.db, schema, this.readModels);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, copySeconds: (copied - started) / 1000 };
  }

  /** Drops the saved rows. */
  async close(): Promise<void> {
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
    this.directory = null;
  }

  private async save(): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), 'tracker-bench-floor-'));
    this.directory = directory;
    for (const table of this.readModels) {
      await this.withClient((client) =>
        pipeline(client.query(copyTo(`copy public.${table} to stdout`)), createWriteStream(join(directory, table))),
      );
    }
    return directory;
  }

  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

export interface LagResult {
  load: HttpCommandsResult;
  samples: number;
  p50: number;
  p99: number;
  /** The samplers' own registrations a second, on top of the load. */
  samplerCommandsPerSecond: number;
  /** From the command's send, not its acknowledgement. */
  fromSendP50: number;
  fromSendP99: number;
  rawP50: number;
  rawP99: number;
}

/**
 * The lag cases' command load, held at a fixed rate: the peak a provincial deployment is sized for (DOMAIN.md:
 * 50–100 events/s at round deadlines or bulk imports). A closed loop would send as many commands as the machine
 * answers, so a cheaper api would be measured under more load.
 */
export const LAG_COMMAND_RATE = 100;
/** Concurrent samplers, each writing and waiting in turn: enough samples for a p99. */
const SAMPLERS = 4;
const WARM_UP_MS = 2000;

/** Something else the database does during a lag case, started once the worker is live; returns its stop. */
export type Disturbance = (api: RunningApi) => Promise<() => Promise<void>>;

/**
 * `projection_lag_under_load`: under the command-side HTTP load, a sampler registers an enterprise every
 * 20 ms and times from the acknowledgement until the `enterprises` projection has passed its position. The
 * baseline: a raw single-row insert's round trip, sampled the same way under the same load.
 */
export async function benchProjectionLag(
  databaseUrl: string,
  pool: pg.Pool,
  seconds: number,
  disturbance?: Disturbance,
): Promise<LagResult> {
  await pool.query(
    'create table if not exists raw_lag_probe (id bigint generated always as identity primary key, note text)',
  );
  // The production topology for load: the api serves HTTP, a worker runs the projections.
  const api = await startApi(databaseUrl, { RUN_PROJECTIONS: 'false' });
  // Without the report scheduler, as the api: its catch-up of missed reports (a minute of work on the province
  // log, in the same event loop as the projections) would run during the case.
  const worker = startWorker(databaseUrl);
  // The checkpoint watcher below runs until the case ends, whichever way it ends.
  let sampling = true;
  try {
    let loading = true;
    const lags: number[] = [];
    /** From the request's send to the projection having passed it: the acknowledgement's wait and the lag. */
    const writeToRead: number[] = [];
    const raws: number[] = [];
    let serial = Math.floor(Math.random() * 1e9);
    let failures = 0;
    // One watcher reads the checkpoint every millisecond for all samplers. Each sampler polling on its own
    // kept about four connections busy with the reads: load on the two cores the measured worker needs.
    const waiting = new Set<{ target: LogPosition; resolve: () => void; since: number }>();
    const watch = async (): Promise<void> => {
      while (sampling) {
        const { rows } = await pool.query<{ transaction_id: string; global_position: number }>(
          `select transaction_id::text as transaction_id, global_position from projection_checkpoints where name = 'enterprises'`,
        );
        const at = rows[0] && {
          transactionId: rows[0].transaction_id,
          globalPosition: Number(rows[0].global_position),
        };
        for (const waiter of waiting) {
          if (at && compareLogPositions(at, waiter.target) >= 0) {
            waiting.delete(waiter);
            waiter.resolve();
          } else if (performance.now() - waiter.since > 60_000) {
            throw new Error('not projected within a minute');
          }
        }
        await sleep(1);
      }
    };
    const watching = watch();
    /** Resolves once the `enterprises` projection has passed `target`. */
    const projected = (target: LogPosition) =>
      Promise.race([
        new Promise<void>((resolve) => waiting.add({ target, resolve, since: performance.now() })),
        watching.then(() => {
          throw new Error('the checkpoint watcher ended');
        }),
      ]);
    /** Registers an enterprise and waits until the `enterprises` projection has passed it: the lag in ms. */
    const registerAndWait = async (): Promise<{ lag: number; fromSend: number } | null> => {
      const uscc = withUsccCheckCharacter(`91520115${orgCode(serial++)}`);
      const sent = performance.now();
      const answer = await fetch(`${api.base}/v1/enterprises`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          uscc,
          name: '延迟采样企业',
          industryCode: 'C39',
          districtCode: '520115',
          parkId: 'gsh-gy',
          aboveDesignatedSize: true,
        }),
      });
      const acknowledged = performance.now();
      const { position } = (await answer.json()) as { position?: string };
      if (answer.status !== 201 || !position) return null;
      await projected(decodeLogPosition(position));
      const now = performance.now();
      return { lag: now - acknowledged, fromSend: now - sent };
    };
    // The worker is live once it has projected a first registration. Its start (more than the warm-up on a
    // slow machine) once made the first sample of each sampler wait for it: 1.2–2 s, the case's p99.
    if ((await registerAndWait()) === null) throw new Error('the first registration was not acknowledged');
    const undisturb = await disturbance?.(api);
    const sample = async () => {
      await sleep(WARM_UP_MS); // the steady state: connections open, code warm, the load at its pace
      while (loading) {
        const measured = await registerAndWait();
        if (measured === null) {
          failures += 1;
          continue;
        }
        lags.push(measured.lag);
        writeToRead.push(measured.fromSend);
        const t0 = performance.now();
        await pool.query(`insert into raw_lag_probe (note) values ('probe')`);
        raws.push(performance.now() - t0);
        await sleep(20);
      }
    };
    const sampling0 = performance.now() + WARM_UP_MS;
    const samplers = Promise.all(Array.from({ length: SAMPLERS }, sample));
    let load: HttpCommandsResult;
    try {
      load = await pacedCommandLoad(api, seconds, LAG_COMMAND_RATE);
    } finally {
      loading = false; // the samplers end with the load, whichever way it ends
    }
    await samplers;
    // The samplers' registrations are commands too, on top of the paced load.
    const samplerCommandsPerSecond = (lags.length + failures) / ((performance.now() - sampling0) / 1000);
    await undisturb?.();
    sampling = false;
    await watching;
    if (failures > 0) throw new Error(`${failures} lag samples were not acknowledged`);
    return {
      load,
      samples: lags.length,
      p50: round(percentile(lags, 50)),
      p99: round(percentile(lags, 99)),
      samplerCommandsPerSecond: round(samplerCommandsPerSecond),
      fromSendP50: round(percentile(writeToRead, 50)),
      fromSendP99: round(percentile(writeToRead, 99)),
      rawP50: round(percentile(raws, 50)),
      rawP99: round(percentile(raws, 99)),
    };
  } finally {
    sampling = false;
    worker.kill('SIGTERM');
    await api.stop();
  }
}

export interface QueryResult {
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  rawP50: number;
  rawP99: number;
}

/** `query_*_p99`: 200 requests/s for `seconds` against one GET route; raw `pg` runs a keyed select at the same rate. */
export async function benchQueries(
  databaseUrl: string,
  pool: pg.Pool,
  seconds: number,
): Promise<{ progress: QueryResult; enterprise: QueryResult }> {
  const { rows } = await pool.query<{ id: string }>(`select id from rm_enterprises order by random() limit 2000`);
  const ids = rows.map((row) => row.id);
  const api = await startApi(databaseUrl, {}, 3918);
  const rate = 200;
  try {
    const drive = (path: () => string) => measureAtRate(api, pool, rate, seconds, path, ids);
    const progress = await drive(() => '/v1/progress?groupBy=park');
    const enterprise = await drive(() => `/v1/enterprises/${ids[Math.floor(Math.random() * ids.length)]!}`);
    return { progress, enterprise };
  } finally {
    await api.stop();
  }
}

/**
 * An open-loop load: request i starts at i / rate seconds whatever the earlier ones are doing (as users
 * arrive), over kept-alive connections; the raw baseline below is paced the same way.
 */
export async function httpAtRate(
  base: string,
  token: string,
  rate: number,
  seconds: number,
  path: () => string,
): Promise<{ latencies: number[]; non2xx: number }> {
  const latencies: number[] = [];
  let non2xx = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      (async () => {
        const t0 = performance.now();
        const response = await fetch(`${base}${path()}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status < 200 || response.status >= 300) non2xx += 1;
      })(),
    );
  }
  await Promise.all(inFlight);
  return { latencies, non2xx };
}

/**
 * `history_500_p99` and `audit_filtered_p99` at 100 requests/s: one project's history after 500 events
 * (`?limit=200`: every event is folded for the changes, the first 200 entries answered), and the global
 * audit filtered by event type over the whole log.
 */
export async function benchAudit(
  databaseUrl: string,
  pool: pg.Pool,
  seconds: number,
): Promise<{ history: QueryResult; audit: QueryResult }> {
  const { rows } = await pool.query<{ stream_id: string; version: number }>(
    `select stream_id, version from streams where stream_type = 'TransformationProject' order by version desc limit 1`,
  );
  const project = rows[0]!;
  const database = await openDatabase({ url: databaseUrl, poolSize: 2 });
  try {
    const store = new EventStore(database);
    const missing = 500 - project.version;
    for (let i = 0; i < missing; i += 100) {
      const month = (n: number) =>
        `20${String(20 + Math.floor(n / 12)).padStart(2, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
      await store.append(
        project.stream_id,
        'TransformationProject',
        Array.from({ length: Math.min(100, missing - i) }, (_, j) => ({
          type: 'KpiMeasured',
          data: {
            kpiCode: 'oee',
            value: 60 + ((i + j) % 20),
            unit: '%',
            source: 'system',
            periodStart: `${month(i + j)}-01`,
            periodEnd: `${month(i + j)}-28`,
          },
        })),
        {
          expectedVersion: 'any',
          metadata: {
            actor: { userId: 'bench', role: 'enterprise' },
            source: 'import:bench',
            commandId: 'b',
            correlationId: 'b',
            causationId: 'b',
          },
        },
      );
    }
  } finally {
    await database.close();
  }
  const projectId = project.stream_id.slice('project-'.length);
  const ids = (await pool.query<{ id: string }>('select id from rm_enterprises limit 500')).rows.map((r) => r.id);
  const api = await startApi(databaseUrl, {}, 3919);
  const rate = 100;
  try {
    const drive = (path: () => string) => measureAtRate(api, pool, rate, seconds, path, ids);
    const history = await drive(() => `/v1/projects/${projectId}/history?limit=200`);
    const types = ['ScoreCorrected', 'ReportIssued', 'ProjectAccepted', 'DiagnosticWithdrawn', 'MilestoneCompleted'];
    const audit = await drive(() => `/v1/audit?type=${types[Math.floor(Math.random() * types.length)]!}&limit=50`);
    return { history, audit };
  } finally {
    await api.stop();
  }
}

/**
 * One GET route at a fixed rate, and the raw keyed select at the same rate right after. The route is warmed
 * up at that rate first (plans, caches, and the connections the rate needs: opened by a cold pool during the
 * first second, those requests were once the enterprise case's p99), as the raw baseline's pool is warm.
 */
async function measureAtRate(
  api: { base: string; token: string },
  pool: pg.Pool,
  rate: number,
  seconds: number,
  path: () => string,
  ids: readonly string[],
): Promise<QueryResult> {
  await httpAtRate(api.base, api.token, rate, Math.min(seconds, 3), path);
  const result = await httpAtRate(api.base, api.token, rate, seconds, path);
  const raw = await rawAtRate(pool, rate, seconds, () => ids[Math.floor(Math.random() * ids.length)]!);
  return {
    requests: result.latencies.length,
    p50: round(percentile(result.latencies, 50)),
    p99: round(percentile(result.latencies, 99)),
    non2xx: result.non2xx,
    rawP50: round(percentile(raw, 50)),
    rawP99: round(percentile(raw, 99)),
  };
}

async function rawAtRate(pool: pg.Pool, rate: number, seconds: number, id: () => string): Promise<number[]> {
  const latencies: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      (async () => {
        const t0 = performance.now();
        await pool.query('select * from rm_enterprises where id = $1', [id()]);
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(inFlight);
  return latencies;
}
