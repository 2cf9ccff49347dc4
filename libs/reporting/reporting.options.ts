export const REPORTING_OPTIONS = Symbol('REPORTING_OPTIONS');

export interface ReportingOptions {
  timeZone: string;
  /** The local hour a period's report is due on the first day after it. */
  hour: number;
  catchUpPeriods: number;
  schedulerIntervalMs: number;
  runScheduler: boolean;
}
