import type { Section } from '../report-types.js';
import { OPEN_DIAGNOSTIC } from '../report-view.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Site surveys planned, done and overdue in the week, per provider; unassigned ones under their own row. */
export function surveysByProvider({ now: view, input }: SectionContext): Section {
  const { startDate, endDate } = input.period;
  const stats = new Map<string, { planned: number; done: number; overdue: number }>();
  for (const d of view.diagnostics) {
    if (d.status === 'cancelled' || d.status === 'withdrawn') continue;
    const key = d.providerId ?? '';
    const s = stats.get(key) ?? { planned: 0, done: 0, overdue: 0 };
    if (d.plannedDate >= startDate && d.plannedDate < endDate) s.planned++;
    if (d.surveyDate && d.surveyDate >= startDate && d.surveyDate < endDate) s.done++;
    if (d.surveyDate === null && OPEN_DIAGNOSTIC.has(d.status) && d.dueDate < endDate) s.overdue++;
    if (s.planned + s.done + s.overdue > 0) stats.set(key, s);
  }
  const rows = [...stats.entries()]
    .map(([id, s]) => ({ provider: id ? input.names.provider(id) : '（未指派）', ...s }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
  return {
    key: 'surveys',
    title: '本周现场调研（按服务商）',
    note: '计划：计划日期在本周；完成：调研日期在本周；逾期：截止日已过仍未调研。',
    columns: [text('provider', '服务商'), count('planned', '计划'), count('done', '完成'), count('overdue', '逾期')],
    rows,
  };
}
