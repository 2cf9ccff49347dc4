import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '#libs/event-store';
import type { ProjectionLogger } from './projection-engine.js';
import type { WakeSignal } from './projection-signals.js';

/** What the live run does in each round. */
export interface LiveRunWork {
  /** Tries to take the leases no process holds. */
  takeLeases(): Promise<void>;
  /** A run of the projections this process holds; true if any did work. */
  run(): Promise<boolean>;
}

/**
 * The engine's life in the background: runs while there is work (letting events gather a moment between runs),
 * sleeps until the log is appended to (or a poll interval passes), looks at the leases now and then, and backs
 * off after a failure.
 */
export class LiveRun {
  private running = false;
  private halted = false;
  private loop: Promise<void> | undefined;
  /** Ends a gathering pause when the loop stops. */
  private stopping = new AbortController();
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly eventStore: EventStore,
    private readonly wake: WakeSignal,
    private readonly work: LiveRunWork,
    private readonly intervals: { pollIntervalMs: number; leaseIntervalMs: number; gatherMs: number },
    private readonly logger: ProjectionLogger,
  ) {}

  /** Set by `stop`, until the next `start`. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Prepares, then runs in the background (once: a running loop is left as it is). */
  async start(prepare: () => Promise<void>): Promise<void> {
    if (this.running) return;
    await prepare();
    this.running = true;
    this.halted = false;
    this.stopping = new AbortController();
    this.unsubscribe = await this.eventStore.onAppended(() => this.wake.nudge());
    this.loop = this.run();
  }

  /** Ends the loop (if started) once its run is over. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.running) {
      this.running = false;
      this.stopping.abort();
      this.wake.nudge();
      await this.loop;
      await this.unsubscribe?.();
    }
  }

  private async run(): Promise<void> {
    let nextLeases = 0;
    let failures = 0;
    while (this.running) {
      try {
        if (Date.now() >= nextLeases) {
          await this.work.takeLeases();
          nextLeases = Date.now() + this.intervals.leaseIntervalMs;
        }
        const worked = await this.work.run();
        failures = 0;
        if (!worked) await this.wake.sleep(Math.min(this.intervals.pollIntervalMs, nextLeases - Date.now()));
        else if (this.intervals.gatherMs > 0 && this.running) await this.gather();
      } catch (error) {
        failures += 1;
        this.logger.warn(`Projection loop: ${(error as Error).message}; trying again`);
        await this.wake.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Lets events gather for the next batch (appends do not end it, as they end a sleep); a stop does. */
  private async gather(): Promise<void> {
    await sleep(this.intervals.gatherMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
