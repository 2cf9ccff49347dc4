/**
 * The words people read, in Chinese (the default) and English: every event type, enum value and role of the
 * domain, and the GB/T 4754 industry divisions. The audit page, the history's summaries, the reports and the
 * error details take their names from here. Each table is keyed by the domain's own type, so a new event type
 * or enum value does not compile until it has its two names.
 */
import type {
  DiagnosticEvent,
  DiagnosticKind,
  DiagnosticStatus,
  RECOMMENDATION_STATUSES,
  WITHDRAWAL_REASONS,
} from '#libs/diagnostics/domain';
import type { EnterpriseEvent } from '#libs/enterprises/domain';
import type { DEMONSTRATION_LEVELS, PROJECT_TYPES, ProjectEvent, ProjectStage } from '#libs/projects/domain';

type ProjectType = (typeof PROJECT_TYPES)[number];
type DemonstrationLevel = (typeof DEMONSTRATION_LEVELS)[number];
type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
import type { ProviderEvent } from '#libs/providers/domain';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
/** A name in Chinese and in English. */
export type Names = Readonly<Record<Lang, string>>;
const n = (zh: string, en: string): Names => ({ zh, en });

type EventType = EnterpriseEvent['type'] | ProviderEvent['type'] | DiagnosticEvent['type'] | ProjectEvent['type'];

export const EVENT_TYPE_NAMES: Readonly<Record<EventType, Names>> = {
  EnterpriseRegistered: n('企业登记', 'Enterprise registered'),
  EnterpriseScaleStatusChanged: n('规上状态变更', 'Scale status changed'),
  EnterpriseMovedToPark: n('迁入园区', 'Moved to a park'),
  EnterpriseDetailsCorrected: n('企业信息更正', 'Details corrected'),
  EnterpriseClosed: n('企业注销', 'Enterprise closed'),
  ProviderAdmitted: n('服务商入库', 'Provider admitted'),
  AssessorAccredited: n('评估人员认定', 'Assessor accredited'),
  ProviderSuspended: n('服务商暂停', 'Provider suspended'),
  DiagnosticScheduled: n('诊断排期', 'Diagnostic scheduled'),
  DiagnosticAssigned: n('指派服务商', 'Provider assigned'),
  DiagnosticRescheduled: n('诊断改期', 'Diagnostic rescheduled'),
  SelfAssessmentSubmitted: n('提交自评', 'Self-assessment submitted'),
  OnSiteSurveyConducted: n('现场调研', 'On-site survey'),
  IndicatorScored: n('指标评分', 'Indicator scored'),
  ScenarioLevelRated: n('场景评级', 'Scenario rated'),
  DiagnosticSubmittedForReview: n('提交审核', 'Submitted for review'),
  DiagnosticReviewRejected: n('审核退回', 'Review rejected'),
  DiagnosticApproved: n('审核通过', 'Review approved'),
  MaturityLevelDetermined: n('确定成熟度等级', 'Maturity level determined'),
  ReportIssued: n('出具诊断报告', 'Report issued'),
  RecommendationsProposed: n('提出改造建议', 'Recommendations proposed'),
  ReportAcknowledged: n('企业确认报告', 'Report acknowledged'),
  ReportDisputed: n('企业异议', 'Report disputed'),
  ScoreCorrected: n('评分更正', 'Score corrected'),
  MaturityLevelRecomputed: n('等级重新计算', 'Level recomputed'),
  ReportReissued: n('报告重新出具', 'Report reissued'),
  RecommendationStatusChanged: n('建议状态变更', 'Recommendation status changed'),
  DiagnosticClosed: n('诊断关闭', 'Diagnostic closed'),
  DiagnosticCancelled: n('诊断取消', 'Diagnostic cancelled'),
  DiagnosticWithdrawn: n('诊断撤回', 'Diagnostic withdrawn'),
  DiagnosticDistrictChanged: n('随企业变更所属区县', 'Moved with its enterprise'),
  ProjectProposed: n('项目申报', 'Project proposed'),
  ProjectFiled: n('项目备案', 'Project filed'),
  ProjectApproved: n('项目批准', 'Project approved'),
  ProjectRejected: n('项目驳回', 'Project rejected'),
  ServiceContractSigned: n('签订服务合同', 'Service contract signed'),
  BaselineRecorded: n('记录基线', 'Baseline recorded'),
  BaselineLocked: n('锁定基线', 'Baselines locked'),
  MilestonePlanned: n('计划里程碑', 'Milestone planned'),
  MilestoneCompleted: n('里程碑完成', 'Milestone completed'),
  ConstructionStarted: n('开工建设', 'Construction started'),
  TrialRunStarted: n('试运行开始', 'Trial run started'),
  KpiMeasured: n('指标测量', 'KPI measured'),
  AcceptanceRequested: n('申请验收', 'Acceptance requested'),
  RectificationCompleted: n('整改完成', 'Rectification completed'),
  AcceptanceInspected: n('验收检查', 'Acceptance inspected'),
  ProjectAccepted: n('验收通过', 'Project accepted'),
  AcceptanceFailed: n('验收未通过', 'Acceptance failed'),
  BaselineCorrected: n('基线更正', 'Baseline corrected'),
  AcceptanceFlaggedForReview: n('验收待复核', 'Acceptance flagged for review'),
  SubsidyDisbursed: n('拨付补贴', 'Subsidy disbursed'),
  DemonstrationNominated: n('推荐示范', 'Nominated for demonstration'),
  DemonstrationDesignated: n('认定示范', 'Demonstration designated'),
  DemonstrationRevoked: n('撤销示范', 'Demonstration revoked'),
  ProjectSuspended: n('项目暂停', 'Project suspended'),
  ProjectResumed: n('项目恢复', 'Project resumed'),
  ProjectTerminated: n('项目终止', 'Project terminated'),
  ProjectDistrictChanged: n('随企业变更所属区县', 'Moved with its enterprise'),
};

