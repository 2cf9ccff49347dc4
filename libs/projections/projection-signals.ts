import { EventEmitter } from 'node:events';

/**
 * Wakes the engine's waits early: an append notification or an admin action (`nudge`), or the end of a run's
 * rebuilds (`ring`, for the followers that wait for the next events meanwhile).
 */
export class WakeSignal {
  private readonly emitter = new EventEmitter();
  /** A nudge came since the loop last slept: its next sleep is skipped. */
  private woken = false;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Wakes every wait now and the loop's next sleep. */
  nudge(): void {
    this.woken = true;
    this.ring();
  }

  /** Wakes every wait now. */
  ring(): void {
    this.emitter.emit('nudged');
  }

  /** Resolves on the next nudge or ring, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('nudged', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.on('nudged', done);
    });
  }

  /** The loop's pause between runs: none when nudged since the last. */
  async sleep(ms: number): Promise<void> {
    if (!this.woken && ms > 0) await this.wait(ms);
    this.woken = false;
  }
}

/** Tells listeners in this process that a projection's position moved. */
export class AdvanceSignal {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit(name: string): void {
    this.emitter.emit('advanced', name);
  }

  /** Calls the listener on every move; returns what stops it. */
  on(listener: (name: string) => void): () => void {
    this.emitter.on('advanced', listener);
    return () => this.emitter.off('advanced', listener);
  }
}
