import { performance } from 'node:perf_hooks';

export interface Measurement {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  latenciesMs: number[];
}

/** Runs `concurrency` workers for `durationMs`; each call of `operation` returns how many events it handled. */
export async function runFor(
  durationMs: number,
  concurrency: number,
  operation: (worker: number, iteration: number) => Promise<number>,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let events = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let iteration = 0; performance.now() < deadline; iteration++) {
        const t0 = performance.now();
        const handled = await operation(worker, iteration); // not `events += await …`: that loses updates
        latenciesMs.push(performance.now() - t0);
        events += handled;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds, latenciesMs };
}

/** Runs `operation` once and times it. */
export async function timeOnce(operation: () => Promise<number>): Promise<Measurement> {
  const started = performance.now();
  const events = await operation();
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, eventsPerSecond: events / seconds, latenciesMs: [seconds * 1000] };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
