import type { Column, ReportInput, Section } from '../report-types.js';
import type { View } from '../report-view.js';

/** What every section builder reads, so that the per-kind table can call them all the same way. */
export interface SectionContext {
  input: ReportInput;
  /** The facts at the end of the period, and at the end of the period before. */
  now: View;
  before: View;
}

export type SectionBuilder = (context: SectionContext) => Section;

export const pct = (key: string, label: string): Column => ({ key, label, format: 'percent' });
export const count = (key: string, label: string): Column => ({ key, label, format: 'count' });
export const text = (key: string, label: string): Column => ({ key, label });
/** A code beside its name: in the JSON and the CSV, not printed. */
export const code = (key: string, label: string): Column => ({ key, label, format: 'code' });
