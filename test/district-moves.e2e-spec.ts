import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { daysFromToday } from '#libs/testing';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

/** Polls until `check` holds (the move reaches the read models through the log, a moment after the write). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('An enterprise moved to another district takes its diagnostics and projects along (HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = { admin: ADMIN_TOKEN };
  const uscc = withUsccCheckCharacter('91520900MA6J00001');
  let diagnosticId: string;
  let projectId: string;
  const correlationId = 'district-merger-2026';

  const call = (method: 'get' | 'post', path: string, who: string, body?: object) => {
    const request = t.http()[method](path).set('Authorization', `Bearer ${tokens[who]}`);
    return body ? request.send(body) : request;
  };
  const listed = async (path: string, who: string): Promise<string[]> =>
    ((await call('get', `${path}?limit=200`, who).expect(200)).body.items as { id: string }[]).map((item) => item.id);

  beforeAll(async () => {
    t = await createTestApp();
    tokens['guiAn'] = await t.tokenFor('officer', { districtCodes: ['520900'] });
    tokens['guanShanHu'] = await t.tokenFor('officer', { districtCodes: ['520115'] });
    await call('post', '/v1/enterprises', 'admin', {
      uscc,
      name: '贵州贵安某电子科技有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    }).expect(201);
    diagnosticId = (
      await call('post', '/v1/diagnostics', 'guiAn', {
        enterpriseId: uscc,
        kind: 'periodic',
        scoringModel: 'miit-2024',
        plannedDate: daysFromToday(5),
        dueDate: daysFromToday(30),
      }).expect(201)
    ).body.id;
    projectId = (
      await call('post', '/v1/projects', 'guiAn', {
        enterpriseId: uscc,
        type: 'digital_workshop',
        name: '数字化装配车间',
        plannedBudget: 3_000_000,
      }).expect(201)
    ).body.id;
    await call('post', `/v1/enterprises/${uscc}/corrections`, 'admin', {
      field: 'districtCode',
      value: '520115',
      reason: '区划调整',
    })
      .set('X-Correlation-Id', correlationId)
      .expect(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("should show the enterprise, its diagnostic and its project to the new district's officer, and to the old one's none of them", async () => {
    await eventually(async () => (await listed('/v1/projects', 'guanShanHu')).includes(projectId));
    await eventually(async () => (await listed('/v1/diagnostics', 'guanShanHu')).includes(diagnosticId));
    expect(await listed('/v1/enterprises', 'guanShanHu')).toEqual([uscc]);
    expect(await listed('/v1/enterprises', 'guiAn')).toEqual([]);
    expect(await listed('/v1/diagnostics', 'guiAn')).toEqual([]);
    expect(await listed('/v1/projects', 'guiAn')).toEqual([]);

    const diagnostic = await call('get', `/v1/diagnostics/${diagnosticId}`, 'guanShanHu').expect(200);
    expect(diagnostic.body.districtCode).toBe('520115');
    const project = await call('get', `/v1/projects/${projectId}`, 'guanShanHu').expect(200);
    expect(project.body.districtCode).toBe('520115');
    await call('get', `/v1/diagnostics/${diagnosticId}`, 'guiAn').expect(404);
    await call('get', `/v1/projects/${projectId}`, 'guiAn').expect(404);
    await call('get', `/v1/diagnostics/${diagnosticId}/history`, 'guiAn').expect(404);
    const progress = await call('get', '/v1/progress?groupBy=district', 'admin').expect(200);
    expect(progress.body.groups.map((group: { key: string }) => group.key)).toEqual(['520115']);
  });

  it('should let only the new district act on them', async () => {
    await eventually(async () => (await listed('/v1/diagnostics', 'guanShanHu')).includes(diagnosticId));
    await call('post', `/v1/diagnostics/${diagnosticId}/cancellation`, 'guiAn', { reason: '已迁出' }).expect(404);
    await call('post', `/v1/projects/${projectId}/termination`, 'guiAn', { reason: '已迁出' }).expect(404);
    await call('post', `/v1/diagnostics/${diagnosticId}/cancellation`, 'guanShanHu', { reason: '重新安排' }).expect(
      200,
    );
  });

  it("should record each move in the object's history, caused by the correction and under its correlation id", async () => {
    await eventually(async () => (await listed('/v1/projects', 'guanShanHu')).includes(projectId));
    for (const path of [`/v1/diagnostics/${diagnosticId}/history`, `/v1/projects/${projectId}/history`]) {
      const history = await call('get', path, 'guanShanHu').expect(200);
      const move = (history.body.items as { type: string }[]).find((entry) => entry.type.endsWith('DistrictChanged'));
      expect(move).toMatchObject({
        actor: { id: 'system:district-moves', role: 'system' },
        correlationId,
        data: { from: '520900', to: '520115' },
      });
    }
    // The state as of a moment before the move still shows the district it was in then.
    const before = await call('get', `/v1/diagnostics/${diagnosticId}?version=1`, 'guanShanHu').expect(200);
    expect(before.body.state.districtCode).toBe('520900');
  });
});
