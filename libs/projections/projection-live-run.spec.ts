import { describe, expect, it } from '@jest/globals';
import { setImmediate as tick } from 'node:timers/promises';
import type { EventStore } from '#libs/event-store';
import { LiveRun } from './projection-live-run.js';
import { WakeSignal } from './projection-signals.js';

/** A live run whose every run finds events, with the log's append notifications under the test's hand. */
function liveRun(gatherMs: number) {
  const wake = new WakeSignal();
  let runs = 0;
  const store = { onAppended: () => Promise.resolve(() => Promise.resolve()) } as unknown as EventStore;
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
  const run = new LiveRun(
    store,
    wake,
    {
      takeLeases: () => Promise.resolve(),
      run: async () => {
        await tick(); // a run reads the database: it lets the event loop turn
        runs += 1;
        return true;
      },
    },
    { pollIntervalMs: 60_000, leaseIntervalMs: 60_000, gatherMs },
    quiet,
  );
  return { run, wake, runs: () => runs };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await tick();
};

describe('LiveRun', () => {
  it('given a run that found events, when appends arrive, then the next run waits for the gathering pause', async () => {
    const { run, wake, runs } = liveRun(60_000);
    await run.start(() => Promise.resolve());
    await settle();
    wake.nudge(); // appends arrive meanwhile: they do not end the pause
    await settle();

    expect(runs()).toBe(1);
    await run.stop(); // nor does the stop wait for it
    expect(run.stopped).toBe(true);
  });

  it('given no gathering pause, when a run found events, then the next one follows at once', async () => {
    const { run, runs } = liveRun(0);
    await run.start(() => Promise.resolve());
    await settle();

    expect(runs()).toBeGreaterThan(1);
    await run.stop();
  });
});
