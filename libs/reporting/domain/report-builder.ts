import { PROJECT_STAGES } from '#libs/projects/domain';
import type { DiagnosticFacts, EnterpriseFacts, ProjectFacts } from './report-facts.js';
import type { Period, ReportKind } from './periods.js';

/**
 * The report builders of DOMAIN.md section 6: pure functions from the facts as recorded at the end of a period
 * (and at the end of the one before) to sections of tables. Every section is a table with named columns, so
 * the JSON, CSV, HTML and PDF renderings all show the same rows.
 */

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  /** How to show a number: a share as a percentage, money in 万元, or a plain count. */
  format?: 'percent' | 'count' | 'number' | 'money';
}

export interface Chart {
  type: 'bar';
  /** The column whose values name the bars, and the columns drawn as bars. */
  labelKey: string;
  valueKeys: string[];
  percent?: boolean;
}

export interface Section {
  key: string;
  title: string;
  note?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  chart?: Chart;
}

export interface ReportScope {
  /** null: the whole deployment. */
  districtCode: string | null;
}

export interface ReportInput {
  kind: ReportKind;
  period: Period;
  previous: Period;
  scope: ReportScope;
  /** Facts as recorded up to the end of the period, and up to the end of the period before. */
  now: FactsSet;
  before: FactsSet;
  scenarios: readonly { code: string; name: string; constrained: boolean }[];
  /** Which way is better for each KPI. */
  kpiBetter: Readonly<Record<string, 'up' | 'down'>>;
  names: {
    park(parkId: string): string;
    district(code: string): string;
    provider(id: string): string;
    kpi(code: string): string;
  };
}

export interface FactsSet {
  enterprises: readonly EnterpriseFacts[];
  diagnostics: readonly DiagnosticFacts[];
  projects: readonly ProjectFacts[];
}

export interface ReportBody {
  kind: ReportKind;
  period: string;
  periodStart: string;
  /** The last day of the period. */
  periodEnd: string;
  districtCode: string | null;
  scopeName: string;
  headline: Record<string, number | null>;
  sections: Section[];
}

const DAY_MS = 86_400_000;
const LEVELS = [0, 1, 2, 3, 4] as const;
const OPEN_DIAGNOSTIC = new Set(['scheduled', 'assigned', 'surveyed']);
const ENDED_PROJECT = new Set(['rejected', 'terminated', 'accepted']);

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole));
const days = (from: string, to: string): number =>
  Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
const addDays = (date: string, n: number): string => new Date(Date.parse(date) + n * DAY_MS).toISOString().slice(0, 10);
const minusMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
/** A GB/T 4754 code to its two-digit division: `C3911` → `C39`. */
export const industryDivision = (code: string): string => /^[A-T]?\d{2}/.exec(code)?.[0] ?? code;

/** Linear-interpolated percentile (the spreadsheet PERCENTILE.INC) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return round(sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low));
}

/** A weighted median: the smallest value at which the cumulative weight reaches half. */
export function weightedMedian(values: readonly { value: number; weight: number }[]): number | null {
  const items = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = items.reduce((sum, v) => sum + v.weight, 0);
  if (total === 0) return null;
  let running = 0;
  for (const item of items) {
    running += item.weight;
    if (running >= total / 2) return round(item.value);
  }
  return round(items.at(-1)!.value);
}

/** The facts one report reads: objects in its scope, with each firm's current level. */
class View {
  readonly enterprises: EnterpriseFacts[];
  readonly diagnostics: DiagnosticFacts[];
  readonly projects: ProjectFacts[];
  readonly byId: Map<string, EnterpriseFacts>;
  /** Each firm's latest issued, non-withdrawn diagnostic up to the end date. */
  readonly latest = new Map<string, DiagnosticFacts>();

