import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { projectStreamId } from '#libs/projects';
import { createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6E00011');
const PROVIDER = withUsccCheckCharacter('91520900MA6P00011');

describe('Projects (HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const call = (method: 'post' | 'put', path: string, who: string, body: object = {}) =>
    t.http()[method](path).set('Authorization', `Bearer ${tokens[who]}`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    tokens['officer'] = await t.tokenFor('officer', { districtCodes: ['520900'] });
    tokens['enterprise'] = await t.tokenFor('enterprise', { enterpriseId: ENTERPRISE });
    tokens['otherEnterprise'] = await t.tokenFor('enterprise', {
      enterpriseId: withUsccCheckCharacter('91520900MA6E00099'),
    });
    await call('post', '/v1/enterprises', 'officer', {
      uscc: ENTERPRISE,
      name: '贵州贵安某新材料有限公司',
      industryCode: 'C30',
      districtCode: '520900',
      parkId: 'gaxq-hx',
      aboveDesignatedSize: true,
    }).expect(201);
    await call('post', '/v1/providers', 'officer', {
      name: '某智能制造集成商',
      uscc: PROVIDER,
      types: ['integrator'],
    }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should take a digital workshop from proposal to acceptance and a demonstration title', async () => {
    const proposed = await call('post', '/v1/projects', 'enterprise', {
      enterpriseId: ENTERPRISE,
      type: 'digital_workshop',
      name: '熔铸数字化车间',
      scenarios: ['S06', 'S07', 'S10'],
      plannedBudget: 6_000_000,
    }).expect(201);
    const id: string = proposed.body.id;
    const path = `/v1/projects/${id}`;

    await call('post', `${path}/construction-start`, 'officer', { date: '2026-03-01' }).expect(409);
    await call('post', `${path}/approval`, 'officer', {
      approvalNo: '贵安工信备〔2026〕8号',
      approvedBudget: 5_500_000,
      subsidyRate: 0.2,
      subsidyCap: 1_000_000,
    }).expect(200);
    await call('post', `${path}/contract`, 'officer', { providerId: PROVIDER, value: 5_200_000 }).expect(200);
    await call('put', `${path}/baselines/yield_rate`, 'enterprise', {
      value: 72,
      unit: '%',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      method: 'MES 月度统计',
    }).expect(200);
    await call('put', `${path}/baselines/energy_per_output`, 'enterprise', {
      value: 0.5,
      unit: 'tce/10k CNY',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      method: '能源台账',
    }).expect(200);
    const milestone = await call('post', `${path}/milestones`, 'officer', {
      name: 'MES 上线',
      due: '2026-06-30',
      mandatory: true,
    }).expect(201);
    expect(milestone.body.milestoneId).toBe('M1');
    await call('post', `${path}/baseline-lock`, 'officer').expect(200);
    await call('put', `${path}/baselines/oee`, 'enterprise', {
      value: 55,
      unit: '%',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      method: 'x',
    }).expect(409);
    await call('post', `${path}/construction-start`, 'officer', { date: '2026-04-01' }).expect(200);
    await call('post', `${path}/trial-run-start`, 'officer', { date: '2026-07-01' }).expect(200);
    const wrongUnit = await call('post', `${path}/kpi-measurements`, 'enterprise', {
      kpiCode: 'yield_rate',
      value: 0.9,
      unit: 'ratio',
      periodStart: '2026-08-01',
      periodEnd: '2026-10-31',
    }).expect(422);
    expect(wrongUnit.body.type).toBe('/problems/unit_mismatch');
    await call('post', `${path}/kpi-measurements`, 'enterprise', {
      kpiCode: 'yield_rate',
      value: 90,
      unit: '%',
      periodStart: '2026-08-01',
      periodEnd: '2026-10-31',
    }).expect(200);
    await call('post', `${path}/kpi-measurements`, 'enterprise', {
      kpiCode: 'energy_per_output',
      value: 0.41,
      unit: 'tce/10k CNY',
      periodStart: '2026-08-01',
      periodEnd: '2026-10-31',
    }).expect(200);
    const requested = await call('post', `${path}/acceptance-request`, 'enterprise').expect(200);

    const early = await call('post', `${path}/acceptance`, 'officer', {
      result: 'accepted',
      date: '2026-11-20',
      evaluatorOrgId: 'city-evaluation-centre',
      findings: '改造内容真实',
    }).expect(409);
    expect(early.body.type).toBe('/problems/acceptance_preconditions');
    expect(early.body.detail).toContain('M1');
    const before = await t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${tokens['officer']}`)
      .set('X-Min-Position', requested.body.position);
    expect(before.status).toBe(200);
    expect(before.body.milestones).toEqual([expect.objectContaining({ id: 'M1', completedOn: null, overdue: true })]);
    expect(before.body.overdueMilestones).toBe(1);
    await call('post', `${path}/milestones/M1/completion`, 'enterprise', { date: '2026-06-25' }).expect(200);
    const byProvider = await call('post', `${path}/acceptance`, 'officer', {
      result: 'accepted',
      date: '2026-11-20',
      evaluatorOrgId: PROVIDER,
      findings: 'x',
    }).expect(409);
    expect(byProvider.body.type).toBe('/problems/evaluator_is_provider');
    await call('post', `${path}/acceptance`, 'officer', {
      result: 'accepted',
      date: '2026-11-20',
      evaluatorOrgId: 'city-evaluation-centre',
      findings: '改造内容真实，合同发票齐全',
    }).expect(200);
    await call('post', `${path}/demonstration`, 'officer', {
      programme: '贵安新区数字化改造能力提升示范项目',
      level: 'district',
      year: 2026,
    }).expect(200);
    const twice = await call('post', `${path}/demonstration`, 'officer', {
      programme: '贵安新区数字化改造能力提升示范项目',
      level: 'city',
      year: 2026,
    }).expect(409);
    expect(twice.body.type).toBe('/problems/already_designated');

    // 0.2 x min(5.5 M approved, 5.2 M contracted) = 1.04 M, capped at 1.0 M.
    await call('post', `${path}/subsidy-disbursements`, 'officer', { amount: 600_000 }).expect(200);
    const over = await call('post', `${path}/subsidy-disbursements`, 'officer', { amount: 400_001 }).expect(409);
    expect(over.body.type).toBe('/problems/subsidy_exceeds_limit');
    const corrected = await call('post', `${path}/baseline-corrections`, 'officer', {
      kpiCode: 'yield_rate',
      value: 74,
      reason: '统计口径统一',
      approvedBy: 'key-of-the-bureau-lead',
    }).expect(200);

    const read = (url: string, who = 'officer') =>
      t.http().get(url).set('Authorization', `Bearer ${tokens[who]}`).set('X-Min-Position', corrected.body.position);
    const project = await read(path).expect(200);
    expect(project.headers['etag']).toBe(`"${corrected.body.version}"`);
    expect(project.body).toMatchObject({
      stage: 'accepted',
      parkId: 'gaxq-hx',
      acceptanceUnderReview: true,
      subsidy: { rate: 0.2, cap: 1_000_000, disbursed: 600_000 },
      milestones: [{ id: 'M1', completedOn: '2026-06-25', overdue: false }],
      demonstrations: [expect.objectContaining({ level: 'district', year: 2026 })],
    });
    // The corrected baseline counts: (90 - 74) / 74; energy went down 18 %, the better way for it.
    expect(project.body.kpis).toEqual([
      expect.objectContaining({ kpiCode: 'energy_per_output', relativeChange: -0.18, improved: true }),
      expect.objectContaining({
        kpiCode: 'yield_rate',
        baseline: 74,
        latest: 90,
        relativeChange: 0.216216,
        improved: true,
      }),
    ]);
    await read(path, 'otherEnterprise').expect(404);
    const mine = await read(`/v1/projects?parkId=gaxq-hx&stage=accepted`, 'enterprise').expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);

    const progress = await read('/v1/progress?groupBy=park').expect(200);
    const park = progress.body.groups.find((group: { key: string }) => group.key === 'gaxq-hx');
    expect(park).toMatchObject({
      enterprisesAboveSize: 1,
      acceptedProjects: 1,
      kpiChanges: [
        expect.objectContaining({ kpiCode: 'energy_per_output', projects: 1, medianChange: -0.18, improvedShare: 1 }),
        expect.objectContaining({ kpiCode: 'yield_rate', medianChange: 0.2162 }),
      ],
    });
    await read('/v1/progress', 'enterprise').expect(403);

    const types = (await t.store.readStream(projectStreamId(id))).map((e) => e.type);
    expect(types).toContain('ProjectFiled');
    expect(types.slice(-6)).toEqual([
      'ProjectAccepted',
      'DemonstrationNominated',
      'DemonstrationDesignated',
      'SubsidyDisbursed',
      'BaselineCorrected',
      'AcceptanceFlaggedForReview',
    ]);
  });

  it("should keep another enterprise's projects out of reach", async () => {
    const proposed = await call('post', '/v1/projects', 'enterprise', {
      enterpriseId: ENTERPRISE,
      type: 'other',
      name: '仓储物流改造',
      plannedBudget: 800_000,
    }).expect(201);
    await call('post', '/v1/projects', 'otherEnterprise', {
      enterpriseId: ENTERPRISE,
      type: 'other',
      name: 'x',
      plannedBudget: 1,
    }).expect(404);
    await call('post', `/v1/projects/${proposed.body.id}/acceptance-request`, 'otherEnterprise').expect(404);
    await call('post', `/v1/projects/${proposed.body.id}/approval`, 'enterprise', {
      approvalNo: 'x',
      approvedBudget: 1,
    }).expect(403);
  });
});
