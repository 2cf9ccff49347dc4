import { percentile, share, weightedMedian } from '../report-math.js';
import type { Section } from '../report-types.js';
import { type KpiChange, kpiChanges } from './kpi-changes.js';
import { count, pct, type SectionContext, text } from './section-kit.js';

/** The spread of KPI changes over accepted projects, per KPI. */
export function kpiDeltas({ now: view, input }: SectionContext): Section {
  const accepted = view.projects.filter((p) => p.stage === 'accepted');
  const changes = kpiChanges(input, accepted);
  const byKpi = new Map<string, KpiChange[]>();
  for (const c of changes) byKpi.set(c.kpiCode, [...(byKpi.get(c.kpiCode) ?? []), c]);
  const rows = [...byKpi.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kpiCode, list]) => {
      const sorted = list.map((c) => c.change).sort((a, b) => a - b);
      return {
        kpi: input.names.kpi(kpiCode),
        kpiCode,
        projects: list.length,
        median: percentile(sorted, 0.5),
        p25: percentile(sorted, 0.25),
        p75: percentile(sorted, 0.75),
        weightedMedian: weightedMedian(list.map((c) => ({ value: c.change, weight: c.project.approvedBudget ?? 0 }))),
        improvedShare: share(list.filter((c) => c.improved).length, list.length),
      };
    });
  return {
    key: 'kpi_deltas',
    title: '已验收项目的指标变化',
    note: '相对基线的变化。加权中位数以批准预算为权重（系统未采集产值，以投入规模代替）。',
    columns: [
      text('kpi', '指标'),
      count('projects', '项目数'),
      pct('median', '中位数'),
      pct('p25', 'P25'),
      pct('p75', 'P75'),
      pct('weightedMedian', '加权中位数'),
      pct('improvedShare', '改善占比'),
    ],
    rows,
  };
}
