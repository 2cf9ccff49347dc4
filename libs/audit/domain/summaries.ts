/** A readable line per event for the history (the page shows it beside the field changes). */
const TEMPLATES: Record<string, (data: Record<string, unknown>) => string> = {
  EnterpriseRegistered: (d) => `Registered ${String(d['name'])} (${String(d['uscc'])}) in park ${String(d['parkId'])}`,
  EnterpriseScaleStatusChanged: (d) =>
    `Scale status for ${String(d['statYear'])}: ${d['aboveDesignatedSize'] ? 'above' : 'below'} designated size`,
  EnterpriseMovedToPark: (d) => `Moved from park ${String(d['from'])} to ${String(d['to'])}`,
  EnterpriseDetailsCorrected: (d) => `Corrected ${String(d['field'])}: ${String(d['old'])} → ${String(d['new'])}`,
  EnterpriseClosed: () => 'Closed',
  ProviderAdmitted: (d) => `Admitted ${String(d['name'])} as a service provider`,
  AssessorAccredited: (d) => `Accredited assessor ${String(d['name'])} until ${String(d['validUntil'])}`,
  ProviderSuspended: () => 'Suspended',
  DiagnosticScheduled: (d) =>
    `Scheduled a ${String(d['kind'])} diagnostic (${String(d['scoringModelId'])} ${String(d['scoringModelVersion'])}) for ${String(d['plannedDate'])}`,
  DiagnosticAssigned: (d) => `Assigned to provider ${String(d['providerId'])}`,
  DiagnosticRescheduled: (d) => `Rescheduled to ${String(d['newDate'])}`,
  SelfAssessmentSubmitted: () => 'Self-assessment submitted with a truthfulness declaration',
  OnSiteSurveyConducted: (d) => `On-site survey on ${String(d['date'])}`,
  IndicatorScored: (d) => `Indicator ${String(d['indicatorCode'])} scored ${String(d['points'])}`,
  ScenarioLevelRated: (d) => `Scenario ${String(d['scenarioCode'])} rated level ${String(d['level'])}`,
  DiagnosticSubmittedForReview: () => 'Submitted for review',
  DiagnosticReviewRejected: () => 'Review rejected',
  DiagnosticApproved: () => 'Approved',
  MaturityLevelDetermined: (d) =>
    `Maturity level ${String(d['level'])} determined (base score ${String(d['baseScore'])})`,
  ReportIssued: (d) => `Report version ${String(d['reportVersion'])} issued`,
  RecommendationsProposed: (d) => `${Array.isArray(d['items']) ? d['items'].length : 0} recommendation(s) proposed`,
  ReportAcknowledged: () => 'Report acknowledged by the enterprise',
  ReportDisputed: () => 'Report disputed by the enterprise',
  ScoreCorrected: (d) => `Score of ${String(d['target'])} corrected: ${String(d['old'])} → ${String(d['new'])}`,
  MaturityLevelRecomputed: (d) => `Maturity level recomputed: ${String(d['old'])} → ${String(d['new'])}`,
  ReportReissued: (d) => `Report reissued as version ${String(d['reportVersion'])}`,
  RecommendationStatusChanged: (d) => `Recommendation ${String(d['recId'])} is ${String(d['status'])}`,
  DiagnosticClosed: () => 'Closed',
  DiagnosticCancelled: () => 'Cancelled',
  DiagnosticWithdrawn: (d) => `Withdrawn (${String(d['reasonCode'])})`,
  DiagnosticDistrictChanged: (d) =>
    `Moved with its enterprise from district ${String(d['from'])} to ${String(d['to'])}`,
  ProjectProposed: (d) => `Proposed ${String(d['type'])} project ${String(d['name'])}`,
  ProjectFiled: () => 'Filed with the district',
  ProjectApproved: (d) => `Approved (${String(d['approvalNo'])}), budget ${String(d['approvedBudget'])}`,
  ProjectRejected: () => 'Rejected',
  ServiceContractSigned: (d) => `Contract with ${String(d['providerId'])} worth ${String(d['value'])}`,
  BaselineRecorded: (d) => `Baseline of ${String(d['kpiCode'])}: ${String(d['value'])} ${String(d['unit'])}`,
  BaselineLocked: () => 'Baselines locked',
  MilestonePlanned: (d) => `Milestone ${String(d['id'])} planned: ${String(d['name'])} by ${String(d['due'])}`,
  MilestoneCompleted: (d) => `Milestone ${String(d['id'])} completed on ${String(d['date'])}`,
  ConstructionStarted: (d) => `Construction started on ${String(d['date'])}`,
  TrialRunStarted: (d) => `Trial run started on ${String(d['date'])}`,
  KpiMeasured: (d) => `${String(d['kpiCode'])} measured ${String(d['value'])} ${String(d['unit'])}`,
  AcceptanceRequested: () => 'Acceptance requested',
  RectificationCompleted: () => 'Rectification completed after a failed acceptance',
  AcceptanceInspected: (d) => `Acceptance inspection by ${String(d['evaluatorOrgId'])}`,
  ProjectAccepted: (d) => `Accepted on ${String(d['date'])}`,
  AcceptanceFailed: (d) => `Acceptance failed on ${String(d['date'])}`,
  BaselineCorrected: (d) => `Baseline of ${String(d['kpiCode'])} corrected: ${String(d['old'])} → ${String(d['new'])}`,
  AcceptanceFlaggedForReview: () => 'Acceptance flagged for review',
  SubsidyDisbursed: (d) => `Subsidy of ${String(d['amount'])} disbursed`,
  DemonstrationNominated: (d) => `Nominated for the ${String(d['year'])} ${String(d['programme'])} demonstration list`,
  DemonstrationDesignated: (d) => `Designated a ${String(d['level'])} demonstration (${String(d['programme'])})`,
  DemonstrationRevoked: () => 'Demonstration title revoked',
  ProjectSuspended: () => 'Suspended',
  ProjectResumed: () => 'Resumed',
  ProjectTerminated: () => 'Terminated',
  ProjectDistrictChanged: (d) => `Moved with its enterprise from district ${String(d['from'])} to ${String(d['to'])}`,
};

/** `ProjectFiled` → "Project filed" for events without a template. */
const words = (type: string): string => {
  const text = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** Whether the event type has a written summary (else its name is turned into words). */
export function hasSummary(type: string): boolean {
  return type in TEMPLATES;
}

export function summarize(type: string, data: Record<string, unknown>): string {
  return TEMPLATES[type]?.(data) ?? words(type);
}