/** The domain's enumerations, by the name the API and the page use for each. */
export const ENUM_NAMES = {
  enterpriseStatus: {
    active: n('在营', 'active'),
    closed: n('已注销', 'closed'),
  } satisfies Record<'active' | 'closed', Names>,
  projectStage: {
    proposed: n('申报', 'proposed'),
    filed: n('备案', 'filed'),
    approved: n('批准', 'approved'),
    contracted: n('签约', 'contracted'),
    baseline_locked: n('基线锁定', 'baseline locked'),
    under_construction: n('建设中', 'under construction'),
    trial_run: n('试运行', 'trial run'),
    acceptance_requested: n('申请验收', 'acceptance requested'),
    acceptance_failed: n('验收未通过', 'acceptance failed'),
    accepted: n('已验收', 'accepted'),
    rejected: n('驳回', 'rejected'),
    terminated: n('终止', 'terminated'),
  } satisfies Record<ProjectStage, Names>,
  projectType: {
    digital_workshop: n('数字化车间', 'digital workshop'),
    smart_factory: n('智能工厂', 'smart factory'),
    other: n('其他改造', 'other retrofit'),
  } satisfies Record<ProjectType, Names>,
  demonstrationLevel: {
    district: n('区级', 'district'),
    city: n('市级', 'city'),
    province: n('省级', 'province'),
    national: n('国家级', 'national'),
  } satisfies Record<DemonstrationLevel, Names>,
  diagnosticStatus: {
    scheduled: n('已排期', 'scheduled'),
    assigned: n('已指派', 'assigned'),
    surveyed: n('已调研', 'surveyed'),
    in_review: n('审核中', 'in review'),
    approved: n('已审核', 'approved'),
    report_issued: n('已出具报告', 'report issued'),
    acknowledged: n('企业已确认', 'acknowledged'),
    disputed: n('企业有异议', 'disputed'),
    closed: n('已关闭', 'closed'),
    cancelled: n('已取消', 'cancelled'),
    withdrawn: n('已撤回', 'withdrawn'),
  } satisfies Record<DiagnosticStatus, Names>,
  diagnosticKind: {
    periodic: n('定期诊断', 'periodic'),
    pre_retrofit: n('改造前诊断', 'before a retrofit'),
    post_retrofit: n('改造后诊断', 'after a retrofit'),
  } satisfies Record<DiagnosticKind, Names>,
  withdrawalReason: {
    duplicate: n('重复诊断', 'duplicate'),
    wrong_enterprise: n('企业有误', 'wrong enterprise'),
    invalid_evidence: n('证据无效', 'invalid evidence'),
    fraud: n('弄虚作假', 'fraud'),
    out_of_scope: n('不在范围内', 'out of scope'),
  } satisfies Record<WithdrawalReason, Names>,
  recommendationStatus: {
    proposed: n('已提出', 'proposed'),
    accepted: n('已采纳', 'accepted'),
    in_progress: n('实施中', 'in progress'),
    done: n('已完成', 'done'),
    rejected: n('未采纳', 'rejected'),
  } satisfies Record<RecommendationStatus, Names>,
  priority: {
    high: n('高', 'high'),
    medium: n('中', 'medium'),
    low: n('低', 'low'),
  } satisfies Record<'high' | 'medium' | 'low', Names>,
  role: {
    admin: n('管理员', 'admin'),
    officer: n('主管部门', 'officer'),
    assessor: n('评估人员', 'assessor'),
    enterprise: n('企业', 'enterprise'),
    viewer: n('查看者', 'viewer'),
  } satisfies Record<'admin' | 'officer' | 'assessor' | 'enterprise' | 'viewer', Names>,
} as const;
export type EnumName = keyof typeof ENUM_NAMES;