  constructor(facts: FactsSet, scope: ReportScope, endDate: string) {
    const inScope = (districtCode: string) => scope.districtCode === null || districtCode === scope.districtCode;
    this.enterprises = facts.enterprises.filter((e) => inScope(e.districtCode));
    this.byId = new Map(this.enterprises.map((e) => [e.id, e]));
    this.diagnostics = facts.diagnostics.filter((d) => this.byId.has(d.enterpriseId));
    this.projects = facts.projects.filter((p) => this.byId.has(p.enterpriseId));
    for (const d of this.diagnostics) {
      if (d.issuedAt === null || d.status === 'withdrawn' || d.issuedAt.slice(0, 10) >= endDate) continue;
      const current = this.latest.get(d.enterpriseId);
      if (!current || current.issuedAt! < d.issuedAt) this.latest.set(d.enterpriseId, d);
    }
  }

  /** Firms above designated size and open on the reference date: the denominator of coverage. */
  aboveSize(): EnterpriseFacts[] {
    return this.enterprises.filter((e) => e.aboveDesignatedSize && e.status !== 'closed');
  }

  level(enterpriseId: string): number | null {
    return this.latest.get(enterpriseId)?.level ?? null;
  }

  /** Every diagnostic and project in the view belongs to a firm of the view. */
  firmName(enterpriseId: string): string {
    return this.byId.get(enterpriseId)!.name;
  }

  /** The milestones not yet completed of projects still under way, due before `date`. */
  openMilestones(before: string): { project: ProjectFacts; milestone: ProjectFacts['milestones'][number] }[] {
    return this.projects
      .filter((project) => !ENDED_PROJECT.has(project.stage))
      .flatMap((project) =>
        project.milestones
          .filter((milestone) => milestone.completedOn === null && milestone.due < before)
          .map((milestone) => ({ project, milestone })),
      );
  }
}

const pct = (key: string, label: string): Column => ({ key, label, format: 'percent' });
const count = (key: string, label: string): Column => ({ key, label, format: 'count' });
const text = (key: string, label: string): Column => ({ key, label });

function coverage(view: View, input: ReportInput, by: 'park' | 'industry'): Section {
  const cutoff = minusMonths(input.period.endDate, 12);
  const groups = new Map<string, { firms: number; ever: number; recent: number }>();
  const total = { firms: 0, ever: 0, recent: 0 };
  for (const firm of view.aboveSize()) {
    const key = by === 'park' ? firm.parkId : industryDivision(firm.industryCode);
    const group = groups.get(key) ?? { firms: 0, ever: 0, recent: 0 };
    const latest = view.latest.get(firm.id);
    for (const g of [group, total]) {
      g.firms++;
      if (latest) g.ever++;
      if (latest && latest.issuedAt!.slice(0, 10) >= cutoff) g.recent++;
    }
    groups.set(key, group);
  }
  const row = (label: string, g: typeof total, name: string) => ({
    [by]: label,
    name,
    firms: g.firms,
    diagnosedEver: g.ever,
    coverageEver: share(g.ever, g.firms),
    diagnosed12m: g.recent,
    coverage12m: share(g.recent, g.firms),
  });
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => row(key, g, by === 'park' ? input.names.park(key) : key));
  rows.push(row('total', total, '合计'));
  return {
    key: `coverage_by_${by}`,
    title: by === 'park' ? '诊断覆盖率（按园区）' : '诊断覆盖率（按行业大类）',
    note: '规上企业中已出具且未撤回诊断报告的比例：累计，及近 12 个月内。',
    columns: [
      text(by, by === 'park' ? '园区编号' : '行业'),
      text('name', by === 'park' ? '园区' : '行业大类'),
      count('firms', '规上企业'),
      count('diagnosedEver', '累计已诊断'),
      pct('coverageEver', '累计覆盖率'),
      count('diagnosed12m', '12个月内已诊断'),
      pct('coverage12m', '12个月覆盖率'),
    ],
    rows,
    chart:
      by === 'park'
        ? { type: 'bar', labelKey: 'name', valueKeys: ['coverageEver', 'coverage12m'], percent: true }
        : undefined,
  };
}

function levelDistribution(view: View, input: ReportInput): Section {
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
      text('industry', '行业'),
      ...LEVELS.map((l) => count(`L${l}`, `L${l}`)),
      count('none', '未诊断'),
    ],
    rows,
  };
}

