import { share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { count, pct, type SectionContext, text } from './section-kit.js';

/** The constrained scenarios most firms are still weak in, so that support can be aimed at them. */
export function weakestScenarios({ now: view, input }: SectionContext): Section {
  const rated = view.aboveSize().flatMap((f) => {
    const levels = view.latest.get(f.id)?.scenarioLevels;
    return levels ? [levels] : [];
  });
  const rows = input.scenarios
    .filter((s) => s.constrained)
    .map((s) => {
      const atMostOne = rated.filter((levels) => (levels[s.code] ?? 0) <= 1).length;
      return { scenario: s.code, name: s.name, firms: rated.length, atMostOne, share: share(atMostOne, rated.length) };
    })
    .sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || a.scenario.localeCompare(b.scenario));
  return {
    key: 'weakest_scenarios',
    title: '最薄弱的约束性场景',
    note: '已诊断规上企业中该场景等级 ≤ 1 的比例，从高到低。',
    columns: [
      text('scenario', '场景'),
      text('name', '名称'),
      count('firms', '已诊断企业'),
      count('atMostOne', '等级≤1'),
      pct('share', '占比'),
    ],
    rows,
  };
}
