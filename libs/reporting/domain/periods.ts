/** Report periods: ISO weeks (`2026-W48`), months (`2026-11`) and quarters (`2026-Q4`), in a time zone. */

export const REPORT_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Period {
  kind: ReportKind;
  /** `2026-W48`, `2026-11` or `2026-Q4`. */
  label: string;
  /** The first calendar day (local date, `YYYY-MM-DD`) and the day after the last. */
  startDate: string;
  endDate: string;
  /** The same as instants in the report's time zone: [start, end). */
  start: Date;
  end: Date;
}

export class InvalidPeriodError extends Error {}

const PATTERNS: Record<ReportKind, RegExp> = {
  weekly: /^(\d{4})-W(\d{2})$/,
  monthly: /^(\d{4})-(\d{2})$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
};

const DAY_MS = 86_400_000;
const isoDate = (utcMidnight: number): string => new Date(utcMidnight).toISOString().slice(0, 10);
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The Monday (UTC midnight) of ISO week 1 of a year: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday * DAY_MS;
}

/** The offset of a time zone from UTC at an instant, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** Local midnight of a calendar day in a time zone, as an instant. */
export function startOfLocalDay(date: string, timeZone: string, hour = 0): Date {
  const naive = Date.parse(`${date}T${pad(hour)}:00:00Z`);
  let instant = naive - zoneOffsetMinutes(timeZone, new Date(naive)) * 60_000;
  // A zone whose offset changes between the guess and the answer (daylight saving): one more step settles it.
  instant = naive - zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The local calendar date of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return isoDate(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000).slice(0, 10);
}

function bounds(kind: ReportKind, label: string): [number, number] {
  const match = PATTERNS[kind].exec(label);
  if (!match) throw new InvalidPeriodError(`A ${kind} period looks like ${example(kind)}, not ${label}`);
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (year < 2000 || year > 2100) throw new InvalidPeriodError(`The year of ${label} is out of range`);
  switch (kind) {
    case 'weekly': {
      const start = isoWeekOneMonday(year) + (n - 1) * 7 * DAY_MS;
      if (n < 1 || start >= isoWeekOneMonday(year + 1)) throw new InvalidPeriodError(`${year} has no week ${n}`);
      return [start, start + 7 * DAY_MS];
    }
    case 'monthly':
      if (n < 1 || n > 12) throw new InvalidPeriodError(`${label} names no month`);
      return [Date.UTC(year, n - 1, 1), Date.UTC(year, n, 1)];
    case 'quarterly':
      return [Date.UTC(year, (n - 1) * 3, 1), Date.UTC(year, n * 3, 1)];
  }
}

const example = (kind: ReportKind): string => ({ weekly: '2026-W48', monthly: '2026-11', quarterly: '2026-Q4' })[kind];

export function parsePeriod(kind: ReportKind, label: string, timeZone: string): Period {
  const [startDay, endDay] = bounds(kind, label);
  const startDate = isoDate(startDay);
  const endDate = isoDate(endDay);
  return {
    kind,
    label,
    startDate,
    endDate,
    start: startOfLocalDay(startDate, timeZone),
    end: startOfLocalDay(endDate, timeZone),
  };
}

/** The period of this kind that holds a local calendar date. */
export function periodHolding(kind: ReportKind, date: string, timeZone: string): Period {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  switch (kind) {
    case 'monthly':
      return parsePeriod(kind, `${year}-${pad(month)}`, timeZone);
    case 'quarterly':
      return parsePeriod(kind, `${year}-Q${Math.ceil(month / 3)}`, timeZone);
    case 'weekly': {
      const day = Date.parse(`${date}T00:00:00Z`);
      for (const y of [year + 1, year, year - 1]) {
        const monday = isoWeekOneMonday(y);
        if (day >= monday)
          return parsePeriod(kind, `${y}-W${pad(Math.floor((day - monday) / (7 * DAY_MS)) + 1)}`, timeZone);
      }
      throw new InvalidPeriodError(`No ISO week holds ${date}`);
    }
  }
}

export function previousPeriod(period: Period, timeZone: string): Period {
  return periodHolding(period.kind, isoDate(Date.parse(`${period.startDate}T00:00:00Z`) - DAY_MS), timeZone);
}

export function nextPeriod(period: Period, timeZone: string): Period {
  return periodHolding(period.kind, period.endDate, timeZone);
}

/**
 * When a period's scheduled report is due: the first day after it (weekly: that Monday; monthly: the 1st;
 * quarterly: the first day of the next quarter) at the configured local hour.
 */
export function dueAt(period: Period, timeZone: string, hour: number): Date {
  return startOfLocalDay(period.endDate, timeZone, hour);
}

/** The latest period of a kind whose report is due at `now` (the one that ended most recently). */
export function latestDuePeriod(kind: ReportKind, now: Date, timeZone: string, hour: number): Period {
  let period = previousPeriod(periodHolding(kind, localDate(now, timeZone), timeZone), timeZone);
  if (dueAt(period, timeZone, hour) > now) period = previousPeriod(period, timeZone);
  return period;
}