function levelTotals(view: View): Section {
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

function weakestScenarios(view: View, input: ReportInput): Section {
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

const STAGE_NAMES: Record<string, string> = {
  proposed: '申报',
  filed: '备案',
  approved: '批准',
  contracted: '签约',
  baseline_locked: '基线锁定',
  under_construction: '建设中',
  trial_run: '试运行',
  acceptance_requested: '申请验收',
  acceptance_failed: '验收未通过',
  accepted: '已验收',
  rejected: '驳回',
  terminated: '终止',
};

function projectFunnel(view: View): Section {
  const reached = (stage: string) => view.projects.filter((p) => p.stage === stage).length;
  return {
    key: 'project_funnel',
    title: '改造项目漏斗（按阶段）',
    columns: [text('stage', '阶段'), text('name', '名称'), count('projects', '项目数')],
    rows: PROJECT_STAGES.map((stage) => ({ stage, name: STAGE_NAMES[stage]!, projects: reached(stage) })),
    chart: { type: 'bar', labelKey: 'name', valueKeys: ['projects'] },
  };
}

function budget(view: View): Section {
  const approved = view.projects.filter((p) => p.approvedBudget !== null && p.stage !== 'rejected');
  const sum = (values: (number | null)[]) =>
    round(
      values.reduce<number>((a, b) => a + (b ?? 0), 0),
      2,
    );
  const byType = new Map<string, ProjectFacts[]>();
  for (const p of approved) byType.set(p.type, [...(byType.get(p.type) ?? []), p]);
  const row = (type: string, projects: ProjectFacts[]) => {
    const approvedTotal = sum(projects.map((p) => p.approvedBudget));
    const contracted = sum(projects.map((p) => p.contractValue));
    return {
      type,
      projects: projects.length,
      approved: approvedTotal,
      contracted,
      subsidyDisbursed: sum(projects.map((p) => p.subsidyDisbursed)),
      contractedShare: share(contracted, approvedTotal),
    };
  };
  const rows = [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, ps]) => row(type, ps));
  rows.push(row('total', approved));
  return {
    key: 'budget',
    title: '预算执行（已签约对比已批准，万元）',
    columns: [
      text('type', '项目类型'),
      count('projects', '项目数'),
      { key: 'approved', label: '批准预算', format: 'money' },
      { key: 'contracted', label: '已签合同', format: 'money' },
      { key: 'subsidyDisbursed', label: '已拨补贴', format: 'money' },
      pct('contractedShare', '签约/批准'),
    ],
    rows,
  };
}

interface KpiChange {
  project: ProjectFacts;
  kpiCode: string;
  baseline: number;
  latest: number;
  change: number;
  improved: boolean;
}

function kpiChanges(input: ReportInput, projects: readonly ProjectFacts[]): KpiChange[] {
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

function kpisWrongWay(view: View, input: ReportInput): Section {
  const live = view.projects.filter((p) => !['rejected', 'terminated'].includes(p.stage));
  const rows = kpiChanges(input, live)
    .filter((c) => !c.improved && c.change !== 0)
    .sort((a, b) => a.project.id.localeCompare(b.project.id) || a.kpiCode.localeCompare(b.kpiCode))
    .map((c) => ({
      project: c.project.name,
      enterprise: view.firmName(c.project.enterpriseId),
      stage: STAGE_NAMES[c.project.stage] ?? c.project.stage,
      kpi: input.names.kpi(c.kpiCode),
      baseline: c.baseline,
      latest: c.latest,
      change: c.change,
    }));
  return {
    key: 'kpis_wrong_way',
    title: '指标向不利方向变化的项目',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('stage', '阶段'),
      text('kpi', '指标'),
      { key: 'baseline', label: '基线', format: 'number' },
      { key: 'latest', label: '最新', format: 'number' },
      pct('change', '相对变化'),
    ],
    rows,
  };
}

