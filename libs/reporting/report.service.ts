import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { diagnosticStreamId, scoringModel } from '#libs/diagnostics';
import { districtName, enterpriseStreamId, parkName } from '#libs/enterprises';
import { CLOCK, type Clock } from '#libs/clock';
import { isDatabaseUnavailable } from '#libs/database';
import { encodeLogPosition, EventStore, LOG_START } from '#libs/event-store';
import { ProjectionWaiter } from '#libs/projections';
import { KPIS, projectStreamId } from '#libs/projects';
import { buildReport, type FactsSet, type ReportBody } from './domain/report-builder.js';
import { foldFacts, newSubject, type ObjectKind, type Subject } from './domain/report-facts.js';
import { type Period, parsePeriod, previousPeriod, type ReportKind } from './domain/periods.js';
import { diffReports, type ReportChange } from './domain/report-diff.js';
import { REPORTING_OPTIONS, type ReportingOptions } from './reporting.options.js';
import { ReportRepository, type StoredReport } from './report.repository.js';
import { reportDuration } from '#libs/metrics';

export class PeriodNotEndedError extends Error {
  constructor(readonly period: Period) {
    super(`The period ${period.label} has not ended yet: its report can be produced from ${period.end.toISOString()}`);
  }
}

export interface ReportRequest {
  kind: ReportKind;
  period: string;
  districtCode: string | null;
  trigger: 'api' | 'schedule' | 'cli';
  requestedBy: string;
}

export type ProgressListener = (step: string, done: number, total: number) => void;

/** A restatement: the report with entries recorded after its period that occurred in it, and what moved. */
export interface Restatement {
  body: ReportBody;
  position: string;
  changes: ReportChange[];
}

const STREAM_ID: Record<ObjectKind, (id: string) => string> = {
  enterprise: enterpriseStreamId,
  diagnostic: diagnosticStreamId,
  project: projectStreamId,
};
/** How long a producer may stay silent before another process takes its report over. */
const STALE_AFTER_MS = 10 * 60_000;
/** How long a report waits for the reporting read model to reach the log's head. */
const CATCH_UP_TIMEOUT_MS = 120_000;

/**
 * Produces reports: claims the (kind, period, scope) key so that exactly one process builds each, waits for
 * the reporting read model to reach the log's head, reads every object's facts as recorded at the end of the
 * period (and of the one before) and stores the built report with the log position it read at.
 */
@Injectable()
export class ReportService {
  private readonly logger = new Logger('Reports');
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  /** This process's builds in flight, by report key (kind, period, scope). */
  private readonly running = new Map<string, Promise<StoredReport>>();

