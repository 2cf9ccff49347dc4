import { DISTRICTS, PARKS } from '#libs/enterprises/domain';
import { enumName, eventTypeName, industryName, type Lang } from '#libs/labels/domain';

/** Names the summaries use for ids they find in the data (the provider's name for its USCC); ids by default. */
export interface SummaryNames {
  provider(id: string): string;
}
const IDS: SummaryNames = { provider: (id) => id };

type Template = (data: Record<string, unknown>, names: SummaryNames) => string;

/** A readable line per event for the history (the page shows it beside the field changes), in English. */
const TEMPLATES: Record<string, Template> = {
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
  DiagnosticAssigned: (d, n) => `Assigned to provider ${n.provider(String(d['providerId']))}`,
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
  ServiceContractSigned: (d, n) => `Contract with ${n.provider(String(d['providerId']))} worth ${String(d['value'])}`,
  BaselineRecorded: (d) => `Baseline of ${String(d['kpiCode'])}: ${String(d['value'])} ${String(d['unit'])}`,
  BaselineLocked: () => 'Baselines locked',
  MilestonePlanned: (d) => `Milestone ${String(d['id'])} planned: ${String(d['name'])} by ${String(d['due'])}`,
  MilestoneCompleted: (d) => `Milestone ${String(d['id'])} completed on ${String(d['date'])}`,
  ConstructionStarted: (d) => `Construction started on ${String(d['date'])}`,
  TrialRunStarted: (d) => `Trial run started on ${String(d['date'])}`,
  KpiMeasured: (d) => `${String(d['kpiCode'])} measured ${String(d['value'])} ${String(d['unit'])}`,
  AcceptanceRequested: () => 'Acceptance requested',
  RectificationCompleted: () => 'Rectification completed after a failed acceptance',
  AcceptanceInspected: (d, n) => `Acceptance inspection by ${n.provider(String(d['evaluatorOrgId']))}`,
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

/** A value of an event's data as text (data are JSON: objects and lists as JSON). */
const str = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean}`;
};
const yuan = (value: unknown): string =>
  typeof value === 'number' ? `${(Math.round(value / 100) / 100).toFixed(2)} 万元` : str(value);
const district = (code: unknown): string => DISTRICTS[str(code)] ?? str(code);
const park = (id: unknown): string => PARKS.find((p) => p.parkId === id)?.name ?? str(id);
const CORRECTED_FIELDS: Record<string, string> = { name: '名称', industryCode: '行业代码', districtCode: '所属区县' };
const correctedValue = (field: unknown, value: unknown): string =>
  field === 'districtCode'
    ? district(value)
    : field === 'industryCode'
      ? `${industryName(str(value)) ?? ''}（${str(value)}）`
      : str(value);

/** The same lines in Chinese, with names instead of codes. */
const TEMPLATES_ZH: Record<string, Template> = {
  EnterpriseRegistered: (d) => `登记企业 ${str(d['name'])}（${str(d['uscc'])}），所在园区：${park(d['parkId'])}`,
  EnterpriseScaleStatusChanged: (d) =>
    `${str(d['statYear'])} 年度规模状态：${d['aboveDesignatedSize'] ? '规模以上' : '规模以下'}`,
  EnterpriseMovedToPark: (d) => `由 ${park(d['from'])} 迁入 ${park(d['to'])}`,
  EnterpriseDetailsCorrected: (d) =>
    `更正${CORRECTED_FIELDS[str(d['field'])] ?? str(d['field'])}：${correctedValue(d['field'], d['old'])} → ${correctedValue(d['field'], d['new'])}`,
  EnterpriseClosed: () => '企业注销',
  ProviderAdmitted: (d) => `${str(d['name'])} 入库为服务商`,
  AssessorAccredited: (d) => `认定评估人员 ${str(d['name'])}，有效期至 ${str(d['validUntil'])}`,
  ProviderSuspended: () => '服务商暂停',
  DiagnosticScheduled: (d) =>
    `排期${enumName('diagnosticKind', str(d['kind']))}（${str(d['scoringModelId'])} ${str(d['scoringModelVersion'])}），计划日期 ${str(d['plannedDate'])}`,
  DiagnosticAssigned: (d, n) => `指派服务商 ${n.provider(str(d['providerId']))}`,
  DiagnosticRescheduled: (d) => `改期至 ${str(d['newDate'])}`,
  SelfAssessmentSubmitted: () => '企业提交自评（含真实性承诺）',
  OnSiteSurveyConducted: (d) => `${str(d['date'])} 现场调研`,
  IndicatorScored: (d) => `指标 ${str(d['indicatorCode'])} 评分 ${str(d['points'])}`,
  ScenarioLevelRated: (d) => `场景 ${str(d['scenarioCode'])} 评为 ${str(d['level'])} 级`,
  DiagnosticSubmittedForReview: () => '提交审核',
  DiagnosticReviewRejected: () => '审核退回',
  DiagnosticApproved: () => '审核通过',
  MaturityLevelDetermined: (d) => `确定成熟度等级 L${str(d['level'])}（基础分 ${str(d['baseScore'])}）`,
  ReportIssued: (d) => `出具第 ${str(d['reportVersion'])} 版诊断报告`,
  RecommendationsProposed: (d) => `提出 ${Array.isArray(d['items']) ? d['items'].length : 0} 条改造建议`,
  ReportAcknowledged: () => '企业确认诊断报告',
  ReportDisputed: () => '企业对诊断报告提出异议',
  ScoreCorrected: (d) => `更正 ${str(d['target'])} 的评分：${str(d['old'])} → ${str(d['new'])}`,
  MaturityLevelRecomputed: (d) => `成熟度等级重新计算：L${str(d['old'])} → L${str(d['new'])}`,
  ReportReissued: (d) => `重新出具第 ${str(d['reportVersion'])} 版诊断报告`,
  RecommendationStatusChanged: (d) => `建议 ${str(d['recId'])} ${enumName('recommendationStatus', str(d['status']))}`,
  DiagnosticClosed: () => '诊断关闭',
  DiagnosticCancelled: () => '诊断取消',
  DiagnosticWithdrawn: (d) => `诊断撤回（${enumName('withdrawalReason', str(d['reasonCode']))}）`,
  DiagnosticDistrictChanged: (d) => `随企业由 ${district(d['from'])} 变更至 ${district(d['to'])}`,
  ProjectProposed: (d) => `申报${enumName('projectType', str(d['type']))}项目「${str(d['name'])}」`,
  ProjectFiled: () => '向区县备案',
  ProjectApproved: (d) => `批准（${str(d['approvalNo'])}），批准预算 ${yuan(d['approvedBudget'])}`,
  ProjectRejected: () => '项目驳回',
  ServiceContractSigned: (d, n) => `与 ${n.provider(str(d['providerId']))} 签订服务合同，金额 ${yuan(d['value'])}`,
  BaselineRecorded: (d) => `记录基线 ${str(d['kpiCode'])}：${str(d['value'])} ${str(d['unit'])}`,
  BaselineLocked: () => '锁定基线',
  MilestonePlanned: (d) => `计划里程碑 ${str(d['id'])}「${str(d['name'])}」，截止 ${str(d['due'])}`,
  MilestoneCompleted: (d) => `里程碑 ${str(d['id'])} 于 ${str(d['date'])} 完成`,
  ConstructionStarted: (d) => `${str(d['date'])} 开工建设`,
  TrialRunStarted: (d) => `${str(d['date'])} 开始试运行`,
  KpiMeasured: (d) => `测得 ${str(d['kpiCode'])}：${str(d['value'])} ${str(d['unit'])}`,
  AcceptanceRequested: () => '申请验收',
  RectificationCompleted: () => '验收未通过后整改完成',
  AcceptanceInspected: (d, n) => `${n.provider(str(d['evaluatorOrgId']))} 进行验收检查`,
  ProjectAccepted: (d) => `${str(d['date'])} 验收通过`,
  AcceptanceFailed: (d) => `${str(d['date'])} 验收未通过`,
  BaselineCorrected: (d) => `更正基线 ${str(d['kpiCode'])}：${str(d['old'])} → ${str(d['new'])}`,
  AcceptanceFlaggedForReview: () => '验收结果待复核',
  SubsidyDisbursed: (d) => `拨付补贴 ${yuan(d['amount'])}`,
  DemonstrationNominated: (d) => `推荐为 ${str(d['year'])} 年度「${str(d['programme'])}」示范`,
  DemonstrationDesignated: (d) =>
    `认定为${enumName('demonstrationLevel', str(d['level']))}示范（${str(d['programme'])}）`,
  DemonstrationRevoked: () => '撤销示范称号',
  ProjectSuspended: () => '项目暂停',
  ProjectResumed: () => '项目恢复',
  ProjectTerminated: () => '项目终止',
  ProjectDistrictChanged: (d) => `随企业由 ${district(d['from'])} 变更至 ${district(d['to'])}`,
};

/** `ProjectFiled` → "Project filed" for events without a template. */
const words = (type: string): string => {
  const text = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** Whether the event type has a written summary in both languages (else its name is turned into words). */
export function hasSummary(type: string): boolean {
  return type in TEMPLATES && type in TEMPLATES_ZH;
}

/** The event's line, English unless asked for Chinese, with the names `names` knows in place of ids. */
export function summarize(type: string, data: Record<string, unknown>, lang: Lang = 'en', names = IDS): string {
  if (lang === 'zh') return TEMPLATES_ZH[type]?.(data, names) ?? eventTypeName(type, 'zh');
  return TEMPLATES[type]?.(data, names) ?? words(type);
}

/** The providers' USCCs an event's summary names (their names replace them when known). */
export function providersNamedBy(data: Record<string, unknown>): string[] {
  return [data['providerId'], data['evaluatorOrgId']].filter((id): id is string => typeof id === 'string');
}
