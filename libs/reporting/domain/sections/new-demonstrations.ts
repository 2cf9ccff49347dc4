import { enumName } from '#libs/labels/domain';
import type { Section } from '../report-types.js';
import { count, type SectionContext, text } from './section-kit.js';

/** Demonstration designations made within the period and not revoked since. */
export function newDemonstrations({ now: view, input }: SectionContext): Section {
  const { start, end } = input.period;
  const rows = view.projects
    .flatMap((p) =>
      p.demonstrations
        .filter((d) => !d.revoked && d.designatedAt >= start.toISOString() && d.designatedAt < end.toISOString())
        .map((d) => ({
          project: p.name,
          enterprise: view.firmName(p.enterpriseId),
          programme: d.programme,
          level: enumName('demonstrationLevel', d.level),
          year: d.year,
          designatedOn: d.designatedAt.slice(0, 10),
        })),
    )
    .sort((a, b) => a.designatedOn.localeCompare(b.designatedOn) || a.project.localeCompare(b.project));
  return {
    key: 'new_demonstrations',
    title: '本期新认定的示范项目',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('programme', '示范类别'),
      text('level', '级别'),
      count('year', '年度'),
      text('designatedOn', '认定日期'),
    ],
    rows,
  };
}
