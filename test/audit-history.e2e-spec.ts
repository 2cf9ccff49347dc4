import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6A00001');

describe('Audit history and as-of state (HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let officerKey: string;
  let between: string;

  const post = (path: string, body: object) =>
    t.http().post(path).set('Authorization', `Bearer ${tokens['officer']}`).send(body);
  const get = (path: string, who = 'officer') => t.http().get(path).set('Authorization', `Bearer ${tokens[who]}`);

  beforeAll(async () => {
    t = await createTestApp();
    const officer = await t.keyFor('officer', { districtCodes: ['520900'] });
    officerKey = officer.id;
    tokens['officer'] = officer.token;
    tokens['otherViewer'] = await t.tokenFor('viewer', { districtCodes: ['520115'] });
    tokens['enterprise'] = await t.tokenFor('enterprise', { enterpriseId: ENTERPRISE });

    await post('/v1/enterprises', {
      uscc: ENTERPRISE,
      name: '贵州某电子有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
      occurredAt: '2026-01-05T02:00:00Z',
    }).expect(201);
    await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-zb' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await post(`/v1/enterprises/${ENTERPRISE}/corrections`, {
      field: 'name',
      value: '贵州某电子科技有限公司',
      reason: '工商变更登记',
    }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should show each change with who, when, why and the fields it changed, backdated entries marked', async () => {
    const history = await get(`/v1/enterprises/${ENTERPRISE}/history`).expect(200);
    expect(history.body).toMatchObject({ aggregateType: 'enterprises', aggregateId: ENTERPRISE, nextCursor: null });
    const [registered, moved, corrected] = history.body.items;
    expect(registered).toMatchObject({
      version: 1,
      type: 'EnterpriseRegistered',
      occurredAt: '2026-01-05T02:00:00.000Z',
      backdated: true,
      actor: { id: officerKey, role: 'officer', org: '520900' },
      source: 'api',
    });
    expect(registered.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'unregistered', to: 'active' },
        { field: 'name', from: null, to: '贵州某电子有限公司' },
      ]),
    );
    expect(moved).toMatchObject({
      type: 'EnterpriseMovedToPark',
      backdated: false,
      summary: '由 贵安电子信息产业园 迁入 贵安高端装备产业园',
      changes: [{ field: 'parkId', from: 'gaxq-dz', to: 'gaxq-zb' }],
    });
    // In Chinese by default, with names; in English when the client asks for it.
    expect(corrected.summary).toBe('更正名称：贵州某电子有限公司 → 贵州某电子科技有限公司');
    const english = await get(`/v1/enterprises/${ENTERPRISE}/history`)
      .set('Accept-Language', 'en-GB,en;q=0.9')
      .expect(200);
    expect(english.body.items[1].summary).toBe('Moved from park gaxq-dz to gaxq-zb');
    expect(corrected).toMatchObject({
      type: 'EnterpriseDetailsCorrected',
      reason: '工商变更登记',
      changes: [{ field: 'name', from: '贵州某电子有限公司', to: '贵州某电子科技有限公司' }],
    });
    expect(typeof corrected.correlationId).toBe('string');

    const firstPage = await get(`/v1/enterprises/${ENTERPRISE}/history?limit=2`).expect(200);
    expect(firstPage.body.items.map((item: { version: number }) => item.version)).toEqual([1, 2]);
    const rest = await get(`/v1/enterprises/${ENTERPRISE}/history?limit=2&cursor=${firstPage.body.nextCursor}`);
    expect(rest.body.items.map((item: { version: number }) => item.version)).toEqual([3]);
  });

  it('should rebuild the enterprise as it was recorded at a moment or a version', async () => {
    const then = await get(`/v1/enterprises/${ENTERPRISE}?asOf=${encodeURIComponent(between)}`).expect(200);
    expect(then.body).toMatchObject({
      aggregateType: 'enterprises',
      version: 2,
      state: { name: '贵州某电子有限公司', parkId: 'gaxq-zb' },
    });
    const first = await get(`/v1/enterprises/${ENTERPRISE}?version=1`).expect(200);
    expect(first.body.state).toMatchObject({ parkId: 'gaxq-dz' });
    expect(first.headers['etag']).toBe('"1"');
    const before = await get(`/v1/enterprises/${ENTERPRISE}?asOf=2025-01-01T00:00:00Z`).expect(404);
    expect(before.body.type).toBe('/problems/not_yet_recorded');
    await get(`/v1/enterprises/${ENTERPRISE}?asOf=yesterday`).expect(400);
  });

  it('should search the global history by object, actor, type and time, newest first, within the scope', async () => {
    const head = (await t.store.head())!;
    const minPosition = `${head.transactionId}-${head.globalPosition}`;
    const search = (query: string, who = 'officer') =>
      get(`/v1/audit?${query}`, who).set('X-Min-Position', minPosition).expect(200);
    const mine = await search(`aggregateId=${ENTERPRISE}`);
    expect(mine.body.items.map((e: { type: string }) => e.type)).toEqual([
      'EnterpriseDetailsCorrected',
      'EnterpriseMovedToPark',
      'EnterpriseRegistered',
    ]);
    expect(mine.body.items[0]).toMatchObject({
      aggregateType: 'enterprises',
      aggregateId: ENTERPRISE,
      reason: '工商变更登记',
      changes: [{ field: 'name', from: '贵州某电子有限公司', to: '贵州某电子科技有限公司' }],
    });
    // Summed up in Chinese by default, in English on request, as one object's history is.
    expect(mine.body.items[0].summary).toBe('更正名称：贵州某电子有限公司 → 贵州某电子科技有限公司');
    const english = await search(`aggregateId=${ENTERPRISE}`).set('Accept-Language', 'en');
    expect(english.body.items[1].summary).toBe('Moved from park gaxq-dz to gaxq-zb');
    const byActorAndType = await search(`actor=${officerKey}&type=EnterpriseMovedToPark&aggregateType=enterprises`);
    expect(byActorAndType.body.items).toHaveLength(1);
    const recent = await search(`from=${encodeURIComponent(between)}`);
    expect(recent.body.items.map((e: { type: string }) => e.type)).toEqual(['EnterpriseDetailsCorrected']);
    const paged = await search(`aggregateId=${ENTERPRISE}&limit=2`);
    const rest = await search(`aggregateId=${ENTERPRISE}&limit=2&cursor=${paged.body.nextCursor}`);
    expect(rest.body.items.map((e: { version: number }) => e.version)).toEqual([1]);
    expect((await search('', 'otherViewer')).body.items).toEqual([]);
    await get('/v1/audit', 'enterprise').expect(403);
    await get('/v1/audit?colour=red').expect(400);
  });

  it('should export one history and a filtered global history as CSV with a BOM, and as JSON', async () => {
    const csv = await get(`/v1/enterprises/${ENTERPRISE}/history/export?format=csv`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('position,recordedAt,occurredAt,backdated');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('贵州某电子科技有限公司');
    const json = await get(`/v1/audit/export?format=json&aggregateId=${ENTERPRISE}`).expect(200);
    expect(json.body.items).toHaveLength(3);
    await get(`/v1/enterprises/${ENTERPRISE}/history/export`, 'otherViewer').expect(404);
  });

  it('should keep the history of another district out of reach, and let the enterprise read its own', async () => {
    await get(`/v1/enterprises/${ENTERPRISE}/history`, 'otherViewer').expect(404);
    await get(`/v1/enterprises/${ENTERPRISE}?version=1`, 'otherViewer').expect(404);
    await get(`/v1/enterprises/${ENTERPRISE}/history`, 'enterprise').expect(200);
    await get('/v1/diagnostics/no-such-diagnostic/history').expect(404);
  });

  // Last: it adds an entry to the enterprise's history.
  it('should write no cell that a spreadsheet would read as a formula in either CSV export', async () => {
    const corrected = await post(`/v1/enterprises/${ENTERPRISE}/corrections`, {
      field: 'name',
      value: '=HYPERLINK("http://example.invalid","点击")',
      reason: '@SUM(1)',
    }).expect(200);
    const position = corrected.body.position as string;
    const exports = [
      (await get(`/v1/enterprises/${ENTERPRISE}/history/export?format=csv`).expect(200)).text,
      (await get(`/v1/audit/export?format=csv&aggregateId=${ENTERPRISE}`).set('X-Min-Position', position).expect(200))
        .text,
    ];
    for (const csv of exports) {
      expect(csv).toContain("'@SUM(1)");
      expect(csv).toContain(`,enterprises,${ENTERPRISE},`);
      const cells = csv.split(/\r\n/).flatMap((line) => line.split(','));
      const formulas = cells.map((cell) => cell.replace(/^"/, '')).filter((cell) => /^[=+@\t\r]|^-(?!\d)/.test(cell));
      expect(formulas).toEqual([]);
    }
  });
});
