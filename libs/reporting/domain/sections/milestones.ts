import { addDays, days } from '../report-math.js';
import type { Section } from '../report-types.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Milestones already overdue or due within the next 14 days, so that the week ahead is visible. */
export function milestonesDue({ now: view, input }: SectionContext): Section {
  const end = input.period.endDate;
  const horizon = addDays(end, 14);
  const rows = view
    .openMilestones(horizon)
    .map(({ project: p, milestone: m }) => ({
      project: p.name,
      enterprise: view.firmName(p.enterpriseId),
      milestone: m.name,
      mandatory: m.mandatory ? '是' : '否',
      due: m.due,
      status: m.due < end ? '逾期' : '14天内到期',
      ageDays: m.due < end ? days(m.due, end) : null,
    }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.project.localeCompare(b.project));
  return {
    key: 'milestones',
    title: '里程碑：未来 14 天到期与已逾期',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('milestone', '里程碑'),
      text('mandatory', '必需'),
      text('due', '截止日期'),
      text('status', '状态'),
      count('ageDays', '逾期天数'),
    ],
    rows,
  };
}
