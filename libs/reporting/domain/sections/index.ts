import type { ReportKind } from '../periods.js';
import { budget } from './budget.js';
import { correctionsAndDisputes } from './corrections-disputes.js';
import { coverageByIndustry, coverageByPark } from './coverage.js';
import { kpiDeltas } from './kpi-deltas.js';
import { kpisWrongWay } from './kpis-wrong-way.js';
import { level2Share } from './level2-share.js';
import { levelDistribution } from './level-distribution.js';
import { levelMigration } from './level-migration.js';
import { levelTotals } from './level-totals.js';
import { milestonesDue } from './milestones.js';
import { newDemonstrations } from './new-demonstrations.js';
import { overdueItems } from './overdue-items.js';
import { pendingReview } from './pending-review.js';
import { projectFunnel } from './project-funnel.js';
import { providerLeague } from './provider-league.js';
import type { SectionBuilder } from './section-kit.js';
import { surveysByProvider } from './surveys.js';
import { weakestScenarios } from './weakest-scenarios.js';

export type { SectionBuilder, SectionContext } from './section-kit.js';

/** The sections DOMAIN.md section 6 lists for each kind of report, in the order they are shown. */
export const REPORT_SECTIONS: Readonly<Record<ReportKind, readonly SectionBuilder[]>> = {
  weekly: [surveysByProvider, pendingReview, correctionsAndDisputes, milestonesDue],
  monthly: [
    coverageByPark,
    coverageByIndustry,
    levelTotals,
    levelDistribution,
    weakestScenarios,
    projectFunnel,
    budget,
    kpisWrongWay,
  ],
  quarterly: [
    levelMigration,
    level2Share,
    levelTotals,
    coverageByPark,
    projectFunnel,
    kpiDeltas,
    newDemonstrations,
    providerLeague,
    overdueItems,
  ],
};
