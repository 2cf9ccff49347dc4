import { describe, expect, it } from '@jest/globals';
import {
  buildReport,
  type FactsSet,
  percentile,
  type ReportInput,
  type Section,
  weightedMedian,
} from './report-builder.js';
import type { DiagnosticFacts, EnterpriseFacts, ProjectFacts } from './report-facts.js';
import { parsePeriod, previousPeriod, type ReportKind } from './periods.js';

// A hand-checkable district: five firms of 520900 (one below designated size, one closed) and one of 520115.
const firm = (
  id: string,
  parkId: string,
  industryCode: string,
  more: Partial<EnterpriseFacts> = {},
): EnterpriseFacts => ({
  id,
  name: `企业${id}`,
  districtCode: '520900',
  parkId,
  industryCode,
  aboveDesignatedSize: true,
  statYear: 2026,
  status: 'active',
  ...more,
});
const diagnostic = (id: string, enterpriseId: string, more: Partial<DiagnosticFacts>): DiagnosticFacts => ({
  id,
  enterpriseId,
  districtCode: enterpriseId === 'F' ? '520115' : '520900',
  kind: 'periodic',
  scoringModelId: 'miit-2024',
  providerId: 'pv1',
  plannedDate: '2026-10-01',
  dueDate: '2026-10-20',
  status: 'report_issued',
  surveyDate: null,
  submittedAt: null,
  level: null,
  issuedAt: null,
  scenarioLevels: null,
  corrections: 0,
  disputes: 0,
  ...more,
});
const project = (id: string, enterpriseId: string, more: Partial<ProjectFacts>): ProjectFacts => ({
  id,
  enterpriseId,
  districtCode: '520900',
  type: 'digital_workshop',
  name: `项目${id}`,
  stage: 'proposed',
  suspended: false,
  providerId: null,
  plannedBudget: 100,
  approvedBudget: null,
  contractValue: null,
  subsidyDisbursed: 0,
  acceptedOn: null,
  milestones: [],
  kpis: [],
  demonstrations: [],
  ...more,
});

