import type { ProjectFacts } from '../report-facts.js';
import { round } from '../report-math.js';
import type { ReportInput } from '../report-types.js';

/** One KPI of one project against its baseline: what the KPI sections read. */
export interface KpiChange {
  project: ProjectFacts;
  kpiCode: string;
  baseline: number;
  latest: number;
  change: number;
  improved: boolean;
}

/** The relative change of every measured KPI; a zero baseline has no relative change and is left out. */
export function kpiChanges(input: ReportInput, projects: readonly ProjectFacts[]): KpiChange[] {
  return projects.flatMap((project) =>
    project.kpis.flatMap((k) => {
      if (k.latest === null || k.baseline === 0) return [];
      const change = (k.latest - k.baseline) / Math.abs(k.baseline);
      const better = input.kpiBetter[k.kpiCode] ?? 'up';
      return [
        {
          project,
          kpiCode: k.kpiCode,
          baseline: k.baseline,
          latest: k.latest,
          change: round(change),
          improved: better === 'up' ? change > 0 : change < 0,
        },
      ];
    }),
  );
}
