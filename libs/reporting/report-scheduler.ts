import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { latestDuePeriod, type Period, previousPeriod, REPORT_KINDS } from './domain/periods.js';
import { REPORTING_OPTIONS, type ReportingOptions } from './reporting.options.js';
import { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';

/**
 * Produces the scheduled reports (weekly on Monday, monthly on the 1st, quarterly on the first day of a
 * quarter, at the configured local hour) for the whole deployment and for each district. Every process may run
 * it: the (kind, period, scope) key lets exactly one of them build each report. On start it also produces the
 * periods missed while no process ran, up to `catchUpPeriods` back, never before the first recorded event.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportScheduler');
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly service: ReportService,
    private readonly reports: ReportRepository,
    @Inject(REPORTING_OPTIONS) private readonly options: ReportingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runScheduler) return;
    const run = () => {
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error)))
        .finally(() => {
          this.ticking = null;
          if (!this.stopped) this.timer = setTimeout(run, this.options.schedulerIntervalMs);
        });
    };
    // Give the projections a moment to start before the first look.
    this.timer = setTimeout(run, Math.min(1000, this.options.schedulerIntervalMs));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
  }

  /** The periods of each kind that are due at `now` and not yet produced, oldest first. */
  async duePeriods(now: Date): Promise<{ period: Period; scope: string }[]> {
    const first = (await this.reports.logStart())?.recordedAt;
    if (!first) return [];
    const scopes = ['all', ...(await this.reports.districtCodes())];
    const due: { period: Period; scope: string }[] = [];
    for (const kind of REPORT_KINDS) {
      const periods: Period[] = [];
      let period = latestDuePeriod(kind, now, this.options.timeZone, this.options.hour);
      while (periods.length <= this.options.catchUpPeriods && period.end > first) {
        periods.unshift(period);
        period = previousPeriod(period, this.options.timeZone);
      }
      for (const scope of scopes) {
        const produced = await this.reports.periodsProduced(
          kind,
          scope,
          periods.map((p) => p.label),
        );
        for (const p of periods) if (!produced.has(p.label)) due.push({ period: p, scope });
      }
    }
    return due;
  }

  /** One look: produces every due report this process can claim. */
  async tick(now = this.clock.now()): Promise<number> {
    let produced = 0;
    for (const { period, scope } of await this.duePeriods(now)) {
      if (this.stopped) break;
      const report = await this.service.produce({
        kind: period.kind,
        period: period.label,
        districtCode: scope === 'all' ? null : scope,
        trigger: 'schedule',
        requestedBy: 'scheduler',
      });
      if (report.status === 'done') produced++;
    }
    return produced;
  }
}
