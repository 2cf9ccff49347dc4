import type { ProjectFacts } from '../report-facts.js';
import { round, share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { enumName } from '#libs/labels/domain';
import { code, count, pct, type SectionContext, text } from './section-kit.js';

/** Budget execution per project type: what was contracted and disbursed against what was approved. */
export function budget({ now: view }: SectionContext): Section {
  const approved = view.projects.filter((p) => p.approvedBudget !== null && p.stage !== 'rejected');
  const sum = (values: (number | null)[]) =>
    round(
      values.reduce<number>((a, b) => a + (b ?? 0), 0),
      2,
    );
  const byType = new Map<string, ProjectFacts[]>();
  for (const p of approved) byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  const row = (type: string, projects: ProjectFacts[], name: string) => {
    const approvedTotal = sum(projects.map((p) => p.approvedBudget));
    const contracted = sum(projects.map((p) => p.contractValue));
    return {
      type,
      name,
      projects: projects.length,
      approved: approvedTotal,
      contracted,
      subsidyDisbursed: sum(projects.map((p) => p.subsidyDisbursed)),
      contractedShare: share(contracted, approvedTotal),
    };
  };
  const rows = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, ps]) => row(type, ps, enumName('projectType', type)));
  rows.push(row('total', approved, '合计'));
  return {
    key: 'budget',
    title: '预算执行（已签约对比已批准，万元）',
    columns: [
      code('type', '类型代码'),
      text('name', '项目类型'),
      count('projects', '项目数'),
      { key: 'approved', label: '批准预算', format: 'money' },
      { key: 'contracted', label: '已签合同', format: 'money' },
      { key: 'subsidyDisbursed', label: '已拨补贴', format: 'money' },
      pct('contractedShare', '签约/批准'),
    ],
    rows,
  };
}
