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

  async stall(): Promise<LogStall | null> {
    const oldest = await this.store.oldestAppender();
    return oldest && oldest.ageMs >= this.warnAfterMs ? oldest : null;
  }
}
