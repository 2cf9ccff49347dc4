import { systemClock } from '#libs/clock';
import { performance } from 'node:perf_hooks';
import type { Database } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionEngine, ProjectionWaiter } from '#libs/projections';
import {
  latestDuePeriod,
  renderHtml,
  renderPdf,
  ReportRepository,
  ReportService,
  type ReportingOptions,
} from '#libs/reporting';
import type pg from 'pg';

const OPTIONS: ReportingOptions = {
  timeZone: 'Asia/Shanghai',
  hour: 8,
  catchUpPeriods: 0,
  schedulerIntervalMs: 60_000,
  runScheduler: false,
};

/**
 * The province log is loaded in minutes, so every event is recorded "now". Reports read what was recorded by
 * the end of a period: move the whole log 60 days back, as if recorded over time, so last month's report
 * covers it. Once per database (a reused one is already moved); the read models are rebuilt afterwards.
 */
export async function settleLogInThePast(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ recent: boolean }>(
    `select coalesce(max(recorded_at) > now() - interval '30 days', false) as recent from events`,
  );
  if (!rows[0]?.recent) return;
  await pool.query('alter table events disable trigger user');
  await pool.query(
    `update events set recorded_at = recorded_at - interval '60 days', occurred_at = occurred_at - interval '60 days'`,
  );
  await pool.query('alter table events enable trigger user');
  await pool.query('vacuum analyze events');
}

export interface ReportResult {
  period: string;
  ms: number[];
  rawMs: number[];
  htmlBytes: number;
  pdfBytes: number;
  sections: number;
  aboveSizeFirms: number | null;
}

/**
 * `report_monthly_province`: last month's report of the whole province produced from the report-facts read
 * model (claim, wait for the read model, read the facts at both period ends, build, store) and rendered to HTML
 * and PDF, three times. The raw baseline reads the same facts with plain `pg` (the two distinct-on queries).
 */
export async function benchMonthlyReport(database: Database, pool: pg.Pool): Promise<ReportResult> {
  const store = new EventStore(database);
  const engine = new ProjectionEngine(database, store, READ_MODEL_PROJECTIONS);
  const repository = new ReportRepository(database, database);
  const service = new ReportService(repository, store, new ProjectionWaiter(database, engine), OPTIONS, systemClock);
  const period = latestDuePeriod('monthly', new Date(), OPTIONS.timeZone, OPTIONS.hour);
  const previous = new Date(period.start);
  const ms: number[] = [];
  const rawMs: number[] = [];
  let htmlBytes = 0;
  let pdfBytes = 0;
  let sections = 0;
  let aboveSizeFirms: number | null = null;
  for (let round = 0; round < 3; round++) {
    await pool.query(`delete from reports where kind = 'monthly' and period = $1 and scope = 'all'`, [period.label]);
    const rawStarted = performance.now();
    for (const cut of [period.end, previous]) {
      const { rows } = await pool.query<{ object_kind: string; facts: unknown }>(
        `select distinct on (object_kind, object_id) object_kind, facts from rm_report_versions
         where recorded_at < $1 order by object_kind, object_id, seq desc`,
        [cut],
      );
      if (rows.length === 0) throw new Error('The report-facts read model is empty');
    }
    rawMs.push(performance.now() - rawStarted);

    const started = performance.now();
    const report = await service.produce({
      kind: 'monthly',
      period: period.label,
      districtCode: null,
      trigger: 'cli',
      requestedBy: 'bench',
    });
    if (report.status !== 'done' || !report.content) throw new Error(`The report ${report.status}: ${report.error}`);
    const meta = {
      id: report.id,
      position: report.position!,
      variant: 'standard' as const,
      generatedAt: report.finishedAt!.toISOString(),
    };
    const html = renderHtml(report.content, meta);
    const pdf = await renderPdf(report.content, meta);
    ms.push(performance.now() - started);
    htmlBytes = Buffer.byteLength(html);
    pdfBytes = pdf.length;
    sections = report.content.sections.length;
    aboveSizeFirms = report.content.headline['aboveSizeFirms'] ?? null;
  }
  await engine.stop();
  return { period: period.label, ms, rawMs, htmlBytes, pdfBytes, sections, aboveSizeFirms };
}
