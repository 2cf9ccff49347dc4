import { addDays, minusMonths, share } from './report-math.js';
import type { ReportBody, ReportInput } from './report-types.js';
import { View } from './report-view.js';
import { REPORT_SECTIONS, type SectionContext } from './sections/index.js';

/**
 * The report builders of DOMAIN.md section 6: pure functions from the facts as recorded at the end of a period
 * (and at the end of the one before) to sections of tables. Each section lives in ./sections; this file only
 * walks the table of sections for the report's kind and adds the headline figures.
 */

export type { Cell, Chart, Column, FactsSet, ReportBody, ReportInput, ReportScope, Section } from './report-types.js';
export { industryDivision, percentile, weightedMedian } from './report-math.js';

/** The figures shown above the sections of every kind of report. */
function headline({ now, input }: SectionContext): Record<string, number | null> {
  const firms = now.aboveSize();
  const diagnosed = firms.filter((f) => now.latest.has(f.id));
  const cutoff = minusMonths(input.period.endDate, 12);
  return {
    aboveSizeFirms: firms.length,
    coverageEver: share(diagnosed.length, firms.length),
    coverage12m: share(
      diagnosed.filter((f) => now.latest.get(f.id)!.issuedAt!.slice(0, 10) >= cutoff).length,
      firms.length,
    ),
    shareAtLevel2Plus: share(now.atLevelOrAbove(2).length, firms.length),
    projects: now.projects.length,
    acceptedProjects: now.projects.filter((p) => p.stage === 'accepted').length,
  };
}

/** Builds one report: the sections DOMAIN.md section 6 lists for its kind, and the headline figures. */
export function buildReport(input: ReportInput): ReportBody {
  const context: SectionContext = {
    input,
    now: new View(input.now, input.scope, input.period.endDate),
    before: new View(input.before, input.scope, input.previous.endDate),
  };
  const figures = headline(context);
  const sections = REPORT_SECTIONS[input.kind].map((build) => build(context));
  return {
    kind: input.kind,
    period: input.period.label,
    periodStart: input.period.startDate,
    periodEnd: addDays(input.period.endDate, -1),
    districtCode: input.scope.districtCode,
    scopeName: input.scope.districtCode === null ? '全域' : input.names.district(input.scope.districtCode),
    headline: figures,
    sections,
  };
}
