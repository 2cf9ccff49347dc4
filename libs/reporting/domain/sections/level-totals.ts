import { share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { LEVELS } from '../report-view.js';
import { count, pct, type SectionContext, text } from './section-kit.js';

/** How many diagnosed firms above designated size stand at each maturity level. */
export function levelTotals({ now: view }: SectionContext): Section {
  const firms = view.aboveSize();
  const counts = LEVELS.map((l) => firms.filter((f) => view.level(f.id) === l).length);
  const diagnosed = counts.reduce((a, b) => a + b, 0);
  return {
    key: 'level_totals',
    title: '成熟度等级分布',
    columns: [text('level', '等级'), count('firms', '企业数'), pct('share', '占已诊断')],
    rows: LEVELS.map((l) => ({ level: `L${l}`, firms: counts[l]!, share: share(counts[l]!, diagnosed) })),
    chart: { type: 'bar', labelKey: 'level', valueKeys: ['firms'] },
  };
}