function levelMigration(now: View, before: View): Section {
  const keys = ['none', ...LEVELS.map((l) => `L${l}`)];
  const matrix = new Map(keys.map((k) => [k, new Map(keys.map((c) => [c, 0]))]));
  for (const firm of now.aboveSize()) {
    const from = before.level(firm.id);
    const to = now.level(firm.id);
    const row = matrix.get(from === null ? 'none' : `L${from}`)!;
    const column = to === null ? 'none' : `L${to}`;
    row.set(column, row.get(column)! + 1);
  }
  return {
    key: 'level_migration',
    title: '等级迁移矩阵（上期 → 本期）',
    note: '行：上期末等级；列：本期末等级（规上企业）。',
    columns: [text('from', '上期\\本期'), ...keys.map((k) => count(k, k === 'none' ? '未诊断' : k))],
    rows: keys.map((from) => ({ from: from === 'none' ? '未诊断' : from, ...Object.fromEntries(matrix.get(from)!) })),
  };
}

function kpiDeltas(view: View, input: ReportInput): Section {
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

function newDemonstrations(view: View, input: ReportInput): Section {
  const { start, end } = input.period;
  const rows = view.projects
    .flatMap((p) =>
      p.demonstrations
        .filter((d) => !d.revoked && d.designatedAt >= start.toISOString() && d.designatedAt < end.toISOString())
        .map((d) => ({
          project: p.name,
          enterprise: view.firmName(p.enterpriseId),
          programme: d.programme,
          level: d.level,
          year: d.year,
          designatedOn: d.designatedAt.slice(0, 10),
        })),
    )
    .sort((a, b) => a.designatedOn.localeCompare(b.designatedOn) || a.project.localeCompare(b.project));
  return {
    key: 'new_demonstrations',
    title: '本期新认定的示范项目',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('programme', '示范类别'),
      text('level', '级别'),
      count('year', '年度'),
      text('designatedOn', '认定日期'),
    ],
    rows,
  };
}

function providerLeague(view: View, input: ReportInput): Section {
  const from = minusMonths(input.period.endDate, 12);
  const stats = new Map<
    string,
    { submitted: number; onTime: number; issued: number; disputed: number; corrected: number }
  >();
  for (const d of view.diagnostics) {
    if (!d.providerId) continue;
    const s = stats.get(d.providerId) ?? { submitted: 0, onTime: 0, issued: 0, disputed: 0, corrected: 0 };
    if (d.submittedAt && d.submittedAt.slice(0, 10) >= from) {
      s.submitted++;
      if (d.submittedAt.slice(0, 10) <= d.dueDate) s.onTime++;
    }
    if (d.issuedAt && d.issuedAt.slice(0, 10) >= from) {
      s.issued++;
      if (d.disputes > 0) s.disputed++;
      if (d.corrections > 0) s.corrected++;
    }
    stats.set(d.providerId, s);
  }
  const rows = [...stats.entries()]
    .map(([id, s]) => ({
      provider: input.names.provider(id),
      submitted: s.submitted,
      onTimeRate: share(s.onTime, s.submitted),
      issued: s.issued,
      disputeRate: share(s.disputed, s.issued),
      correctionRate: share(s.corrected, s.issued),
    }))
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.provider.localeCompare(b.provider));
  return {
    key: 'provider_league',
    title: '服务商排行（近 12 个月）',
    note: '按期率：按截止日前提交审核的诊断占比；异议率、更正率：已出具报告中被异议、被更正的占比。',
    columns: [
      text('provider', '服务商'),
      count('submitted', '提交审核'),
      pct('onTimeRate', '按期率'),
      count('issued', '出具报告'),
      pct('disputeRate', '异议率'),
      pct('correctionRate', '更正率'),
    ],
    rows,
  };
}