const enterprises = [
  firm('A', 'gaxq-dz', 'C3911'),
  firm('B', 'gaxq-dz', 'C3920'),
  firm('C', 'gaxq-zb', 'C3811'),
  firm('D', 'gaxq-zb', 'C3811', { aboveDesignatedSize: false }),
  firm('E', 'gaxq-zb', 'C3811', { status: 'closed' }),
  firm('F', 'gsh-gy', 'C3911', { districtCode: '520115' }),
];
const dA2 = diagnostic('dA2', 'A', {
  level: 3,
  issuedAt: '2026-10-10T02:00:00.000Z',
  submittedAt: '2026-10-05T02:00:00.000Z',
  surveyDate: '2026-10-03',
  scenarioLevels: { S01: 3, S02: 1, S03: 0 },
  corrections: 1,
});
const now: FactsSet = {
  enterprises,
  diagnostics: [
    diagnostic('dA1', 'A', { level: 1, issuedAt: '2025-08-01T02:00:00.000Z', scenarioLevels: { S01: 1, S02: 1 } }),
    dA2,
    diagnostic('dB1', 'B', {
      providerId: 'pv2',
      level: 2,
      issuedAt: '2025-09-15T02:00:00.000Z',
      submittedAt: '2025-09-10T02:00:00.000Z',
      scenarioLevels: { S01: 1, S02: 0 },
    }),
    diagnostic('dB2', 'B', { providerId: 'pv2', status: 'assigned', plannedDate: '2026-11-20', dueDate: '2026-12-01' }),
    diagnostic('dC1', 'C', { level: 0, issuedAt: '2026-06-01T02:00:00.000Z', status: 'withdrawn' }),
    diagnostic('dC2', 'C', {
      status: 'in_review',
      plannedDate: '2026-10-20',
      surveyDate: '2026-10-21',
      submittedAt: '2026-10-25T02:00:00.000Z',
    }),
    diagnostic('dF1', 'F', { level: 4, issuedAt: '2026-10-01T02:00:00.000Z', scenarioLevels: { S01: 4, S02: 4 } }),
  ],
  projects: [
    project('p1', 'A', {
      stage: 'accepted',
      approvedBudget: 100,
      contractValue: 90,
      subsidyDisbursed: 30,
      kpis: [
        { kpiCode: 'energy_per_output', unit: 'tce/万元', baseline: 1, latest: 0.82 },
        { kpiCode: 'yield_rate', unit: '%', baseline: 0.8, latest: 1 },
      ],
      demonstrations: [
        {
          programme: '智能工厂',
          level: 'province',
          year: 2026,
          revoked: false,
          designatedAt: '2026-10-15T02:00:00.000Z',
        },
        { programme: '数字化车间', level: 'city', year: 2026, revoked: true, designatedAt: '2026-10-16T02:00:00.000Z' },
      ],
    }),
    project('p2', 'B', {
      type: 'smart_factory',
      stage: 'under_construction',
      approvedBudget: 200,
      contractValue: 150,
      providerId: 'pv1',
      kpis: [{ kpiCode: 'yield_rate', unit: '%', baseline: 0.9, latest: 0.81 }],
      milestones: [
        { id: 'm1', name: '设备联网', due: '2026-12-15', mandatory: true, completedOn: null },
        { id: 'm2', name: '方案评审', due: '2026-10-01', mandatory: true, completedOn: '2026-09-30' },
        { id: 'm3', name: '系统上线', due: '2026-11-02', mandatory: false, completedOn: null },
      ],
    }),
    project('p3', 'C', {}),
    project('p4', 'B', {
      stage: 'accepted',
      approvedBudget: 300,
      contractValue: 280,
      subsidyDisbursed: 50,
      kpis: [
        { kpiCode: 'energy_per_output', unit: 'tce/万元', baseline: 2, latest: 1.5 },
        { kpiCode: 'yield_rate', unit: '%', baseline: 0.5, latest: 0.55 },
      ],
      demonstrations: [
        {
          programme: '数字化车间',
          level: 'district',
          year: 2026,
          revoked: false,
          designatedAt: '2026-08-01T02:00:00.000Z',
        },
      ],
    }),
  ],
};
// At the end of the period before: A's second diagnostic still in review, C's first not yet withdrawn.
const before: FactsSet = {
  enterprises,
  diagnostics: [
    now.diagnostics[0]!,
    { ...dA2, status: 'in_review', level: null, issuedAt: null, scenarioLevels: null, corrections: 0 },
    now.diagnostics[2]!,
    { ...now.diagnostics[4]!, status: 'report_issued' },
  ],
  projects: [],
};

const input = (kind: ReportKind, label: string): ReportInput => {
  const period = parsePeriod(kind, label, 'Asia/Shanghai');
  return {
    kind,
    period,
    previous: previousPeriod(period, 'Asia/Shanghai'),
    scope: { districtCode: '520900' },
    now,
    before,
    scenarios: [
      { code: 'S01', name: '计划调度', constrained: true },
      { code: 'S02', name: '生产作业', constrained: true },
      { code: 'S03', name: '仓储配送', constrained: false },
    ],
    kpiBetter: { energy_per_output: 'down', yield_rate: 'up' },
    names: {
      park: (id) => ({ 'gaxq-dz': '贵安电子信息产业园', 'gaxq-zb': '贵安高端装备产业园' })[id] ?? id,
      district: (code) => ({ '520900': '贵安新区' })[code] ?? code,
      provider: (id) => ({ pv1: '服务商甲', pv2: '服务商乙' })[id] ?? id,
      kpi: (code) => code,
    },
  };
};
const section = (sections: Section[], key: string) => sections.find((s) => s.key === key)!;

