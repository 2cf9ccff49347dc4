import { days } from '../report-math.js';
import type { Section } from '../report-types.js';
import { OPEN_DIAGNOSTIC } from '../report-view.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Diagnostics and milestones past their due date, with who owes them and for how long. */
export function overdueItems({ now: view, input }: SectionContext): Section {
  const end = input.period.endDate;
  const diagnostics = view.diagnostics
    .filter((d) => OPEN_DIAGNOSTIC.has(d.status) && d.dueDate < end)
    .map((d) => ({
      item: '诊断未按期提交',
      subject: view.firmName(d.enterpriseId),
      reference: d.id,
      owner: d.providerId ? input.names.provider(d.providerId) : `${input.names.district(d.districtCode)}（待指派）`,
      due: d.dueDate,
      ageDays: days(d.dueDate, end),
    }));
  const milestones = view.openMilestones(end).map(({ project: p, milestone: m }) => ({
    item: `里程碑逾期：${m.name}`,
    subject: p.name,
    reference: `${p.id}/${m.id}`,
    owner: `${view.firmName(p.enterpriseId)}${p.providerId ? ` / ${input.names.provider(p.providerId)}` : ''}`,
    due: m.due,
    ageDays: days(m.due, end),
  }));
  const rows = [...diagnostics, ...milestones].sort(
    (a, b) => b.ageDays - a.ageDays || a.reference.localeCompare(b.reference),
  );
  return {
    key: 'overdue_items',
    title: '逾期事项（责任方与逾期天数）',
    columns: [
      text('item', '事项'),
      text('subject', '对象'),
      text('reference', '编号'),
      text('owner', '责任方'),
      text('due', '截止日期'),
      count('ageDays', '逾期天数'),
    ],
    rows,
  };
}