function overdueItems(view: View, input: ReportInput): Section {
  const end = input.period.endDate;
  const diagnostics = view.diagnostics
    .filter((d) => OPEN_DIAGNOSTIC.has(d.status) && d.dueDate < end)
    .map((d) => ({
      item: '诊断未按期提交',
      subject: view.firmName(d.enterpriseId),
      reference: d.id,
      owner: d.providerId ? input.names.provider(d.providerId) : `${input.names.district(d.districtCode)}（待指派）`,
      due: d.dueDate,
      ageDays: days(d.dueDate, end),
    }));
  const milestones = view.openMilestones(end).map(({ project: p, milestone: m }) => ({
    item: `里程碑逾期：${m.name}`,
    subject: p.name,
    reference: `${p.id}/${m.id}`,
    owner: `${view.firmName(p.enterpriseId)}${p.providerId ? ` / ${input.names.provider(p.providerId)}` : ''}`,
    due: m.due,
    ageDays: days(m.due, end),
  }));
  const rows = [...diagnostics, ...milestones].sort(
    (a, b) => b.ageDays - a.ageDays || a.reference.localeCompare(b.reference),
  );
  return {
    key: 'overdue_items',
    title: '逾期事项（责任方与逾期天数）',
    columns: [
      text('item', '事项'),
      text('subject', '对象'),
      text('reference', '编号'),
      text('owner', '责任方'),
      text('due', '截止日期'),
      count('ageDays', '逾期天数'),
    ],
    rows,
  };
}