  constructor(
    private readonly reports: ReportRepository,
    private readonly store: EventStore,
    private readonly waiter: ProjectionWaiter,
    @Inject(REPORTING_OPTIONS) readonly options: ReportingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  period(kind: ReportKind, label: string): Period {
    return parsePeriod(kind, label, this.options.timeZone);
  }

  /**
   * Claims and starts a report. `report` is the stored row (running, done or failed); `build` settles when
   * this process's build ends, or is null when another process has it or it exists already.
   */
  async start(
    request: ReportRequest,
    onProgress?: ProgressListener,
  ): Promise<{ report: StoredReport; created: boolean; build: Promise<StoredReport> | null }> {
    const period = this.period(request.kind, request.period);
    if (period.end > this.clock.now()) throw new PeriodNotEndedError(period);
    const scope = request.districtCode ?? 'all';
    const key = `${request.kind}|${period.label}|${scope}`;
    const inFlight = this.running.get(key);
    if (inFlight) {
      const existing = (await this.reports.findByKey(request.kind, period.label, scope))!;
      return { report: existing, created: false, build: inFlight };
    }
    // Not being built here: a claim of this process's own that is still running was left by a build that
    // lost the database, and is taken again at once.
    const claimed = await this.reports.claim(
      {
        id: randomUUID(),
        kind: request.kind,
        period: period.label,
        scope,
        trigger: request.trigger,
        requestedBy: request.requestedBy,
        periodStart: period.start,
        periodEnd: period.end,
      },
      this.owner,
      STALE_AFTER_MS,
    );
    if (!claimed) {
      const existing = (await this.reports.findByKey(request.kind, period.label, scope))!;
      return { report: existing, created: false, build: null };
    }
    const build = this.build(claimed, period, request.districtCode, onProgress).finally(() => this.running.delete(key));
    this.running.set(key, build);
    return { report: claimed, created: true, build };
  }

  /** Produces a report now and waits for it (the scheduler and the CLI). */
  async produce(request: ReportRequest, onProgress?: ProgressListener): Promise<StoredReport> {
    const { report, build } = await this.start(request, onProgress);
    return build ? build : report;
  }

  private async build(
    report: StoredReport,
    period: Period,
    districtCode: string | null,
    onProgress?: ProgressListener,
  ): Promise<StoredReport> {
    const started = Date.now();
    const timer = reportDuration.startTimer({ kind: report.kind });
    try {
      const { body, position } = await this.compute(period, districtCode, 'standard', onProgress);
      onProgress?.('storing', 4, 5);
      await this.reports.complete(report.id, this.owner, position, body);
      onProgress?.('done', 5, 5);
      timer({ outcome: 'done' });
      this.logger.log({
        msg: `Report ${report.kind} ${report.period} (${report.scope}) produced in ${Date.now() - started} ms`,
        reportId: report.id,
        position,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      timer({ outcome: isDatabaseUnavailable(error) ? 'interrupted' : 'failed' });
      if (isDatabaseUnavailable(error)) {
        // Left running under this process's claim: the scheduler's next look (or the next request) takes it again.
        this.logger.warn({
          msg: `Report ${report.kind} ${report.period} (${report.scope}) interrupted: ${message}`,
          reportId: report.id,
        });
        return report;
      }
      this.logger.error({
        msg: `Report ${report.kind} ${report.period} (${report.scope}) failed: ${message}`,
        reportId: report.id,
      });
      await this.reports.fail(report.id, this.owner, message).catch(() => undefined);
    }
    return (await this.reports.find(report.id).catch(() => null)) ?? report;
  }

  /** The standard report computed again now: the same figures as when it was produced. */
  async recompute(report: StoredReport): Promise<ReportBody> {
    const period = this.period(report.kind as ReportKind, report.period);
    return (await this.compute(period, report.scope === 'all' ? null : report.scope, 'standard')).body;
  }

  /** The report recomputed now with the entries recorded after its period that occurred within it. */
  async restate(report: StoredReport): Promise<Restatement> {
    const period = this.period(report.kind as ReportKind, report.period);
    const districtCode = report.scope === 'all' ? null : report.scope;
    const { body, position } = await this.compute(period, districtCode, 'restated');
    return { body, position, changes: report.content ? diffReports(report.content, body) : [] };
  }

  private async compute(
    period: Period,
    districtCode: string | null,
    variant: 'standard' | 'restated',
    onProgress?: ProgressListener,
  ): Promise<{ body: ReportBody; position: string }> {
    onProgress?.('waiting for the reporting read model', 0, 5);
    const head = (await this.store.head()) ?? LOG_START;
    await this.waiter.waitFor(['report-facts', 'providers'], head, CATCH_UP_TIMEOUT_MS);
    onProgress?.('reading facts', 1, 5);
    const previous = previousPeriod(period, this.options.timeZone);
    const [now, before, providers, start] = await Promise.all([
      this.facts(period.end, variant),
      this.facts(previous.end, variant),
      this.reports.providerNames(),
      this.reports.logStart(),
    ]);
    onProgress?.('building', 3, 5);
    const model = scoringModel('miit-2024');
    const body = buildReport({
      kind: period.kind,
      period,
      previous,
      scope: { districtCode },
      now,
      before,
      scenarios: model?.scenarios ?? [],
      kpiBetter: Object.fromEntries(Object.entries(KPIS).map(([code, kpi]) => [code, kpi.better])),
      names: {
        park: parkName,
        district: districtName,
        provider: (id) => providers.get(id) ?? id,
        kpi: (code) => KPIS[code as keyof typeof KPIS]?.name ?? code,
      },
    });
    return { body: start?.demo ? { ...body, demo: true } : body, position: encodeLogPosition(head) };
  }

  /** The facts as recorded before `moment`; restated: with every later entry that occurred before it. */
  private async facts(moment: Date, variant: 'standard' | 'restated'): Promise<FactsSet> {
    const recorded = await this.reports.factsRecordedBefore(moment);
    if (variant === 'standard') return recorded;
    const late = await this.reports.lateObjects(moment);
    if (late.length === 0) return recorded;
    const restated = new Map<string, Subject['facts']>();
    for (const { kind, id } of late) {
      let subject = newSubject(kind);
      for (const event of await this.store.readStream(STREAM_ID[kind](id))) {
        if (event.occurredAt < moment) subject = foldFacts(subject, id, event);
      }
      restated.set(`${kind}:${id}`, subject.facts);
    }
    const merge = <T extends { id: string }>(kind: ObjectKind, list: readonly T[]): T[] => {
      const kept = list.filter((item) => !restated.has(`${kind}:${item.id}`));
      const added = late
        .filter((object) => object.kind === kind && restated.get(`${kind}:${object.id}`))
        .map((object) => restated.get(`${kind}:${object.id}`) as unknown as T);
      return [...kept, ...added];
    };
    return {
      enterprises: merge('enterprise', recorded.enterprises),
      diagnostics: merge('diagnostic', recorded.diagnostics),
      projects: merge('project', recorded.projects),
    };
  }
}
