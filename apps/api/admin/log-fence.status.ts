import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '#libs/event-store';

export const APPENDER_STALL_WARN_MS = Symbol('APPENDER_STALL_WARN_MS');

/** An event-writing transaction that has held every reader of the log back for longer than the warning time. */
export interface LogStall {
  pid: number;
  since: Date;
  ageMs: number;
}

/**
 * Whether the log's readers wait behind an event-writing transaction that runs too long: projections and
 * reads with X-Min-Position cannot pass it until it ends, so /health and the admin API name it.
 */
@Injectable()
export class LogFenceStatus {
  constructor(
    private readonly store: EventStore,
    @Inject(APPENDER_STALL_WARN_MS) private readonly warnAfterMs: number,
  ) {}

  private last: { at: number; stall: Promise<LogStall | null> } | null = null;

  /** Read at most once a second unless `fresh`: the lock table is shared by every session of the server. */
  stall(fresh = false): Promise<LogStall | null> {
    if (!fresh && this.last && Date.now() - this.last.at < 1000) return this.last.stall;
    const stall = this.store
      .oldestAppender()
      .then((oldest) => (oldest && oldest.ageMs >= this.warnAfterMs ? oldest : null));
    this.last = { at: Date.now(), stall };
    stall.catch(() => (this.last = null));
    return stall;
  }
}