function surveysByProvider(view: View, input: ReportInput): Section {
  const { startDate, endDate } = input.period;
  const stats = new Map<string, { planned: number; done: number; overdue: number }>();
  for (const d of view.diagnostics) {
    if (d.status === 'cancelled' || d.status === 'withdrawn') continue;
    const key = d.providerId ?? '';
    const s = stats.get(key) ?? { planned: 0, done: 0, overdue: 0 };
    if (d.plannedDate >= startDate && d.plannedDate < endDate) s.planned++;
    if (d.surveyDate && d.surveyDate >= startDate && d.surveyDate < endDate) s.done++;
    if (d.surveyDate === null && OPEN_DIAGNOSTIC.has(d.status) && d.dueDate < endDate) s.overdue++;
    if (s.planned + s.done + s.overdue > 0) stats.set(key, s);
  }
  const rows = [...stats.entries()]
    .map(([id, s]) => ({ provider: id ? input.names.provider(id) : '（未指派）', ...s }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
  return {
    key: 'surveys',
    title: '本周现场调研（按服务商）',
    note: '计划：计划日期在本周；完成：调研日期在本周；逾期：截止日已过仍未调研。',
    columns: [text('provider', '服务商'), count('planned', '计划'), count('done', '完成'), count('overdue', '逾期')],
    rows,
  };
}

function pendingReview(view: View, input: ReportInput): Section {
  const rows = view.diagnostics
    .filter((d) => d.status === 'in_review')
    .map((d) => ({
      diagnostic: d.id,
      enterprise: view.firmName(d.enterpriseId),
      provider: d.providerId ? input.names.provider(d.providerId) : '',
      reason: d.disputes > 0 ? '企业异议后复核' : '首次审核',
      submittedOn: d.submittedAt?.slice(0, 10) ?? '',
      waitingDays: d.submittedAt ? days(d.submittedAt, input.period.endDate) : null,
    }))
    .sort((a, b) => (b.waitingDays ?? 0) - (a.waitingDays ?? 0) || a.diagnostic.localeCompare(b.diagnostic));
  return {
    key: 'pending_review',
    title: '待审核的诊断报告（含异议待复核）',
    columns: [
      text('diagnostic', '诊断编号'),
      text('enterprise', '企业'),
      text('provider', '服务商'),
      text('reason', '类型'),
      text('submittedOn', '提交日期'),
      count('waitingDays', '等待天数'),
    ],
    rows,
  };
}

function correctionsAndDisputes(now: View, before: View): Section {
  const earlier = new Map(before.diagnostics.map((d) => [d.id, d]));
  const rows = now.diagnostics
    .map((d) => {
      const prior = earlier.get(d.id);
      return {
        diagnostic: d.id,
        enterprise: now.firmName(d.enterpriseId),
        newCorrections: d.corrections - (prior?.corrections ?? 0),
        newDisputes: d.disputes - (prior?.disputes ?? 0),
        disputePending: d.disputes > 0 && d.status === 'in_review' ? '是' : '否',
      };
    })
    .filter((r) => r.newCorrections > 0 || r.newDisputes > 0 || r.disputePending === '是')
    .sort((a, b) => a.diagnostic.localeCompare(b.diagnostic));
  return {
    key: 'corrections_disputes',
    title: '更正与异议',
    note: '本期新增的评分更正与企业异议，及尚待复核的异议。',
    columns: [
      text('diagnostic', '诊断编号'),
      text('enterprise', '企业'),
      count('newCorrections', '本期更正'),
      count('newDisputes', '本期异议'),
      text('disputePending', '异议待复核'),
    ],
    rows,
  };
}

function milestonesDue(view: View, input: ReportInput): Section {
  const end = input.period.endDate;
  const horizon = addDays(end, 14);
  const rows = view
    .openMilestones(horizon)
    .map(({ project: p, milestone: m }) => ({
      project: p.name,
      enterprise: view.firmName(p.enterpriseId),
      milestone: m.name,
      mandatory: m.mandatory ? '是' : '否',
      due: m.due,
      status: m.due < end ? '逾期' : '14天内到期',
      ageDays: m.due < end ? days(m.due, end) : null,
    }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.project.localeCompare(b.project));
  return {
    key: 'milestones',
    title: '里程碑：未来 14 天到期与已逾期',
    columns: [
      text('project', '项目'),
      text('enterprise', '企业'),
      text('milestone', '里程碑'),
      text('mandatory', '必需'),
      text('due', '截止日期'),
      text('status', '状态'),
      count('ageDays', '逾期天数'),
    ],
    rows,
  };
}

/** Builds one report: the sections DOMAIN.md section 6 lists for its kind, and the headline figures. */
export function buildReport(input: ReportInput): ReportBody {
  const now = new View(input.now, input.scope, input.period.endDate);
  const before = new View(input.before, input.scope, input.previous.endDate);
  const firms = now.aboveSize();
  const diagnosed = firms.filter((f) => now.latest.has(f.id));
  const cutoff = minusMonths(input.period.endDate, 12);
  const headline = {
    aboveSizeFirms: firms.length,
    coverageEver: share(diagnosed.length, firms.length),
    coverage12m: share(
      diagnosed.filter((f) => now.latest.get(f.id)!.issuedAt!.slice(0, 10) >= cutoff).length,
      firms.length,
    ),
    shareAtLevel2Plus: share(firms.filter((f) => (now.level(f.id) ?? -1) >= 2).length, firms.length),
    projects: now.projects.length,
    acceptedProjects: now.projects.filter((p) => p.stage === 'accepted').length,
  };
  const sections: Section[] = [];
  switch (input.kind) {
    case 'weekly':
      sections.push(
        surveysByProvider(now, input),
        pendingReview(now, input),
        correctionsAndDisputes(now, before),
        milestonesDue(now, input),
      );
      break;
    case 'monthly':
      sections.push(
        coverage(now, input, 'park'),
        coverage(now, input, 'industry'),
        levelTotals(now),
        levelDistribution(now, input),
        weakestScenarios(now, input),
        projectFunnel(now),
        budget(now),
        kpisWrongWay(now, input),
      );
      break;
    case 'quarterly':
      sections.push(
        levelMigration(now, before),
        {
          key: 'level2_share',
          title: '规上企业达到二级及以上的比例',
          columns: [
            count('firms', '规上企业'),
            count('atLevel2Plus', '二级及以上'),
            pct('share', '比例'),
            pct('previous', '上期比例'),
          ],
          rows: [
            {
              firms: firms.length,
              atLevel2Plus: firms.filter((f) => (now.level(f.id) ?? -1) >= 2).length,
              share: headline.shareAtLevel2Plus,
              previous: share(
                before.aboveSize().filter((f) => (before.level(f.id) ?? -1) >= 2).length,
                before.aboveSize().length,
              ),
            },
          ],
        },
        levelTotals(now),
        coverage(now, input, 'park'),
        projectFunnel(now),
        kpiDeltas(now, input),
        newDemonstrations(now, input),
        providerLeague(now, input),
        overdueItems(now, input),
      );
      break;
  }
  return {
    kind: input.kind,
    period: input.period.label,
    periodStart: input.period.startDate,
    periodEnd: addDays(input.period.endDate, -1),
    districtCode: input.scope.districtCode,
    scopeName: input.scope.districtCode === null ? '全域' : input.names.district(input.scope.districtCode),
    headline,
    sections,
  };
}
