import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from './measure.js';

interface Health {
  status: string;
  info?: {
    projections?: Record<string, { status: string; lagEvents: number } | string>;
    demoData?: { state: string; events: number };
  };
}

export interface DemoLoadResult {
  /** From the process's start to the demo loaded and every projection caught up (median of the rounds). */
  loadMs: number;
  /** From the process's start to its first healthy answer, with no demo (same rounds, alternated). */
  emptyStartMs: number;
  events: number;
  /** The slowest `/health` answer during the demo's loads: it answers throughout. */
  healthMaxMs: number;
  healthFailures: number;
}

/**
 * Starts the built api on a fresh embedded database (PGlite in a temporary DATA_DIR), with and without
 * DEMO_DATA, alternating, and polls `/health` every 100 ms: how long until it is up, and with the demo until
 * the history is written and every read model has caught up with it.
 */
export async function benchDemoLoad(rounds: number, port = 3931): Promise<DemoLoadResult> {
  const loads: number[] = [];
  const empty: number[] = [];
  let events = 0;
  let healthMaxMs = 0;
  let healthFailures = 0;
  for (let round = 0; round < rounds; round++) {
    for (const demo of round % 2 === 0 ? [false, true] : [true, false]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tracker-demo-bench-'));
      const env: Record<string, string | undefined> = {
        ...process.env,
        DATABASE_URL: undefined,
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO_DATA: String(demo),
        RUN_REPORT_SCHEDULER: 'false',
        LOG_LEVEL: 'error',
      };
      const started = performance.now();
      const api = spawn(process.execPath, ['dist/apps/api/main.js'], { env, stdio: 'ignore' });
      try {
        for (;;) {
          if (performance.now() - started > 120_000) throw new Error('the api did not get there in 2 minutes');
          const asked = performance.now();
          const health = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5_000) })
            .then((r) => r.json() as Promise<Health>)
            .catch(() => null);
          const answeredMs = performance.now() - asked;
          const demoData = health?.info?.demoData;
          if (demo && demoData) {
            healthMaxMs = Math.max(healthMaxMs, answeredMs);
            if (!health || health.status !== 'ok') healthFailures++;
          }
          const caughtUp = Object.values(health?.info?.projections ?? {}).every(
            (p) => typeof p === 'string' || (p.status === 'running' && p.lagEvents === 0),
          );
          if (health?.status === 'ok' && (!demo || (demoData?.state === 'loaded' && caughtUp))) {
            (demo ? loads : empty).push(performance.now() - started);
            if (demo) events = demoData!.events;
            break;
          }
          await sleep(100);
        }
      } finally {
        api.kill('SIGTERM');
        await new Promise((resolve) => api.once('exit', resolve));
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  return { loadMs: median(loads), emptyStartMs: median(empty), events, healthMaxMs, healthFailures };
}
