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

/** The restated report with a first section listing what the restatement moved, for the printed formats. */
export function withChanges(body: ReportBody, changes: readonly ReportChange[]): ReportBody {
  const titles = new Map(body.sections.map((s) => [s.key, s.title]));
  return {
    ...body,
    sections: [
      {
        key: 'restatement_changes',
        title: '重述变动（期末之后补录、发生在本期内的记录所改变的数字）',
        columns: [
          { key: 'section', label: '部分' },
          { key: 'row', label: '行' },
          { key: 'column', label: '列' },
          { key: 'from', label: '原值', format: 'number' },
          { key: 'to', label: '重述值', format: 'number' },
        ],
        rows: changes.map((change) => ({
          section: change.section === 'headline' ? '概要' : (titles.get(change.section) ?? change.section),
          row: change.row,
          column: change.column,
          from: change.from,
          to: change.to,
        })),
      },
      ...body.sections,
    ],
  };
}