/**
 * GB/T 4754-2017 divisions of industry (采矿业 B, 制造业 C, 电力、热力、燃气及水生产和供应业 D): the
 * industries of enterprises above designated size.
 */
export const INDUSTRY_DIVISIONS: Readonly<Record<string, Names>> = {
  '06': n('煤炭开采和洗选业', 'Coal mining and washing'),
  '07': n('石油和天然气开采业', 'Oil and gas extraction'),
  '08': n('黑色金属矿采选业', 'Ferrous metal ore mining'),
  '09': n('有色金属矿采选业', 'Non-ferrous metal ore mining'),
  '10': n('非金属矿采选业', 'Non-metallic mineral mining'),
  '11': n('开采专业及辅助性活动', 'Mining support activities'),
  '12': n('其他采矿业', 'Other mining'),
  '13': n('农副食品加工业', 'Agricultural and sideline food processing'),
  '14': n('食品制造业', 'Food manufacturing'),
  '15': n('酒、饮料和精制茶制造业', 'Liquor, beverages and refined tea'),
  '16': n('烟草制品业', 'Tobacco products'),
  '17': n('纺织业', 'Textiles'),
  '18': n('纺织服装、服饰业', 'Textile garments and apparel'),
  '19': n('皮革、毛皮、羽毛及其制品和制鞋业', 'Leather, fur, feathers and footwear'),
  '20': n('木材加工和木、竹、藤、棕、草制品业', 'Wood, bamboo, rattan, palm and straw products'),
  '21': n('家具制造业', 'Furniture'),
  '22': n('造纸和纸制品业', 'Paper and paper products'),
  '23': n('印刷和记录媒介复制业', 'Printing and reproduction of recorded media'),
  '24': n('文教、工美、体育和娱乐用品制造业', 'Cultural, arts, sports and entertainment goods'),
  '25': n('石油、煤炭及其他燃料加工业', 'Petroleum, coal and other fuel processing'),
  '26': n('化学原料和化学制品制造业', 'Chemical raw materials and products'),
  '27': n('医药制造业', 'Pharmaceuticals'),
  '28': n('化学纤维制造业', 'Chemical fibres'),
  '29': n('橡胶和塑料制品业', 'Rubber and plastic products'),
  '30': n('非金属矿物制品业', 'Non-metallic mineral products'),
  '31': n('黑色金属冶炼和压延加工业', 'Ferrous metal smelting and rolling'),
  '32': n('有色金属冶炼和压延加工业', 'Non-ferrous metal smelting and rolling'),
  '33': n('金属制品业', 'Metal products'),
  '34': n('通用设备制造业', 'General-purpose machinery'),
  '35': n('专用设备制造业', 'Special-purpose machinery'),
  '36': n('汽车制造业', 'Motor vehicles'),
  '37': n('铁路、船舶、航空航天和其他运输设备制造业', 'Railway, ship, aerospace and other transport equipment'),
  '38': n('电气机械和器材制造业', 'Electrical machinery and equipment'),
  '39': n('计算机、通信和其他电子设备制造业', 'Computers, communication and other electronic equipment'),
  '40': n('仪器仪表制造业', 'Instruments and meters'),
  '41': n('其他制造业', 'Other manufacturing'),
  '42': n('废弃资源综合利用业', 'Recycling of waste resources'),
  '43': n('金属制品、机械和设备修理业', 'Repair of metal products, machinery and equipment'),
  '44': n('电力、热力生产和供应业', 'Electricity and heat supply'),
  '45': n('燃气生产和供应业', 'Gas supply'),
  '46': n('水的生产和供应业', 'Water supply'),
};

/** The name of an event type; the type itself when it has none (an event of a newer version, say). */
export function eventTypeName(type: string, lang: Lang = 'zh'): string {
  return (EVENT_TYPE_NAMES as Record<string, Names>)[type]?.[lang] ?? type;
}

/** The name of an enumeration's value; the value itself when it has none. */
export function enumName(kind: EnumName, value: string, lang: Lang = 'zh'): string {
  return (ENUM_NAMES[kind] as Record<string, Names>)[value]?.[lang] ?? value;
}

/** A GB/T 4754 code's division name (`C3911`, `C39` and `39` name division 39); null for a division it lacks. */
export function industryName(code: string, lang: Lang = 'zh'): string | null {
  const digits = /^[A-Z]?(\d{2})/.exec(code)?.[1];
  return (digits && INDUSTRY_DIVISIONS[digits]?.[lang]) || null;
}

