import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * The one clock the service reads for "now": the time of a request and of its commands, "today" in the read
 * models' overdue and accreditation flags, the 12-month window of progress, whether a report period has ended,
 * the report schedule, the demo data. Tests may provide another; durations (timeouts, rate windows, cache
 * ages) read the system's own.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
