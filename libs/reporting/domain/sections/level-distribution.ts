import { industryDivision } from '../report-math.js';
import type { Section } from '../report-types.js';
import { LEVELS } from '../report-view.js';
import { industryName } from '#libs/labels/domain';
import { code, count, type SectionContext, text } from './section-kit.js';

/** Maturity levels of firms above designated size, per park and industry division. */
export function levelDistribution({ now: view, input }: SectionContext): Section {
  const groups = new Map<string, { park: string; industry: string; levels: number[]; none: number }>();
  const total = { park: '合计', industry: '', levels: [0, 0, 0, 0, 0], none: 0 };
  for (const firm of view.aboveSize()) {
    const industry = industryDivision(firm.industryCode);
    const key = `${firm.parkId}|${industry}`;
    const group = groups.get(key) ?? { park: firm.parkId, industry, levels: [0, 0, 0, 0, 0], none: 0 };
    const level = view.level(firm.id);
    for (const g of [group, total]) {
      if (level === null) g.none++;
      else g.levels[level]!++;
    }
    groups.set(key, group);
  }
  const row = (g: typeof total, parkLabel: string) => ({
    park: parkLabel,
    industry: g.industry,
    industryName: g.industry ? (industryName(g.industry) ?? g.industry) : '',
    ...Object.fromEntries(LEVELS.map((l) => [`L${l}`, g.levels[l]!])),
    none: g.none,
  });
  const rows = [...groups.values()]
    .sort((a, b) => a.park.localeCompare(b.park) || a.industry.localeCompare(b.industry))
    .map((g) => row(g, input.names.park(g.park)));
  rows.push(row(total, '合计'));
  return {
    key: 'level_distribution',
    title: '成熟度等级分布（行业 × 园区）',
    note: '规上企业最新一次已出具、未撤回诊断的等级；“未诊断”为尚无此类诊断的企业。',
    columns: [
      text('park', '园区'),
      code('industry', '行业代码'),
      text('industryName', '行业大类'),
      ...LEVELS.map((l) => count(`L${l}`, `L${l}`)),
      count('none', '未诊断'),
    ],
    rows,
  };
}
