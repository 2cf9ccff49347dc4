/**
 * Dates for tests that go through the real service, relative to the clock the service reads. A test that
 * writes `daysFromToday(30)` instead of a literal date passes in any year, and with the clock moved ahead.
 */
const DAY_MS = 86_400_000;

/** An ISO calendar date (UTC) this many days from now; negative for the past. */
export function daysFromToday(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** A moment this many days from now; negative for the past. */
export function momentFromNow(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** A clock a test moves: the real time plus an offset it sets (the service's `CLOCK`, provided by the test). */
export class TestClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock this many days ahead of the real time (0 puts it back). */
  setDaysAhead(days: number): void {
    this.offsetMs = days * DAY_MS;
  }
}
