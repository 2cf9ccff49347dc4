import { industryDivision, minusMonths, share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { industryName } from '#libs/labels/domain';
import { code, count, pct, type SectionContext, text } from './section-kit.js';

/** Diagnostic coverage of firms above designated size, ever and within 12 months, by park or by industry. */
function coverage({ now: view, input }: SectionContext, by: 'park' | 'industry'): Section {
  const cutoff = minusMonths(input.period.endDate, 12);
  const groups = new Map<string, { firms: number; ever: number; recent: number }>();
  const total = { firms: 0, ever: 0, recent: 0 };
  for (const firm of view.aboveSize()) {
    const key = by === 'park' ? firm.parkId : industryDivision(firm.industryCode);
    const group = groups.get(key) ?? { firms: 0, ever: 0, recent: 0 };
    const latest = view.latest.get(firm.id);
    for (const g of [group, total]) {
      g.firms++;
      if (latest) g.ever++;
      if (latest && latest.issuedAt!.slice(0, 10) >= cutoff) g.recent++;
    }
    groups.set(key, group);
  }
  const row = (label: string, g: typeof total, name: string) => ({
    [by]: label,
    name,
    firms: g.firms,
    diagnosedEver: g.ever,
    coverageEver: share(g.ever, g.firms),
    diagnosed12m: g.recent,
    coverage12m: share(g.recent, g.firms),
  });
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => row(key, g, by === 'park' ? input.names.park(key) : (industryName(key) ?? key)));
  rows.push(row('total', total, '合计'));
  return {
    key: `coverage_by_${by}`,
    title: by === 'park' ? '诊断覆盖率（按园区）' : '诊断覆盖率（按行业大类）',
    note: '规上企业中已出具且未撤回诊断报告的比例：累计，及近 12 个月内。',
    columns: [
      code(by, by === 'park' ? '园区编号' : '行业代码'),
      text('name', by === 'park' ? '园区' : '行业大类'),
      count('firms', '规上企业'),
      count('diagnosedEver', '累计已诊断'),
      pct('coverageEver', '累计覆盖率'),
      count('diagnosed12m', '12个月内已诊断'),
      pct('coverage12m', '12个月覆盖率'),
    ],
    rows,
    chart:
      by === 'park'
        ? { type: 'bar', labelKey: 'name', valueKeys: ['coverageEver', 'coverage12m'], percent: true }
        : undefined,
  };
}

export const coverageByPark = (context: SectionContext): Section => coverage(context, 'park');
export const coverageByIndustry = (context: SectionContext): Section => coverage(context, 'industry');
