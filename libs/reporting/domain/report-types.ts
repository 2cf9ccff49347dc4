import type { DiagnosticFacts, EnterpriseFacts, ProjectFacts } from './report-facts.js';
import type { Period, ReportKind } from './periods.js';

/**
 * The shapes of DOMAIN.md section 6: every section is a table with named columns, so the JSON, CSV, HTML and
 * PDF renderings all show the same rows.
 */

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  /**
   * How to show a number: a share as a percentage, money in 万元, or a plain count; `code`: a code kept in the
   * JSON and the CSV beside its name column, left out of the printed report.
   */
  format?: 'percent' | 'count' | 'number' | 'money' | 'code';
}

export interface Chart {
  type: 'bar';
  /** The column whose values name the bars, and the columns drawn as bars. */
  labelKey: string;
  valueKeys: string[];
  percent?: boolean;
}

export interface Section {
  key: string;
  title: string;
  note?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  chart?: Chart;
}

export interface ReportScope {
  /** null: the whole deployment. */
  districtCode: string | null;
}

export interface ReportInput {
  kind: ReportKind;
  period: Period;
  previous: Period;
  scope: ReportScope;
  /** Facts as recorded up to the end of the period, and up to the end of the period before. */
  now: FactsSet;
  before: FactsSet;
  scenarios: readonly { code: string; name: string; constrained: boolean }[];
  /** Which way is better for each KPI. */
  kpiBetter: Readonly<Record<string, 'up' | 'down'>>;
  names: {
    park(parkId: string): string;
    district(code: string): string;
    provider(id: string): string;
    kpi(code: string): string;
  };
}

export interface FactsSet {
  enterprises: readonly EnterpriseFacts[];
  diagnostics: readonly DiagnosticFacts[];
  projects: readonly ProjectFacts[];
}

export interface ReportBody {
  kind: ReportKind;
  period: string;
  periodStart: string;
  /** The last day of the period. */
  periodEnd: string;
  districtCode: string | null;
  scopeName: string;
  headline: Record<string, number | null>;
  sections: Section[];
  /** Made from the demo's history (DEMO_DATA): printed as 演示数据, never to be quoted as real figures. */
  demo?: true;
}
