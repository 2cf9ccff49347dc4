export {
  buildReport,
  type Cell,
  type Column,
  type FactsSet,
  percentile,
  type ReportBody,
  type ReportInput,
  type Section,
  weightedMedian,
} from './domain/report-builder.js';
export { diffReports, type ReportChange } from './domain/report-diff.js';
export { withChanges } from './render/changes.js';
export {
  InvalidPeriodError,
  latestDuePeriod,
  parsePeriod,
  type Period,
  periodHolding,
  previousPeriod,
  REPORT_KINDS,
  type ReportKind,
} from './domain/periods.js';
export { type DiagnosticFacts, type EnterpriseFacts, type ProjectFacts } from './domain/report-facts.js';
export { reportFactsProjection } from './projections/report-facts.projection.js';
export { renderCsv } from './render/csv.js';
export { type ReportMeta, reportTitle } from './render/format.js';
export { renderHtml } from './render/html.js';
export { renderPdf } from './render/pdf.js';
export { renderXlsx } from './render/xlsx.js';
export { ReportRepository, type StoredReport } from './report.repository.js';
export { ReportScheduler } from './report-scheduler.js';
export {
  PeriodNotEndedError,
  type ProgressListener,
  type ReportRequest,
  ReportService,
  type Restatement,
} from './report.service.js';
export { ReportingModule } from './reporting.module.js';
export { type ReportingOptions } from './reporting.options.js';
