import type { Cell, ReportBody } from './report-builder.js';

/** One figure that a restatement moved: where it is, and its old and new value. */
export interface ReportChange {
  section: string;
  /** The row, named by its text columns (the headline: null). */
  row: string | null;
  column: string;
  from: Cell;
  to: Cell;
}

/** The figures that differ between a report and its restatement, section by section and row by row. */
export function diffReports(before: ReportBody, after: ReportBody): ReportChange[] {
  const changes: ReportChange[] = [];
  for (const [key, value] of Object.entries(after.headline)) {
    const old = before.headline[key] ?? null;
    if (old !== value) changes.push({ section: 'headline', row: null, column: key, from: old, to: value });
  }
  for (const section of after.sections) {
    const prior = before.sections.find((s) => s.key === section.key);
    const naming = section.columns.filter((c) => c.format === undefined).map((c) => c.key);
    const label = (row: Record<string, Cell>) => naming.map((key) => String(row[key] ?? '')).join(' / ');
    const priorRows = new Map((prior?.rows ?? []).map((row) => [label(row), row]));
    const seen = new Set<string>();
    for (const row of section.rows) {
      const name = label(row);
      seen.add(name);
      const old = priorRows.get(name);
      for (const column of section.columns) {
        const from = old?.[column.key] ?? null;
        const to = row[column.key] ?? null;
        if (from !== to) changes.push({ section: section.key, row: name, column: column.key, from, to });
      }
    }
    for (const [name, old] of priorRows) {
      if (seen.has(name)) continue;
      for (const column of section.columns) {
        const from = old[column.key] ?? null;
        if (from !== null) changes.push({ section: section.key, row: name, column: column.key, from, to: null });
      }
    }
  }
  return changes;
}
