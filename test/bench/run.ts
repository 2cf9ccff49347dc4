import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, migrateToLatest } from '#libs/database';
import { EventStore, type EventMetadata, LOG_START, type NewEvent } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import pg from 'pg';
import { type Measurement, median, percentile, round, runFor, timeOnce } from './measure.js';
import { benchHttpCommands, type CommandCaseResult, type Topology } from './http-commands.js';
import { buildProvinceLog } from './province-log.js';
import {
  benchAudit,
  benchProjectionLag,
  benchQueries,
  benchRebuild,
  LAG_COMMAND_RATE,
  type LagResult,
  type QueryResult,
  rawRebuild,
  RebuildOutputFloor,
} from './read-side.js';
import { benchFenceCost, foreignTransaction, rebuildOf } from './fence.js';
import { RawBaselineRepository } from './raw-baseline.repository.js';
import { benchMonthlyReport, settleLogInThePast } from './reports.js';
import { benchDemoLoad } from './demo-load.js';
import { benchRosterImport } from './roster-import.js';
import { benchReplicaQueries, COMMAND_RATE, QUERY_RATE } from './replica.js';

/**
 * `npm run bench [-- --json] [-- --cases a,b] [-- --seconds N]`: speed of the event store against a raw `pg`
 * baseline measured in the same run, as JSON lines. Needs a PostgreSQL server: DATABASE_URL, or the local
 * default; it works in a fresh database of its own and drops it afterwards.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const selected = option('cases')?.split(',');
const secondsPerRound = Number(option('seconds') ?? 3);
const ROUNDS = 3;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const data = {
  indicatorCode: 'F4',
  points: 7.7,
  selectedOptions: ['plan', 'production', 'quality', 'equipment', 'energy', 'warehouse', 'procurement'],
  evidenceIds: ['sha256:7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb0a9c5f1c2d3e4f'],
  note: '生产、质量、设备环节已实现数据自动采集',
};
const metadata: EventMetadata = {
  actor: { userId: 'key-bench', role: 'assessor', orgId: 'provider-1' },
  source: 'api',
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
};
const dataJson = JSON.stringify(data);
const metadataJson = JSON.stringify(metadata);
const event = (): NewEvent => ({ type: 'IndicatorScored', data });

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A paced latency case: ours against the raw baseline at the same rate (ratio: raw p99 over ours). */
function emitLatency(caseName: string, rate: number, result: QueryResult, targetP99Ms: number): void {
  emit({
    case: caseName,
    rate_per_s: rate,
    requests: result.requests,
    p50_ms: result.p50,
    p99_ms: result.p99,
    raw_p50_ms: result.rawP50,
    raw_p99_ms: result.rawP99,
    ratio_to_raw: round(result.rawP99 / Math.max(result.p99, 0.01)),
    non_2xx: result.non2xx,
    target_p99_ms: targetP99Ms,
    meets_target: result.p99 <= targetP99Ms && result.non2xx === 0,
  });
}

const wanted = (name: string) => !selected || selected.includes(name);

/** Alternates raw and store rounds (so drift in machine load hits both) and compares the medians. */
async function compare(
  name: string,
  target: { ratio?: number; eventsPerSecond?: number },
  raw: (round: number) => Promise<Measurement>,
  store: (round: number) => Promise<Measurement>,
  { perOperationLatency = true } = {},
): Promise<void> {
  const rawRuns: Measurement[] = [];
  const storeRuns: Measurement[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      rawRuns.push(await raw(r));
      storeRuns.push(await store(r));
    } else {
      storeRuns.push(await store(r));
      rawRuns.push(await raw(r));
    }
  }
  const eventsPerSecond = median(storeRuns.map((m) => m.eventsPerSecond));
  const rawEventsPerSecond = median(rawRuns.map((m) => m.eventsPerSecond));
  const latencies = storeRuns.flatMap((m) => m.latenciesMs);
  const ratio = eventsPerSecond / rawEventsPerSecond;
  emit({
    case: name,
    events_per_s: Math.round(eventsPerSecond),
    raw_events_per_s: Math.round(rawEventsPerSecond),
    ratio_to_raw: round(ratio),
    ...(perOperationLatency
      ? { p50_ms: round(percentile(latencies, 50)), p99_ms: round(percentile(latencies, 99)) }
      : { total_ms: round(median(latencies)), events: storeRuns[0]!.events }),
    rounds: ROUNDS,
    ...(target.ratio !== undefined ? { target_ratio: target.ratio, meets_target: ratio >= target.ratio } : {}),
    ...(target.eventsPerSecond !== undefined
      ? { target_events_per_s: target.eventsPerSecond, meets_target: eventsPerSecond >= target.eventsPerSecond }
      : {}),
  });
}

