import type { ReportChange } from '../domain/report-diff.js';
import type { Column, ReportBody } from '../domain/report-types.js';
import { formatCell, HEADLINE_LABELS } from './format.js';

/**
 * The restated report with a first section saying in words what the restatement moved ("累计覆盖率由 50.0%
 * 变为 0.0%"), for the printed formats and the CSV; the JSON keeps the changes as figures.
 */
export function withChanges(body: ReportBody, changes: readonly ReportChange[]): ReportBody {
  const sections = new Map(body.sections.map((s) => [s.key, s]));
  const described = changes.map((change) => {
    const section = sections.get(change.section);
    const [label, format]: [string, Column['format']] =
      change.section === 'headline'
        ? (HEADLINE_LABELS[change.column] ?? [change.column, undefined])
        : (() => {
            const column = section?.columns.find((c) => c.key === change.column);
            return [column?.label ?? change.column, column?.format] as [string, Column['format']];
          })();
    const from = formatCell(change.from, { format });
    const to = formatCell(change.to, { format });
    return {
      section: change.section === 'headline' ? '概要' : (section?.title ?? change.section),
      row: change.row,
      change: `${label}由 ${from} 变为 ${to}`,
    };
  });
  return {
    ...body,
    sections: [
      {
        key: 'restatement_changes',
        title: '重述变动（期末之后补录、发生在本期内的记录所改变的数字）',
        columns: [
          { key: 'section', label: '部分' },
          { key: 'row', label: '行' },
          { key: 'change', label: '变动' },
        ],
        rows: described,
      },
      ...body.sections,
    ],
  };
}
