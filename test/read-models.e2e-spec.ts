import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoDataLoader } from '#libs/demo-data';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { encodeLogPosition } from '#libs/event-store';
import type { Test } from 'supertest';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

interface Item {
  id: string;
  [field: string]: unknown;
}
interface PageBody {
  items: Item[];
  nextCursor: string | null;
}

describe('Read models (HTTP)', () => {
  let t: TestApp;
  let head: string;
  const tokens: Record<string, string> = { admin: ADMIN_TOKEN };

  const get = (path: string, who = 'admin') =>
    t.http().get(path).set('Authorization', `Bearer ${tokens[who]}`).set('X-Min-Position', head);
  const all = async (path: string, who = 'admin', limit = 200): Promise<Item[]> => {
    const items: Item[] = [];
    for (let cursor: string | null = null; ;) {
      const separator = path.includes('?') ? '&' : '?';
      const page: { body: PageBody } = await get(
        `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        who,
      ).expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!cursor) return items;
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoDataLoader).load({ enterprises: 40 });
    head = encodeLogPosition((await t.store.head())!);
    tokens['guiAn'] = await t.tokenFor('officer', { districtCodes: ['520900'] });
    tokens['guanShanHu'] = await t.tokenFor('viewer', { districtCodes: ['520115'] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('should page through a list with cursors, and refuse a cursor it did not give out', async () => {
    const paged = await all('/v1/enterprises', 'admin', 7);
    expect(paged).toHaveLength(40);
    expect(paged.map((item) => item.id)).toEqual([...paged.map((item) => item.id)].sort());
    const bad = await get('/v1/enterprises?cursor=not-a-cursor').expect(400);
    expect(bad.body).toMatchObject({ type: '/problems/validation_failed', errors: [{ path: 'cursor' }] });
    await get('/v1/enterprises?limit=201').expect(400);
    await get('/v1/enterprises?colour=red').expect(400);
  });

  it('should filter by level and agree with the progress figures', async () => {
    const enterprises = await all('/v1/enterprises');
    for (const level of [0, 1, 2, 3, 4]) {
      const atLevel = await all(`/v1/enterprises?level=${level}`);
      expect(atLevel.map((item) => item.id)).toEqual(
        enterprises.filter((item) => item.level === level).map((item) => item.id),
      );
    }
    const progress = await get('/v1/progress?groupBy=district').expect(200);
    const counted = enterprises.filter((item) => item.aboveDesignatedSize && item.status === 'active');
    expect(progress.body.totals.enterprisesAboveSize).toBe(counted.length);
    expect(progress.body.totals.diagnosedEver).toBe(counted.filter((item) => item.level !== null).length);
    const levels = progress.body.totals.levelDistribution as Record<string, number>;
    expect(Object.values(levels).reduce((a, b) => a + b, 0)).toBe(progress.body.totals.diagnosedEver);
    expect(progress.body.groups.map((group: { key: string }) => group.key)).toEqual(['520115', '520900']);
    const byIndustry = await get('/v1/progress?groupBy=industry').expect(200);
    expect(byIndustry.body.totals.enterprisesAboveSize).toBe(counted.length);
    for (const group of byIndustry.body.groups as { key: string }[]) expect(group.key).toMatch(/^\d{2}$/);
  });

  it('should show each district only its own enterprises, diagnostics, projects and progress', async () => {
    const guiAn = await all('/v1/enterprises', 'guiAn');
    expect(guiAn.length).toBeGreaterThan(0);
    expect(guiAn.every((item) => item.districtCode === '520900')).toBe(true);
    const other = await all('/v1/enterprises', 'guanShanHu');
    expect(other.every((item) => item.districtCode === '520115')).toBe(true);
    await get(`/v1/enterprises/${guiAn[0]!.id}`, 'guanShanHu').expect(404);
    expect((await all('/v1/diagnostics', 'guanShanHu')).every((item) => item.districtCode === '520115')).toBe(true);
    expect((await all('/v1/projects', 'guanShanHu')).every((item) => item.districtCode === '520115')).toBe(true);
    const progress = await get('/v1/progress?groupBy=park', 'guanShanHu').expect(200);
    expect(progress.body.groups.map((group: { key: string }) => group.key)).toEqual(['gsh-gy']);
  });

  it("should show an assessor only its provider's diagnostics and an enterprise only its own data", async () => {
    const diagnostics = await all('/v1/diagnostics');
    const assigned = diagnostics.find((item) => item.providerId !== null)!;
    tokens['assessor'] = await t.tokenFor('assessor', { providerId: assigned.providerId as string });
    const mine = await all('/v1/diagnostics', 'assessor');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((item) => item.providerId === assigned.providerId)).toBe(true);
    await get(`/v1/enterprises/${assigned.enterpriseId as string}`, 'assessor').expect(200);

    tokens['enterprise'] = await t.tokenFor('enterprise', { enterpriseId: assigned.enterpriseId as string });
    expect((await all('/v1/enterprises', 'enterprise')).map((item) => item.id)).toEqual([assigned.enterpriseId]);
    const own = await get(`/v1/enterprises/${assigned.enterpriseId as string}`, 'enterprise').expect(200);
    expect(own.headers['etag']).toMatch(/^"\d+"$/);
    expect(own.body.diagnostics.length).toBeGreaterThan(0);
    await get('/v1/progress', 'enterprise').expect(403);
  });

  it('should refuse a malformed X-Min-Position and answer 503 when the read models cannot get there in time', async () => {
    const bad = await t
      .http()
      .get('/v1/enterprises')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('X-Min-Position', 'soon');
    expect(bad.status).toBe(400);
    const asAdmin = (request: Test) => request.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
    const pastTheLog = await asAdmin(t.http().get('/v1/progress')).set('X-Min-Position', '999999999999-1');
    expect(pastTheLog.status).toBe(400);
    await asAdmin(t.http().post('/v1/admin/projections/enterprises/pause')).send({}).expect(200);
    try {
      const written = await asAdmin(t.http().post('/v1/enterprises')).send({
        uscc: withUsccCheckCharacter('91520900MA6R00999'),
        name: '等待读模型企业',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      });
      expect(written.status).toBe(201);
      const started = Date.now();
      const behind = await asAdmin(t.http().get('/v1/progress')).set('X-Min-Position', written.body.position as string);
      expect(behind.status).toBe(503);
      expect(behind.headers['content-type']).toContain('application/problem+json');
      expect(behind.headers['retry-after']).toBe('1');
      expect(behind.body).toMatchObject({ type: '/problems/projections_behind' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    } finally {
      await asAdmin(t.http().post('/v1/admin/projections/enterprises/resume')).send({}).expect(200);
    }
  });

  it('should show, pause, resume and rebuild projections for admins only, with lag on /health', async () => {
    const admin = (method: 'get' | 'post', path: string, who = 'admin') =>
      t
        .http()
        [method](path)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .send(method === 'post' ? {} : undefined);
    // Read once the enterprises read model has every event (the test before resumed it a moment ago).
    const before = await get('/v1/enterprises?limit=200')
      .set('X-Min-Position', encodeLogPosition((await t.store.head())!))
      .expect(200);
    const listed = await admin('get', '/v1/admin/projections').expect(200);
    expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual([
      'enterprises',
      'providers',
      'diagnostics',
      'projects',
      'audit',
      'report-facts',
      'district-moves',
    ]);
    expect(listed.body.items[0]).toMatchObject({ status: 'running', lagEvents: 0, lastError: null });
    await admin('get', '/v1/admin/projections', 'guiAn').expect(403);
    await admin('post', '/v1/admin/projections/nothing/pause').expect(404);

    await admin('post', '/v1/admin/projections/enterprises/pause').expect(200);
    const write = await t
      .http()
      .post(`/v1/enterprises/${before.body.items[0].id as string}/corrections`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ field: 'name', value: '暂停期间更名的企业', reason: '测试' })
      .expect(200);
    const paused = await admin('get', '/v1/admin/projections').expect(200);
    expect(paused.body.items[0]).toMatchObject({ name: 'enterprises', status: 'paused', lagEvents: 1 });
    const health = await t.http().get('/health').expect(200);
    expect(health.body.details.projections).toMatchObject({ enterprises: { status: 'paused', lagEvents: 1 } });

    await admin('post', '/v1/admin/projections/enterprises/resume').expect(200);
    head = write.body.position;
    const renamed = await get(`/v1/enterprises/${before.body.items[0].id as string}`).expect(200);
    expect(renamed.body.name).toBe('暂停期间更名的企业');

    const rebuilding = await admin('post', '/v1/admin/projections/diagnostics/rebuild').expect(202);
    expect(rebuilding.body).toMatchObject({ name: 'diagnostics', status: 'rebuilding' });
    const started = Date.now();
    while (Date.now() - started < 30_000) {
      const status = await admin('get', '/v1/admin/projections').expect(200);
      if (status.body.items[2].status === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = await get('/v1/enterprises?limit=200').expect(200);
    expect(after.body.items.map((item: Item) => [item.id, item.level])).toEqual(
      before.body.items.map((item: Item) => [item.id, item.level]),
    );
  });

  it('should rebuild a corrected diagnostic as of each point of its history, by version and by time', async () => {
    const correction = await get('/v1/audit?type=ScoreCorrected&limit=1').expect(200);
    const id: string = correction.body.items[0].aggregateId;
    const entries: { version: number; type: string; recordedAt: string; changes: unknown[] }[] = (
      await get(`/v1/diagnostics/${id}/history?limit=200`).expect(200)
    ).body.items;
    const states = new Map<number, unknown>();
    for (const entry of entries) {
      const at = await get(`/v1/diagnostics/${id}?version=${entry.version}`).expect(200);
      expect(at.body.version).toBe(entry.version);
      states.set(entry.version, at.body.state);
    }
    for (const entry of entries) {
      // Events of one command share their recorded time: as of that time, the last of them has happened.
      const last = Math.max(...entries.filter((e) => e.recordedAt <= entry.recordedAt).map((e) => e.version));
      const then = await get(`/v1/diagnostics/${id}?asOf=${encodeURIComponent(entry.recordedAt)}`).expect(200);
      expect(then.body.version).toBe(last);
      expect(then.body.state).toEqual(states.get(last));
    }
    const corrected = entries.find((entry) => entry.type === 'ScoreCorrected')!;
    const points = (version: number) => (states.get(version) as { points: Record<string, number> }).points['F4'];
    expect(points(corrected.version)).toBe(0);
    expect(points(corrected.version - 1)).toBeGreaterThan(0);
    expect(corrected.changes).toEqual([{ field: 'points.F4', from: points(corrected.version - 1), to: 0 }]);
    const now = await get(`/v1/diagnostics/${id}`).expect(200);
    expect(now.body.version).toBe(entries.at(-1)!.version);
  });
});