async function main(): Promise<void> {
  if (wanted('demo_load_pglite')) {
    // The embedded default: no server involved.
    const demo = await benchDemoLoad(ROUNDS);
    emit({
      case: 'demo_load_pglite',
      p50_ms: Math.round(demo.loadMs),
      empty_start_ms: Math.round(demo.emptyStartMs),
      ratio_to_empty_start: round(demo.loadMs / demo.emptyStartMs),
      events: demo.events,
      health_max_ms: Math.round(demo.healthMaxMs),
      health_failures: demo.healthFailures,
      rounds: ROUNDS,
      target_ms: 20_000,
      meets_target: demo.loadMs <= 20_000 && demo.healthFailures === 0,
    });
    if (selected?.length === 1) return;
  }
  if (REPLICA_CASES.some(wanted)) {
    // On a private primary and its streaming replica: the shared server is not involved.
    await replicaQueryCases(Math.max(5, secondsPerRound * 2));
    if (selected?.every((name) => REPLICA_CASES.includes(name) || name === 'demo_load_pglite')) return;
  }
  const name = `tracker_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 40, applicationName: 'tracker-bench' });
  const rawPool = new pg.Pool({ connectionString: url.toString(), max: 40 });
  rawPool.on('error', () => undefined); // the final DROP DATABASE ... WITH (FORCE) ends idle clients
  try {
    await migrateToLatest(database.db);
    const store = new EventStore(database);
    const raw = new RawBaselineRepository(rawPool);
    await raw.createTables();
    const ms = secondsPerRound * 1000;

    for (const concurrency of [1, 8, 32]) {
      const caseName = `append_1_c${concurrency}`;
      if (!wanted(caseName)) continue;
      await compare(
        caseName,
        concurrency === 8 ? { ratio: 0.8 } : {},
        (r) =>
          runFor(ms, concurrency, (w, i) =>
            raw.insertOne(`raw-${caseName}-${r}-${w}`, i + 1, dataJson, metadataJson).then(() => 1),
          ),
        (r) =>
          runFor(ms, concurrency, async (w, i) => {
            await store.append(`${caseName}-${r}-${w}`, 'Bench', [event()], {
              expectedVersion: i === 0 ? 'no_stream' : i,
              metadata,
            });
            return 1;
          }),
      );
    }

    if (wanted('append_100_c1')) {
      const batch = Array.from({ length: 100 }, event);
      await compare(
        'append_100_c1',
        { ratio: 0.7 },
        (r) =>
          runFor(ms, 1, (_, i) =>
            raw.insertMany(`raw-append_100-${r}`, i * 100, 100, dataJson, metadataJson).then(() => 100),
          ),
        (r) =>
          runFor(ms, 1, async (_, i) => {
            await store.append(`append_100-${r}`, 'Bench', batch, {
              expectedVersion: i === 0 ? 'no_stream' : i * 100,
              metadata,
            });
            return 100;
          }),
      );
    }

    if (wanted('read_stream_1000') || wanted('read_all_catchup')) {
      // The read cases need a log of at least 100k events and one stream of exactly 1000.
      const batch = Array.from({ length: 100 }, event);
      for (let i = 0; i < 10; i++) {
        await store.append('read-1000', 'Bench', batch, { expectedVersion: i === 0 ? 'no_stream' : i * 100, metadata });
      }
      const { rows } = await rawPool.query<{ count: string }>('select count(*) from events');
      let missing = Math.max(0, 100_000 - Number(rows[0]!.count));
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (let i = 0; missing > 0; i++) {
            missing -= 100;
            await store.append(`fill-${w}`, 'Bench', batch, {
              expectedVersion: i === 0 ? 'no_stream' : i * 100,
              metadata,
            });
          }
        }),
      );
      await raw.copyEventsForReading();
    }

    if (wanted('read_stream_1000')) {
      await compare(
        'read_stream_1000',
        {},
        () => runFor(ms, 1, () => raw.readStream('read-1000')),
        () => runFor(ms, 1, async () => (await store.readStream('read-1000')).length),
      );
    }

    if (wanted('read_all_catchup')) {
      await compare(
        'read_all_catchup',
        { eventsPerSecond: 50_000 },
        () =>
          timeOnce(async () => {
            let total = 0;
            for (let position = 0; ;) {
              const { count, last } = await raw.readAfter(position, 1000);
              if (count === 0) return total;
              total += count;
              position = Number(last);
            }
          }),
        () =>
          timeOnce(async () => {
            let total = 0;
            for (let position = LOG_START; ;) {
              const events = await store.readAll({ after: position, limit: 1000 });
              if (events.length === 0) return total;
              total += events.length;
              position = events[events.length - 1]!.position;
            }
          }),
        { perOperationLatency: false },
      );
    }
    if (['http_command_c32', 'bare_http_c32'].some(wanted)) {
      // Three topologies, alternating round by round; each figure is the median of its rounds. Against the
      // bare server (the ceiling for our code plus a stream read) and the raw single-insert rate at 8 writers.
      const raw8 = await runFor(ms, 8, (w, i) =>
        raw.insertOne(`raw-http-${w}`, i + 1, dataJson, metadataJson).then(() => 1),
      );
      const topologies = ['bare', 'api+worker', 'api'] as const;
      const rounds = new Map<Topology, CommandCaseResult[]>(topologies.map((t) => [t, []]));
      for (let r = 0; r < HTTP_ROUNDS; r++) {
        for (const topology of topologies) {
          rounds
            .get(topology)!
            .push(await benchHttpCommands(url.toString(), Math.max(5, secondsPerRound * 2), topology));
        }
      }
      const of = (topology: Topology) => medianOfRounds(rounds.get(topology)!);
      const bare = of('bare');
      const cpu = (result: CommandCaseResult) => ({
        server_cpu_ms_per_command: result.serverCpuMsPerCommand,
        ...(result.workerCpuMsPerEvent === null ? {} : { worker_cpu_ms_per_event: result.workerCpuMsPerEvent }),
        postgres_cpu_ms_per_command: result.postgresCpuMsPerCommand,
        postgres_cpu_share: result.postgresShare,
        client_cpu_ms_per_command: result.clientCpuMsPerCommand,
      });
      emit({
        case: 'bare_http_c32',
        commands_per_s: Math.round(bare.commandsPerSecond),
        p50_ms: bare.p50,
        p99_ms: bare.p99,
        non_2xx: bare.non2xx,
        raw_events_per_s: Math.round(raw8.eventsPerSecond),
        ratio_to_raw: round(bare.commandsPerSecond / raw8.eventsPerSecond),
        ...cpu(bare),
        rounds: HTTP_ROUNDS,
      });
      for (const [name, topology] of [
        ['http_command_c32', 'api+worker'],
        ['http_command_c32_one_process', 'api'],
      ] as const) {
        const http = of(topology);
        const ratioToBare = http.commandsPerSecond / bare.commandsPerSecond;
        emit({
          case: name,
          topology,
          commands_per_s: Math.round(http.commandsPerSecond),
          events_per_s: Math.round(http.commandsPerSecond),
          ratio_to_bare_http: round(ratioToBare),
          ratio_to_raw: round(http.commandsPerSecond / raw8.eventsPerSecond),
          p50_ms: http.p50,
          p99_ms: http.p99,
          non_2xx: http.non2xx,
          ...cpu(http),
          catch_up_ms: http.catchUpMs,
          rounds: HTTP_ROUNDS,
          ...(topology === 'api+worker'
            ? {
                target_ratio_to_bare_http: 1.0,
                target_p99_ms: 50,
                meets_target: ratioToBare >= 1.0 && http.p99 <= 50 && http.non2xx === 0,
              }
            : {}),
        });
      }
    }
    if (wanted('import_roster_5000')) {
      // Against the same registrations sent one by one as JSON to the same api (8 connections), in this run.
      const roster = await benchRosterImport(url.toString());
      emit({
        case: 'import_roster_5000',
        rows: roster.rows,
        total_ms: Math.round(roster.importMs),
        registered: roster.registered,
        refused: roster.refused,
        api_writes_ms: Math.round(roster.apiWritesMs),
        api_writes_failed: roster.apiWritesFailed,
        ratio_to_api_writes: round(roster.apiWritesMs / roster.importMs),
        target_ms: 60_000,
        meets_target: roster.importMs <= 60_000 && roster.registered === roster.rows && roster.refused === 0,
      });
    }
    if (
      [
        'rebuild_all_1m',
        'query_progress_p99',
        'query_enterprise_p99',
        'projection_lag_under_load',
        'projection_lag_foreign_tx',
        'projection_lag_during_rebuild',
        'log_fence_cost',
        'history_500_p99',
        'audit_filtered_p99',
        'report_monthly_province',
      ].some(wanted)
    ) {
      await readSideCases(admin, `${name}_rs`);
    }
    emit({ case: 'bench_process', peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) });
  } finally {
    await rawPool.end();
    await database.close();
    if (!args.includes('--keep'))
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await admin.end();
  }
}

/** Rounds of each HTTP command topology, alternated. */
const HTTP_ROUNDS = 3;

/**
 * Each figure of a case's rounds as its median (the figures of one result may come from different rounds),
 * except the failed requests, which are counted over all rounds: one bad round must show.
 */
function medianOfRounds<T extends { non2xx: number }>(results: readonly T[]): T {
  const first = results[0]!;
  const figures = Object.entries(first).map(([key, value]) => {
    const each = results.map((result) => (result as Record<string, unknown>)[key] as number);
    if (key === 'non2xx') return [key, each.reduce((sum, n) => sum + n, 0)];
    return [key, typeof value === 'number' ? median(each) : value];
  });
  return Object.fromEntries(figures) as T;
}

/**
 * Rounds of the 1M rebuild (one to two minutes each). In all eight runs on a freshly written log that recorded
 * their rounds, the first was the slowest; the median of three is neither it nor the luckiest.
 */
const REBUILD_ROUNDS = 3;

/** The read side's cases, on a province-sized log of realistic events in a database of their own. */
async function readSideCases(admin: pg.Client, fresh: string): Promise<void> {
  // `--read-side-db NAME` reuses a database that holds the province log already (and keeps it).
  const reused = option('read-side-db');
  const name = reused ?? fresh;
  if (!reused) await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 16, applicationName: 'tracker-bench' });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 16 });
  pool.on('error', () => undefined);
  try {
    await migrateToLatest(database.db);
    const log = reused
      ? {
          events: Number((await pool.query<{ n: string }>('select count(*) as n from events')).rows[0]?.n),
          enterprises: 0,
        }
      : await buildProvinceLog(database, url.toString());
    await settleLogInThePast(pool);
    // A settled database, as in service: otherwise autovacuum's first pass over the new log runs during the cases.
    await pool.query('vacuum analyze');
    process.stderr.write(`province log: ${log.events} events, ${log.enterprises} enterprises\n`);
    if (wanted('rebuild_all_1m')) {
      const rebuilds = [];
      const raws = [];
      const floors = [];
      const floor = new RebuildOutputFloor(
        pool,
        database.db,
        READ_MODEL_PROJECTIONS.flatMap((projection) => projection.tables),
      );
      try {
        for (let r = 0; r < REBUILD_ROUNDS; r++) {
          raws.push(await rawRebuild(pool));
          rebuilds.push(benchRebuild(url.toString()));
          floors.push(await floor.measure()); // the rows of the rebuild just made
        }
      } finally {
        await floor.close();
      }
      const perSecond = rebuilds.map((m) => m.events / m.seconds);
      // The median round (an odd number of them), and its own time: both figures from one round.
      const middle = [...rebuilds].sort((a, b) => a.events / a.seconds - b.events / b.seconds)[REBUILD_ROUNDS >> 1]!;
      const eventsPerSecond = middle.events / middle.seconds;
      const rawEventsPerSecond = median(raws.map((m) => m.events / m.seconds));
      const floorSeconds = median(floors.map((m) => m.seconds));
      const peakRssMb = Math.max(...rebuilds.map((m) => m.peakRssMb));
      emit({
        case: 'rebuild_all_1m',
        events: rebuilds[0]!.events,
        events_per_s: Math.round(eventsPerSecond),
        raw_events_per_s: Math.round(rawEventsPerSecond),
        ratio_to_raw: round(eventsPerSecond / rawEventsPerSecond),
        seconds: round(middle.seconds),
        output_floor_s: round(floorSeconds),
        output_floor_copy_s: round(median(floors.map((m) => m.copySeconds))),
        rounds_output_floor_s: floors.map((m) => round(m.seconds)),
        output_floor_events_per_s: Math.round(middle.events / floorSeconds),
        ratio_to_output_floor: round(floorSeconds / middle.seconds),
        rounds_events_per_s: perSecond.map((value) => Math.round(value)),
        rounds_peak_rss_mb: rebuilds.map((m) => m.peakRssMb),
        peak_rss_mb: peakRssMb,
        rounds: REBUILD_ROUNDS,
        target_events_per_s: 60_000,
        target_peak_rss_mb: 512,
        meets_target: eventsPerSecond >= 60_000 && peakRssMb <= 512,
      });
    } else {
      benchRebuild(url.toString()); // the query cases need the read models
    }
    // The rebuilt tables are new: settle them too, or autovacuum's first pass over them runs during the cases.
    await pool.query('vacuum analyze');
    // Each round wrote the read models afresh (about 0.9 GB of tables on the province log) and their WAL: a
    // checkpoint now flushes them, where otherwise it would write them out during the next cases, which
    // measure steady service, not the aftermath of a rebuild.
    await pool.query('checkpoint');
    if (wanted('report_monthly_province')) {
      const report = await benchMonthlyReport(database, pool);
      const ours = median(report.ms);
      const raw = median(report.rawMs);
      emit({
        case: 'report_monthly_province',
        period: report.period,
        above_size_firms: report.aboveSizeFirms,
        sections: report.sections,
        html_kb: Math.round(report.htmlBytes / 1024),
        pdf_kb: Math.round(report.pdfBytes / 1024),
        p50_ms: round(ours),
        p99_ms: round(Math.max(...report.ms)),
        raw_p50_ms: round(raw),
        ratio_to_raw: round(raw / ours),
        rounds: report.ms.length,
        target_ms: 5000,
        meets_target: Math.max(...report.ms) <= 5000,
      });
    }
    if (wanted('query_progress_p99') || wanted('query_enterprise_p99')) {
      const queries = await benchQueries(url.toString(), pool, Math.max(5, secondsPerRound * 2));
      for (const [caseName, result] of [
        ['query_progress_p99', queries.progress],
        ['query_enterprise_p99', queries.enterprise],
      ] as const) {
        if (!wanted(caseName)) continue;
        emitLatency(caseName, 200, result, 20);
      }
    }
    if (wanted('history_500_p99') || wanted('audit_filtered_p99')) {
      const audit = await benchAudit(url.toString(), pool, Math.max(5, secondsPerRound * 2));
      for (const [caseName, result, target] of [
        ['history_500_p99', audit.history, 20],
        ['audit_filtered_p99', audit.audit, 50],
      ] as const) {
        if (!wanted(caseName)) continue;
        emitLatency(caseName, 100, result, target);
      }
    }
    if (wanted('log_fence_cost')) {
      const cost = await benchFenceCost(database, pool);
      emit({
        case: 'log_fence_cost',
        reads: cost.reads,
        p50_ms: cost.p50,
        p99_ms: cost.p99,
        xmin_fence_p50_ms: cost.baselineP50,
        xmin_fence_p99_ms: cost.baselineP99,
        ratio_to_xmin_fence: round(cost.baselineP50 / Math.max(cost.p50, 0.001)),
        fence_cost_ms: round(cost.p50 - cost.baselineP50),
      });
    }
    const lagSeconds = Math.max(8, secondsPerRound * 3);
    if (wanted('projection_lag_under_load')) {
      emitLag('projection_lag_under_load', await benchProjectionLag(url.toString(), pool, lagSeconds));
    }
    if (wanted('projection_lag_foreign_tx')) {
      const lag = await benchProjectionLag(
        url.toString(),
        pool,
        lagSeconds,
        foreignTransaction(admin, `${name}_foreign`),
      );
      emitLag('projection_lag_foreign_tx', lag);
    }
    // Last: the rebuild it starts would go on in the next case's worker.
    if (wanted('projection_lag_during_rebuild')) {
      const lag = await benchProjectionLag(url.toString(), pool, lagSeconds, rebuildOf('audit', pool));
      emitLag('projection_lag_during_rebuild', lag);
    }
  } finally {
    await pool.end();
    await database.close();
    if (!args.includes('--keep') && !reused) {
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    }
  }
}

const REPLICA_CASES = ['query_progress_p99_replica', 'query_enterprise_p99_replica'];

/**
 * The query cases with the api reading from a streaming replica, beside the same routes read from the primary in
 * the same run, both under registrations at 25/s.
 */
async function replicaQueryCases(seconds: number): Promise<void> {
  const result = await benchReplicaQueries(seconds);
  if (!result) {
    for (const caseName of REPLICA_CASES.filter(wanted)) {
      emit({ case: caseName, skipped: 'no PostgreSQL binaries under /usr/lib/postgresql to make a replica with' });
    }
    return;
  }
  for (const [caseName, route] of [
    ['query_progress_p99_replica', result.routes.progress],
    ['query_enterprise_p99_replica', result.routes.enterprise],
  ] as const) {
    if (!wanted(caseName)) continue;
    const { replica: onReplica, primary: onPrimary } = route;
    emit({
      case: caseName,
      rate_per_s: QUERY_RATE,
      log_events: result.events,
      requests: onReplica.requests,
      p50_ms: onReplica.p50,
      p99_ms: onReplica.p99,
      primary_p50_ms: onPrimary.p50,
      primary_p99_ms: onPrimary.p99,
      ratio_to_primary: round(onPrimary.p99 / Math.max(onReplica.p99, 0.01)),
      primary_read_share: onReplica.primaryReadShare,
      primary_pg_cpu_ms_per_s: onReplica.primaryCpuMsPerS,
      primary_pg_cpu_ms_per_s_reading_primary: onPrimary.primaryCpuMsPerS,
      replica_pg_cpu_ms_per_s: onReplica.replicaCpuMsPerS,
      api_cpu_ms_per_s: onReplica.apiCpuMsPerS,
      client_cpu_ms_per_s: onReplica.clientCpuMsPerS,
      commands_per_s: COMMAND_RATE,
      non_2xx: onReplica.non2xx + onPrimary.non2xx,
      commands_non_2xx: result.commandsNon2xx,
      target_p99_ms: 20,
      meets_target: onReplica.p99 <= 20 && onReplica.non2xx === 0 && onReplica.primaryReadShare <= 0.01,
    });
  }
}

function emitLag(caseName: string, lag: LagResult): void {
  emit({
    case: caseName,
    samples: lag.samples,
    p50_ms: lag.p50,
    p99_ms: lag.p99,
    from_send_p50_ms: lag.fromSendP50,
    from_send_p99_ms: lag.fromSendP99,
    raw_p50_ms: lag.rawP50,
    raw_p99_ms: lag.rawP99,
    ratio_to_raw: round(lag.rawP99 / Math.max(lag.p99, 0.01)),
    load_commands_per_s: Math.round(lag.load.commandsPerSecond),
    sampler_commands_per_s: lag.samplerCommandsPerSecond,
    load_rate_commands_per_s: LAG_COMMAND_RATE,
    load_non_2xx: lag.load.non2xx,
    target_p99_ms: 100,
    meets_target: lag.p99 <= 100,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
