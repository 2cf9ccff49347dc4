import type { MemoryStreamStore } from './memory-stream-store.js';
import type { Random } from './demo-plan.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Office hours in Beijing (UTC+8), 09:00–17:00, as UTC hours after midnight. */
const OFFICE_START_UTC = 1 * HOUR;
const OFFICE_LENGTH = 8 * HOUR;

interface Step {
  at: number;
  order: number;
  run: () => Promise<unknown>;
}

/**
 * The demo's history as steps in time: each object's steps form a chain that moves forward from a day of the
 * history, and the timeline runs every step in time order, with the store's clock at the step's moment.
 */
export class DemoTimeline {
  private readonly steps: Step[] = [];
  /** Midnight (UTC) of the history's first day. */
  private readonly firstDay: number;

  /** `lastDay`: no step falls after it (a chain that would reach further stops at its last step before). */
  constructor(
    start: number,
    private readonly lastDay: number,
    private readonly rng: Random,
  ) {
    this.firstDay = Math.floor(start / DAY) * DAY;
  }

  /** The ISO date `day` days into the history. */
  date(day: number): string {
    return new Date(this.firstDay + day * DAY).toISOString().slice(0, 10);
  }

  /** A chain of one object's steps from `day` days into the history. */
  chain(day: number): DemoChain {
    let last = 0;
    let ended = false;
    return {
      day,
      step: (offset, run) => {
        // Past the history's end the object stays at the stage it reached: later steps need the earlier ones.
        ended ||= day + offset > this.lastDay;
        if (ended) return;
        const office = this.firstDay + (day + offset) * DAY + OFFICE_START_UTC + this.rng.next() * OFFICE_LENGTH;
        const at = Math.max(office, last + 60_000 + Math.floor(this.rng.next() * 20 * 60_000));
        last = at;
        this.steps.push({ at, order: this.steps.length, run });
      },
    };
  }

  /** Runs every step in time order (in planning order at the same moment), the store's clock at each. */
  async run(store: MemoryStreamStore, onProgress: (done: number, total: number) => void): Promise<void> {
    const steps = [...this.steps].sort((a, b) => a.at - b.at || a.order - b.order);
    for (const [i, step] of steps.entries()) {
      store.now = new Date(step.at);
      await step.run();
      if (i % 500 === 499 || i === steps.length - 1) onProgress(i + 1, steps.length);
    }
  }
}

export interface DemoChain {
  /** The chain's first day in the history. */
  day: number;
  /** A step `offset` days after the chain's day, in office hours, and after the chain's step before it. */
  step(offset: number, run: () => Promise<unknown>): void;
}
