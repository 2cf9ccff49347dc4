/**
 * The `rebuild_all_1m` case in a process of its own (so its peak RSS is the rebuild's): rebuilds every read
 * model from the whole log and prints `{events, seconds, peak_rss_mb}`. `REBUILD_ONLY=audit,progress` rebuilds
 * only those, and `REBUILD_LOG=1` prints the engine's messages to stderr with the seconds since the start (to see
 * which read model a rebuild waits for).
 */
import { performance } from 'node:perf_hooks';
import { boundHeapGrowth, loadConfig } from '#libs/config';
import { openDatabase } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionAdmin, ProjectionEngine } from '#libs/projections';

let started = performance.now();

async function main(): Promise<void> {
  boundHeapGrowth(); // as the worker does
  // The worker's configuration (its pool: the indexes of the copies are built side by side on it).
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    poolSize: config.poolSize,
    applicationName: 'bench-rebuild',
  });
  const store = new EventStore(database);
  const only = process.env['REBUILD_ONLY']?.split(',');
  const projections = READ_MODEL_PROJECTIONS.filter((projection) => !only || only.includes(projection.name));
  const since = (message: unknown) =>
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s ${JSON.stringify(message)}\n`);
  const engine = new ProjectionEngine(database, store, projections, {
    rebuildBatchSize: config.projectionRebuildBatchSize,
    ...(process.env['REBUILD_LOG'] === '1' ? { logger: { log: since, warn: since, error: since } } : {}),
  });
  const admin = new ProjectionAdmin(database, store, engine);
  const [count] = await database.db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  await engine.prepare();
  started = performance.now();
  for (const projection of projections) await admin.rebuild(projection.name);
  await engine.drain(600_000);
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  await database.close();
  process.stdout.write(
    `${JSON.stringify({ events: Number(count?.n), seconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
