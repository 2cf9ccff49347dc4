import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '#libs/database';
import { EventStore, LOG_START, type LogPosition } from '#libs/event-store';
import pg from 'pg';
import { ADMIN_TOKEN_FOR_BENCH } from './http-commands.js';
import { percentile, round } from './measure.js';
import { RawBaselineRepository } from './raw-baseline.repository.js';
import type { Disturbance } from './read-side.js';

const FENCE_READS = 2000;

/**
 * `log_fence_cost`: a caught-up reader's read of the log (nothing new: the fence is all it pays for), with
 * the appenders' fence against the cluster-xmin fence it replaced, alternating, on the same log.
 */
export async function benchFenceCost(database: Database, pool: pg.Pool) {
  const store = new EventStore(database);
  let head: LogPosition = LOG_START;
  for (let batch = await store.readAll({ after: head, limit: 10_000 }); batch.length;) {
    head = batch.at(-1)!.position;
    batch = await store.readAll({ after: head, limit: 10_000 });
  }
  const baselineReader = new RawBaselineRepository(pool);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < FENCE_READS; i++) {
    let t0 = performance.now();
    await store.readAll({ after: head, limit: 100 });
    ours.push(performance.now() - t0);
    t0 = performance.now();
    await baselineReader.readLogAtClusterXmin(head, 100);
    baseline.push(performance.now() - t0);
  }
  return {
    reads: FENCE_READS,
    p50: round(percentile(ours, 50)),
    p99: round(percentile(ours, 99)),
    baselineP50: round(percentile(baseline, 50)),
    baselineP99: round(percentile(baseline, 99)),
  };
}

/** Another database on the same server holds a writing transaction open for the whole case. */
export function foreignTransaction(admin: pg.Client, name: string): Disturbance {
  return async () => {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query('begin');
    await client.query('create table held_open (x int)');
    return async () => {
      await client.query('rollback');
      await client.end();
      await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    };
  };
}

/** A rebuild of another read model from the whole log runs during the case (its batches are transactions). */
export function rebuildOf(projection: string, pool: pg.Pool): Disturbance {
  return async (api) => {
    const answer = await fetch(`${api.base}/v1/admin/projections/${projection}/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN_FOR_BENCH}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (answer.status !== 202) throw new Error(`the rebuild of ${projection} was not started: ${answer.status}`);
    // The worker takes the rebuild up on its next look: wait until it has written a first batch.
    for (let i = 0; i < 200; i++) {
      const { rows } = await pool.query<{ at: string | null }>(
        'select rebuild_global_position::text as at from projection_checkpoints where name = $1',
        [projection],
      );
      if (rows[0]?.at && rows[0].at !== '0') break;
      await sleep(50);
    }
    return () => Promise.resolve();
  };
}