/** `zh` unless the `Accept-Language` header prefers English over Chinese. */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((entry) => entry.tag.startsWith('zh') || entry.tag.startsWith('en'));
  return first?.tag.startsWith('en') ? 'en' : 'zh';
}

/**
 * The fields of the objects' states, as the history's changes and the as-of view name them (by their first
 * segment: `points.F4` is a score, `result.baseScore` the result's base score).
 */
export const FIELD_NAMES: Readonly<Record<string, Names>> = {
  uscc: n('统一社会信用代码', 'USCC'),
  name: n('名称', 'name'),
  industryCode: n('行业', 'industry'),
  districtCode: n('所属区县', 'district'),
  parkId: n('园区', 'park'),
  aboveDesignatedSize: n('规模以上', 'above designated size'),
  statYear: n('统计年度', 'statistical year'),
  status: n('状态', 'status'),
  id: n('编号', 'id'),
  enterpriseId: n('企业', 'enterprise'),
  campaignId: n('批次', 'campaign'),
  kind: n('诊断类型', 'kind'),
  scoringModelId: n('评分模型', 'scoring model'),
  scoringModelVersion: n('评分模型版本', 'scoring model version'),
  plannedDate: n('计划日期', 'planned date'),
  dueDate: n('截止日期', 'due date'),
  providerId: n('服务商', 'provider'),
  assessorIds: n('评估人员', 'assessors'),
  surveyDate: n('现场调研日期', 'survey date'),
  points: n('指标得分', 'indicator score'),
  scenarioLevels: n('场景等级', 'scenario level'),
  'result.level': n('成熟度等级', 'maturity level'),
  'result.baseScore': n('基础分', 'base score'),
  'result.dimensionScores': n('维度得分', 'dimension score'),
  'result.ruleTrace': n('定级依据', 'rule trace'),
  'result.modelId': n('评分模型', 'scoring model'),
  'result.modelVersion': n('评分模型版本', 'scoring model version'),
  result: n('诊断结果', 'result'),
  reportVersion: n('报告版本', 'report version'),
  recommendations: n('改造建议', 'recommendations'),
  selfAssessment: n('企业自评', 'self-assessment'),
  reopenedByDispute: n('因异议重审', 'reopened by a dispute'),
  stage: n('阶段', 'stage'),
  type: n('项目类型', 'project type'),
  scenarios: n('改造场景', 'scenarios'),
  plannedBudget: n('计划投资', 'planned budget'),
  approvedBudget: n('批准预算', 'approved budget'),
  approvalNo: n('批准文号', 'approval number'),
  subsidyRate: n('补贴比例', 'subsidy rate'),
  subsidyCap: n('补贴上限', 'subsidy cap'),
  subsidyDisbursed: n('已拨补贴', 'subsidy disbursed'),
  acceptanceUnderReview: n('验收待复核', 'acceptance under review'),
  contractValue: n('合同金额', 'contract value'),
  baselines: n('基线', 'baseline'),
  baselineLocked: n('基线已锁定', 'baselines locked'),
  milestones: n('里程碑', 'milestones'),
  constructionStartedOn: n('开工日期', 'construction started'),
  trialRunStartedOn: n('试运行开始日期', 'trial run started'),
  measurements: n('指标测量', 'measurements'),
  acceptedOn: n('验收日期', 'accepted on'),
  suspended: n('已暂停', 'suspended'),
  demonstrations: n('示范认定', 'demonstrations'),
  types: n('服务类型', 'service types'),
  assessors: n('评估人员', 'assessors'),
  admitted: n('已入库', 'admitted'),
  recId: n('编号', 'id'),
  action: n('措施', 'action'),
  estCost: n('估算投资（万元）', 'estimated cost (10k yuan)'),
  priority: n('优先级', 'priority'),
  scenario: n('场景', 'scenario'),
  providerType: n('服务商类型', 'provider type'),
  linkedProjectId: n('关联项目', 'linked project'),
};

/**
 * A field path's name: `points.F4` → "指标得分 F4", `result.baseScore` → "基础分"; a path it does not know
 * keeps its own text.
 */
export function fieldName(path: string, lang: Lang = 'zh'): string {
  // `recommendations[0]` is the first of the recommendations.
  const segments = path.replace(/\[(\d+)\]/g, (_, i: string) => `.${Number(i) + 1}`).split('.');
  for (let length = segments.length; length > 0; length--) {
    const names = FIELD_NAMES[segments.slice(0, length).join('.')];
    if (names) return [names[lang], ...segments.slice(length)].join(' ');
  }
  return path;
}
