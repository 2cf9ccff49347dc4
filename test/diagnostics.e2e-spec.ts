import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { diagnosticStreamId } from '#libs/diagnostics';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { daysFromToday, WORKED_EXAMPLE_POINTS, workedExampleScenarioLevels } from '#libs/testing';
import { createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6E00001');
const PROVIDER = withUsccCheckCharacter('91520900MA6P00001');
const OTHER_PROVIDER = withUsccCheckCharacter('91520900MA6P00002');
describe('Diagnostics (HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const keyIds: Record<string, string> = {};
  let diagnosticId: string;

  const call = (method: 'post' | 'put', path: string, who: string, body: object = {}) =>
    t.http()[method](path).set('Authorization', `Bearer ${tokens[who]}`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    for (const who of ['officer', 'lead']) {
      const key = await t.keyFor('officer', { districtCodes: ['520900'] });
      tokens[who] = key.token;
      keyIds[who] = key.id;
    }
    tokens['assessor'] = await t.tokenFor('assessor', { providerId: PROVIDER });
    tokens['otherAssessor'] = await t.tokenFor('assessor', { providerId: OTHER_PROVIDER });
    tokens['enterprise'] = await t.tokenFor('enterprise', { enterpriseId: ENTERPRISE });
    tokens['otherOfficer'] = await t.tokenFor('officer', { districtCodes: ['520100'] });

    await call('post', '/v1/enterprises', 'officer', {
      uscc: ENTERPRISE,
      name: '贵州贵安某电子科技有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    }).expect(201);
    await call('post', '/v1/providers', 'officer', {
      name: '贵州某数字科技',
      uscc: PROVIDER,
      types: ['evaluator'],
    }).expect(201);
    await call('post', `/v1/providers/${PROVIDER}/assessors`, 'officer', {
      assessorId: 'as-1',
      name: '张工',
      validUntil: daysFromToday(365),
    }).expect(200);
    await call('post', `/v1/providers/${PROVIDER}/assessors`, 'officer', {
      assessorId: 'as-old',
      name: '王工',
      validUntil: daysFromToday(1),
    }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should schedule one open diagnostic per enterprise, campaign and kind', async () => {
    const body = {
      enterpriseId: ENTERPRISE,
      kind: 'periodic',
      scoringModel: 'miit-2024',
      plannedDate: daysFromToday(-20),
      dueDate: daysFromToday(10),
    };
    const scheduled = await call('post', '/v1/diagnostics', 'officer', body).expect(201);
    diagnosticId = scheduled.body.id;
    expect(scheduled.headers['location']).toBe(`/v1/diagnostics/${diagnosticId}`);

    const again = await call('post', '/v1/diagnostics', 'officer', body).expect(409);
    expect(again.body.type).toBe('/problems/diagnostic_already_open');
    await call('post', '/v1/diagnostics', 'officer', {
      ...body,
      kind: 'pre_retrofit',
      scoringModel: 'miit-2099',
    }).expect(400);
    await call('post', '/v1/diagnostics', 'otherOfficer', body).expect(404);
  });

  it("should take the enterprise's self-assessment with its truthfulness declaration", async () => {
    await call('post', `/v1/diagnostics/${diagnosticId}/self-assessment`, 'enterprise', {
      points: { F1: 6, F4: 7.7 },
      scenarioLevels: { S06: 2 },
      truthDeclaration: false,
    }).expect(400);
    await call('post', `/v1/diagnostics/${diagnosticId}/self-assessment`, 'enterprise', {
      points: { F1: 6, F4: 7.7 },
      scenarioLevels: { S06: 2 },
      truthDeclaration: true,
    }).expect(200);
  });

  it('should assign only accredited assessors of an admitted provider', async () => {
    const expired = await call('post', `/v1/diagnostics/${diagnosticId}/assignment`, 'officer', {
      providerId: PROVIDER,
      assessorIds: ['as-1', 'as-unknown'],
    }).expect(409);
    expect(expired.body.type).toBe('/problems/assessor_not_accredited');
    await call('post', `/v1/diagnostics/${diagnosticId}/assignment`, 'officer', {
      providerId: OTHER_PROVIDER,
      assessorIds: ['x'],
    }).expect(409);
    await call('post', `/v1/diagnostics/${diagnosticId}/assignment`, 'officer', {
      providerId: PROVIDER,
      assessorIds: ['as-1'],
    }).expect(200);
  });

  it('should let only the assigned provider survey and score, within the model', async () => {
    await call('post', `/v1/diagnostics/${diagnosticId}/survey`, 'otherAssessor', { date: daysFromToday(-18) }).expect(
      404,
    );
    await call('put', `/v1/diagnostics/${diagnosticId}/indicators/F1`, 'assessor', { points: 8 }).expect(409);
    await call('post', `/v1/diagnostics/${diagnosticId}/survey`, 'assessor', {
      date: daysFromToday(-18),
      participants: ['信息化负责人'],
    }).expect(200);

    const tooMany = await call('put', `/v1/diagnostics/${diagnosticId}/indicators/F1`, 'assessor', {
      points: 9,
    }).expect(422);
    expect(tooMany.body.type).toBe('/problems/points_out_of_range');
    await call('put', `/v1/diagnostics/${diagnosticId}/scenarios/S01`, 'assessor', { level: 5 }).expect(422);
    await call('put', `/v1/diagnostics/${diagnosticId}/indicators/F1`, 'otherAssessor', { points: 8 }).expect(404);
    await call('post', `/v1/diagnostics/${diagnosticId}/submission`, 'assessor').expect(409);

    for (const [code, points] of Object.entries(WORKED_EXAMPLE_POINTS)) {
      await call('put', `/v1/diagnostics/${diagnosticId}/indicators/${code}`, 'assessor', {
        points,
        evidence: [`sha256:${code}`],
      }).expect(200);
    }
    for (const [code, level] of Object.entries(workedExampleScenarioLevels())) {
      await call('put', `/v1/diagnostics/${diagnosticId}/scenarios/${code}`, 'assessor', { level }).expect(200);
    }
    await call('post', `/v1/diagnostics/${diagnosticId}/submission`, 'assessor').expect(200);
  });

  it('should determine level 3 at approval, issue the report, and after an F4 correction recompute level 2 and reissue', async () => {
    await call('post', `/v1/diagnostics/${diagnosticId}/report`, 'officer').expect(409);
    await call('post', `/v1/diagnostics/${diagnosticId}/review`, 'officer', { decision: 'approve' }).expect(200);
    await call('post', `/v1/diagnostics/${diagnosticId}/report`, 'officer').expect(200);

    const selfApproved = await call('post', `/v1/diagnostics/${diagnosticId}/corrections`, 'officer', {
      target: 'F4',
      value: 1,
      reason: '数据采集证据不足',
      approvedBy: keyIds['officer'],
    }).expect(409);
    expect(selfApproved.body.type).toBe('/problems/four_eyes');
    const corrected = await call('post', `/v1/diagnostics/${diagnosticId}/corrections`, 'officer', {
      target: 'F4',
      value: 1,
      reason: '数据采集证据不足',
      approvedBy: keyIds['lead'],
    }).expect(200);

    // Read your own write: the read models reflect the correction as soon as the answer comes.
    const read = (path: string, who: string) =>
      t.http().get(path).set('Authorization', `Bearer ${tokens[who]}`).set('X-Min-Position', corrected.body.position);
    const diagnostic = await read(`/v1/diagnostics/${diagnosticId}`, 'officer').expect(200);
    expect(diagnostic.headers['etag']).toBe(`"${corrected.body.version}"`);
    expect(diagnostic.body).toMatchObject({
      status: 'report_issued',
      level: 2,
      baseScore: 59,
      reportVersion: 2,
      points: { F4: 1 },
      corrections: [{ target: 'F4', old: 7, new: 1, levelBefore: 3, levelAfter: 2, approvedBy: keyIds['lead'] }],
    });
    expect(Object.keys(diagnostic.body.dimensionScores as object).length).toBeGreaterThan(0);
    expect((diagnostic.body.ruleTrace as unknown[]).length).toBeGreaterThan(0);
    const enterprise = await read(`/v1/enterprises/${ENTERPRISE}`, 'officer').expect(200);
    expect(enterprise.body).toMatchObject({ level: 2, latestDiagnostic: { id: diagnosticId, level: 2 } });
    await read(`/v1/diagnostics/${diagnosticId}`, 'assessor').expect(200);
    await read(`/v1/diagnostics/${diagnosticId}`, 'enterprise').expect(200);
    await read(`/v1/diagnostics/${diagnosticId}`, 'otherAssessor').expect(404);
    await read(`/v1/diagnostics/${diagnosticId}`, 'otherOfficer').expect(404);
    const others = await read('/v1/diagnostics', 'otherAssessor').expect(200);
    expect(others.body).toEqual({ items: [], nextCursor: null });

    // The audit history shows the correction, its approver and the level it moved, grouped by correlation id.
    const history = await read(`/v1/diagnostics/${diagnosticId}/history?limit=200`, 'officer').expect(200);
    const entries = history.body.items as {
      type: string;
      summary: string;
      correlationId: string;
      approvedBy: string | null;
      actor: { id: string };
      changes: { field: string; from: unknown; to: unknown }[];
    }[];
    // The provider by its name, not its USCC.
    expect(entries.find((e) => e.type === 'DiagnosticAssigned')?.summary).toBe('指派服务商 贵州某数字科技');
    const correction = entries.find((e) => e.type === 'ScoreCorrected')!;
    expect(correction).toMatchObject({
      approvedBy: keyIds['lead'],
      actor: { id: keyIds['officer'] },
      changes: [{ field: 'points.F4', from: 7, to: 1 }],
    });
    const recomputed = entries.find((e) => e.type === 'MaturityLevelRecomputed')!;
    expect(recomputed.changes).toEqual(expect.arrayContaining([{ field: 'result.level', from: 3, to: 2 }]));
    expect(entries.filter((e) => e.correlationId === correction.correlationId).map((e) => e.type)).toEqual([
      'ScoreCorrected',
      'MaturityLevelRecomputed',
      'ReportReissued',
    ]);
    const asIssued = await read(`/v1/diagnostics/${diagnosticId}?version=${corrected.body.version - 3}`, 'officer');
    expect(asIssued.body.state).toMatchObject({ status: 'report_issued', points: { F4: 7 }, result: { level: 3 } });
    await read(`/v1/diagnostics/${diagnosticId}/history`, 'otherOfficer').expect(404);

    const events = await t.store.readStream(diagnosticStreamId(diagnosticId));
    expect(events.map((e) => e.type).slice(-6)).toEqual([
      'DiagnosticApproved',
      'MaturityLevelDetermined',
      'ReportIssued',
      'ScoreCorrected',
      'MaturityLevelRecomputed',
      'ReportReissued',
    ]);
    const determined = events.find((e) => e.type === 'MaturityLevelDetermined')!;
    expect(determined.data).toMatchObject({ baseScore: 65, level: 3 });
    expect(events.find((e) => e.type === 'MaturityLevelRecomputed')!.data).toMatchObject({
      old: 3,
      new: 2,
      baseScore: 59,
    });
    expect(events.at(-1)).toMatchObject({ type: 'ReportReissued', data: { reportVersion: 2, supersedes: 1 } });
  });

  it('should let the enterprise acknowledge its own report only', async () => {
    await call('post', `/v1/diagnostics/${diagnosticId}/acknowledgement`, 'officer').expect(403);
    await call('post', `/v1/diagnostics/${diagnosticId}/acknowledgement`, 'enterprise').expect(200);
    await call('post', `/v1/diagnostics/${diagnosticId}/dispute`, 'enterprise', { points: ['x'] }).expect(409);
  });

  it('should track recommendations to projects and close the acknowledged diagnostic', async () => {
    await call('post', `/v1/diagnostics/${diagnosticId}/recommendations`, 'assessor', {
      items: [{ scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high', estCost: 30 }],
    }).expect(200);
    await call('put', `/v1/diagnostics/${diagnosticId}/recommendations/R1`, 'enterprise', {
      status: 'in_progress',
      linkedProjectId: 'project-1',
    }).expect(200);
    await call('put', `/v1/diagnostics/${diagnosticId}/recommendations/R9`, 'enterprise', { status: 'done' }).expect(
      404,
    );
    await call('post', `/v1/diagnostics/${diagnosticId}/closure`, 'officer').expect(200);
    const last = (await t.store.readStream(diagnosticStreamId(diagnosticId))).at(-1);
    expect(last?.type).toBe('DiagnosticClosed');
  });

  it('should withdraw with a second approver and free the slot for a new diagnostic', async () => {
    const own = await call('post', `/v1/diagnostics/${diagnosticId}/withdrawal`, 'officer', {
      reasonCode: 'wrong_enterprise',
      approvedBy: 'x',
    });
    expect(own.status).toBe(200);
    const again = await call('post', '/v1/diagnostics', 'officer', {
      enterpriseId: ENTERPRISE,
      kind: 'periodic',
      scoringModel: 'miit-2024',
      plannedDate: daysFromToday(-10),
      dueDate: daysFromToday(20),
    }).expect(201);
    expect(again.body.id).not.toBe(diagnosticId);
  });
});