describe('Report builders (golden figures)', () => {
  describe('given the district data set, when the monthly report of 2026-10 is built', () => {
    const report = buildReport(input('monthly', '2026-10'));

    it('then the headline counts the three open firms above designated size of the district', () => {
      expect(report).toMatchObject({ period: '2026-10', periodStart: '2026-10-01', periodEnd: '2026-10-31' });
      expect(report.scopeName).toBe('贵安新区');
      // A and B have an issued, non-withdrawn diagnostic (C's was withdrawn); only A's is within 12 months.
      expect(report.headline).toEqual({
        aboveSizeFirms: 3,
        coverageEver: 0.6667,
        coverage12m: 0.3333,
        shareAtLevel2Plus: 0.6667,
        projects: 4,
        acceptedProjects: 2,
      });
    });

    it('then coverage is broken down by park and by two-digit industry', () => {
      const row = (key: string, name: string, firms: number, ever: number, recent: number) => ({
        park: key,
        name,
        firms,
        diagnosedEver: ever,
        coverageEver: ever / firms,
        diagnosed12m: recent,
        coverage12m: recent / firms,
      });
      expect(section(report.sections, 'coverage_by_park').rows).toEqual([
        row('gaxq-dz', '贵安电子信息产业园', 2, 2, 1),
        row('gaxq-zb', '贵安高端装备产业园', 1, 0, 0),
        { ...row('total', '合计', 3, 2, 1), coverageEver: 0.6667, coverage12m: 0.3333 },
      ]);
      expect(
        section(report.sections, 'coverage_by_industry').rows.map((r) => [
          r['industry'],
          r['firms'],
          r['diagnosedEver'],
        ]),
      ).toEqual([
        ['C38', 1, 0],
        ['C39', 2, 2],
        ['total', 3, 2],
      ]);
    });

    it('then levels come from each firm latest issued diagnostic, by park and industry', () => {
      expect(section(report.sections, 'level_totals').rows).toEqual([
        { level: 'L0', firms: 0, share: 0 },
        { level: 'L1', firms: 0, share: 0 },
        { level: 'L2', firms: 1, share: 0.5 },
        { level: 'L3', firms: 1, share: 0.5 },
        { level: 'L4', firms: 0, share: 0 },
      ]);
      expect(section(report.sections, 'level_distribution').rows).toEqual([
        {
          park: '贵安电子信息产业园',
          industry: 'C39',
          industryName: '计算机、通信和其他电子设备制造业',
          L0: 0,
          L1: 0,
          L2: 1,
          L3: 1,
          L4: 0,
          none: 0,
        },
        {
          park: '贵安高端装备产业园',
          industry: 'C38',
          industryName: '电气机械和器材制造业',
          L0: 0,
          L1: 0,
          L2: 0,
          L3: 0,
          L4: 0,
          none: 1,
        },
        { park: '合计', industry: '', industryName: '', L0: 0, L1: 0, L2: 1, L3: 1, L4: 0, none: 1 },
      ]);
    });

    it('then the weakest constrained scenarios are those most firms rate at level 1 or below', () => {
      expect(section(report.sections, 'weakest_scenarios').rows).toEqual([
        { scenario: 'S02', name: '生产作业', firms: 2, atMostOne: 2, share: 1 },
        { scenario: 'S01', name: '计划调度', firms: 2, atMostOne: 1, share: 0.5 },
      ]);
    });

    it('then the funnel, the budget and the KPIs going the wrong way are listed', () => {
      const funnel = Object.fromEntries(
        section(report.sections, 'project_funnel').rows.map((r) => [r['stage'], r['projects']]),
      );
      expect(funnel).toMatchObject({ proposed: 1, under_construction: 1, accepted: 2, approved: 0 });
      expect(section(report.sections, 'budget').rows).toEqual([
        {
          type: 'digital_workshop',
          name: '数字化车间',
          projects: 2,
          approved: 400,
          contracted: 370,
          subsidyDisbursed: 80,
          contractedShare: 0.925,
        },
        {
          type: 'smart_factory',
          name: '智能工厂',
          projects: 1,
          approved: 200,
          contracted: 150,
          subsidyDisbursed: 0,
          contractedShare: 0.75,
        },
        {
          type: 'total',
          name: '合计',
          projects: 3,
          approved: 600,
          contracted: 520,
          subsidyDisbursed: 80,
          contractedShare: 0.8667,
        },
      ]);
      expect(section(report.sections, 'kpis_wrong_way').rows).toEqual([
        {
          project: '项目p2',
          enterprise: '企业B',
          stage: '建设中',
          kpi: 'yield_rate',
          baseline: 0.9,
          latest: 0.81,
          change: -0.1,
        },
      ]);
    });
  });

  describe('given the same data, when the quarterly report of 2026-Q4 is built', () => {
    const report = buildReport(input('quarterly', '2026-Q4'));

    it('then the level migration matrix moves A from L1 to L3, keeps B at L2 and drops withdrawn C to none', () => {
      const matrix = section(report.sections, 'level_migration').rows;
      const cell = (from: string, to: string) => matrix.find((r) => r['from'] === from)![to];
      expect(cell('L1', 'L3')).toBe(1);
      expect(cell('L2', 'L2')).toBe(1);
      expect(cell('L0', 'none')).toBe(1);
      const total = matrix.reduce(
        (sum, r) => sum + ['none', 'L0', 'L1', 'L2', 'L3', 'L4'].reduce((s, k) => s + Number(r[k]), 0),
        0,
      );
      expect(total).toBe(3);
      expect(section(report.sections, 'level2_share').rows).toEqual([
        { firms: 3, atLevel2Plus: 2, share: 0.6667, previous: 0.3333 },
      ]);
    });

    it('then accepted projects give KPI medians, quartiles and budget-weighted medians', () => {
      expect(section(report.sections, 'kpi_deltas').rows).toEqual([
        {
          kpi: 'energy_per_output',
          kpiCode: 'energy_per_output',
          projects: 2,
          median: -0.215,
          p25: -0.2325,
          p75: -0.1975,
          weightedMedian: -0.25,
          improvedShare: 1,
        },
        {
          kpi: 'yield_rate',
          kpiCode: 'yield_rate',
          projects: 2,
          median: 0.175,
          p25: 0.1375,
          p75: 0.2125,
          weightedMedian: 0.1,
          improvedShare: 1,
        },
      ]);
    });

    it('then new designations, the provider league and overdue items with owner and age are listed', () => {
      // Provider 甲 submitted dA2 on time and dC2 late; it issued dA2 (corrected once) and dC1 (since withdrawn).
      expect(section(report.sections, 'new_demonstrations').rows).toEqual([
        {
          project: '项目p1',
          enterprise: '企业A',
          programme: '智能工厂',
          level: '省级',
          year: 2026,
          designatedOn: '2026-10-15',
        },
      ]);
      expect(section(report.sections, 'provider_league').rows).toEqual([
        { provider: '服务商甲', submitted: 2, onTimeRate: 0.5, issued: 2, disputeRate: 0, correctionRate: 0.5 },
        { provider: '服务商乙', submitted: 0, onTimeRate: null, issued: 0, disputeRate: null, correctionRate: null },
      ]);
      expect(section(report.sections, 'overdue_items').rows).toEqual([
        {
          item: '里程碑逾期：系统上线',
          subject: '项目p2',
          reference: 'p2/m3',
          owner: '企业B / 服务商甲',
          due: '2026-11-02',
          ageDays: 60,
        },
        {
          item: '诊断未按期提交',
          subject: '企业B',
          reference: 'dB2',
          owner: '服务商乙',
          due: '2026-12-01',
          ageDays: 31,
        },
        {
          item: '里程碑逾期：设备联网',
          subject: '项目p2',
          reference: 'p2/m1',
          owner: '企业B / 服务商甲',
          due: '2026-12-15',
          ageDays: 17,
        },
      ]);
    });
  });

  describe('given the same data, when the weekly report of 2026-W43 (19 to 25 October) is built', () => {
    const report = buildReport(input('weekly', '2026-W43'));

    it('then surveys, pending reviews, corrections and the milestones of the next 14 days are listed', () => {
      expect(report).toMatchObject({ periodStart: '2026-10-19', periodEnd: '2026-10-25' });
      expect(section(report.sections, 'surveys').rows).toEqual([
        { provider: '服务商甲', planned: 1, done: 1, overdue: 0 },
      ]);
      expect(section(report.sections, 'pending_review').rows).toEqual([
        {
          diagnostic: 'dC2',
          enterprise: '企业C',
          provider: '服务商甲',
          reason: '首次审核',
          submittedOn: '2026-10-25',
          waitingDays: 1,
        },
      ]);
      expect(section(report.sections, 'corrections_disputes').rows).toEqual([
        { diagnostic: 'dA2', enterprise: '企业A', newCorrections: 1, newDisputes: 0, disputePending: '否' },
      ]);
      expect(section(report.sections, 'milestones').rows).toEqual([
        {
          project: '项目p2',
          enterprise: '企业B',
          milestone: '系统上线',
          mandatory: '否',
          due: '2026-11-02',
          status: '14天内到期',
          ageDays: null,
        },
      ]);
    });
  });

  it('should take percentiles as a spreadsheet does, and weight the median', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(percentile([], 0.5)).toBeNull();
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 5, weight: 3 },
      ]),
    ).toBe(5);
  });
});
