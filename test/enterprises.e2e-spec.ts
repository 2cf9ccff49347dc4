import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

let serial = 0;
/** A valid USCC that no other test uses. */
const nextUscc = () => withUsccCheckCharacter(`91520900MA6H${String(++serial).padStart(5, '0')}`);
const anEnterprise = (overrides: Record<string, unknown> = {}) => ({
  uscc: nextUscc(),
  name: '贵州贵安某精密制造有限公司',
  industryCode: 'C34',
  districtCode: '520900',
  parkId: 'gaxq-dz',
  aboveDesignatedSize: true,
  ...overrides,
});

describe('Enterprises (HTTP)', () => {
  let t: TestApp;
  let officer: string;
  let otherOfficer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.tokenFor('officer', { districtCodes: ['520900'] });
    otherOfficer = await t.tokenFor('officer', { districtCodes: ['520100'] });
    viewer = await t.tokenFor('viewer', { districtCodes: ['520900'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const register = (token: string, body: object, headers: Record<string, string> = {}) =>
    t.http().post('/v1/enterprises').set('Authorization', `Bearer ${token}`).set(headers).send(body);

  describe('POST /v1/enterprises', () => {
    it('should register, answer 201 with id, version, position, ETag and Location, and record the actor', async () => {
      const body = anEnterprise();
      const response = await register(officer, body).expect(201);

      expect(response.body).toEqual({ id: body.uscc, version: 1, position: expect.stringMatching(/^\d+-\d+$/) });
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/v1/enterprises/${body.uscc}`);
      const [event] = await t.store.readStream(enterpriseStreamId(body.uscc));
      expect(event).toMatchObject({
        type: 'EnterpriseRegistered',
        data: { uscc: body.uscc, districtCode: '520900', aboveDesignatedSize: true },
        metadata: { actor: { role: 'officer', orgId: '520900' }, source: 'api' },
      });
    });

    it('should answer 401 without a valid token and 403 to a viewer, appending nothing', async () => {
      const body = anEnterprise();
      const unauthenticated = await t.http().post('/v1/enterprises').send(body).expect(401);
      expect(unauthenticated.headers['content-type']).toMatch(/application\/problem\+json/);
      await register('trk_not-a-key', body).expect(401);
      const forbidden = await register(viewer, body).expect(403);

      expect(forbidden.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
      expect(await t.store.readStream(enterpriseStreamId(body.uscc))).toEqual([]);
    });

    it('should refuse a district outside the officer scope with 403', async () => {
      await register(otherOfficer, anEnterprise()).expect(403);
    });

    it('should answer 409 for a USCC already registered', async () => {
      const body = anEnterprise();
      await register(officer, body).expect(201);

      const response = await register(officer, body).expect(409);
      expect(response.body).toMatchObject({ type: '/problems/enterprise_already_registered', status: 409 });
    });

    it.each([
      ['a wrong check character', { uscc: '91350100M000100Y44' }, 'uscc'],
      ['an unknown field', { extra: 1 }, '(body)'],
      ['a missing field', { name: undefined }, 'name'],
      ['a bad district code', { districtCode: '5209' }, 'districtCode'],
      ['an occurredAt in the future', { occurredAt: '2999-01-01T00:00:00Z' }, 'occurredAt'],
    ])('should answer 400 for %s, naming the field', async (_, override, path) => {
      const body = anEnterprise(override);
      const response = await register(officer, body).expect(400);

      expect(response.body).toMatchObject({ type: '/problems/validation_failed', status: 400 });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(response.body).not.toHaveProperty('stack');
    });

    it('should answer 400 for malformed JSON and 413 for a body over 1 MB', async () => {
      await t
        .http()
        .post('/v1/enterprises')
        .set('Authorization', `Bearer ${officer}`)
        .set('Content-Type', 'application/json')
        .send('{"uscc": ')
        .expect(400);
      await register(officer, { ...anEnterprise(), name: 'x'.repeat(1_100_000) }).expect(413);
    });

    it('should replay the first answer for a repeated Idempotency-Key and refuse it with another body', async () => {
      const body = anEnterprise();
      const key = crypto.randomUUID();
      const first = await register(officer, body, { 'Idempotency-Key': key }).expect(201);
      const again = await register(officer, body, { 'Idempotency-Key': key }).expect(201);

      expect(again.body).toEqual(first.body);
      expect(await t.store.readStream(enterpriseStreamId(body.uscc))).toHaveLength(1);
      const other = await register(officer, { ...body, name: '另一家' }, { 'Idempotency-Key': key }).expect(422);
      expect(other.body.type).toBe('/problems/idempotency_key_reused');
    });

    it('should keep a backdated occurredAt beside the server recordedAt', async () => {
      const body = anEnterprise({ occurredAt: '2026-03-01T08:00:00+08:00' });
      await register(officer, body).expect(201);

      const [event] = await t.store.readStream(enterpriseStreamId(body.uscc));
      expect(event!.occurredAt.toISOString()).toBe('2026-03-01T00:00:00.000Z');
      expect(event!.data).not.toHaveProperty('occurredAt');
    });
  });

  describe('lifecycle', () => {
    it('should move, re-scale, correct and close, then refuse further changes with 409', async () => {
      const { uscc } = anEnterprise();
      await register(officer, { ...anEnterprise(), uscc }).expect(201);
      const post = (path: string, body: object) =>
        t.http().post(`/v1/enterprises/${uscc}/${path}`).set('Authorization', `Bearer ${officer}`).send(body);

      expect((await post('park', { parkId: 'gaxq-hx' }).expect(200)).body).toMatchObject({ id: uscc, version: 2 });
      await post('scale-status', { aboveDesignatedSize: false, statYear: 2026 }).expect(200);
      await post('corrections', { field: 'industryCode', value: 'C39', reason: '行业分类有误' }).expect(200);
      const closed = await post('closure', { reason: '注销' }).expect(200);
      expect(closed.headers['etag']).toBe('"5"');

      const refused = await post('park', { parkId: 'gaxq-dz' }).expect(409);
      expect(refused.body.type).toBe('/problems/enterprise_closed');
      const events = await t.store.readStream(enterpriseStreamId(uscc));
      expect(events.map((e) => e.type)).toEqual([
        'EnterpriseRegistered',
        'EnterpriseMovedToPark',
        'EnterpriseScaleStatusChanged',
        'EnterpriseDetailsCorrected',
        'EnterpriseClosed',
      ]);
      expect(events[3]!.data).toEqual({ field: 'industryCode', old: 'C34', new: 'C39', reason: '行业分类有误' });
    });

    it("should move an enterprise only to a known district inside the caller's scope", async () => {
      const { uscc } = anEnterprise();
      await register(officer, { ...anEnterprise(), uscc }).expect(201);
      const correct = (token: string, value: string) =>
        t
          .http()
          .post(`/v1/enterprises/${uscc}/corrections`)
          .set('Authorization', `Bearer ${token}`)
          .send({ field: 'districtCode', value, reason: '区划调整' });

      const outOfScope = await correct(officer, '520115').expect(403);
      expect(outOfScope.headers['content-type']).toContain('application/problem+json');
      const unknown = await correct(await t.tokenFor('admin'), '000000').expect(422);
      expect(unknown.body.type).toBe('/problems/unknown_district');
      expect(await t.store.streamVersion(enterpriseStreamId(uscc))).toBe(1);
      const both = await t.tokenFor('officer', { districtCodes: ['520900', '520115'] });
      await correct(both, '520115').expect(200);
    });

    it('should answer 404 for an unknown enterprise and for one outside the scope', async () => {
      const body = anEnterprise();
      await register(officer, body).expect(201);

      const unknown = await t
        .http()
        .post(`/v1/enterprises/${nextUscc()}/park`)
        .set('Authorization', `Bearer ${officer}`)
        .send({ parkId: 'x' })
        .expect(404);
      expect(unknown.body.type).toBe('/problems/enterprise_not_found');
      await t
        .http()
        .post(`/v1/enterprises/${body.uscc}/park`)
        .set('Authorization', `Bearer ${otherOfficer}`)
        .send({ parkId: 'x' })
        .expect(404);
      expect(await t.store.readStream(enterpriseStreamId(body.uscc))).toHaveLength(1);
    });

    it('should let exactly one of 20 concurrent writes with one If-Match version through; 19 get 412', async () => {
      const body = anEnterprise();
      await register(officer, body).expect(201);

      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t
            .http()
            .post(`/v1/enterprises/${body.uscc}/park`)
            .set('Authorization', `Bearer ${officer}`)
            .set('If-Match', '"1"')
            .send({ parkId: `park-${i}` })
            .then((response) => response.status),
        ),
      );

      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      expect(await t.store.readStream(enterpriseStreamId(body.uscc))).toHaveLength(2);
    });
  });

  describe('API keys', () => {
    it('should let an admin create a key that works at once and revoke it', async () => {
      const created = await t
        .http()
        .post('/v1/api-keys')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: '区经发局', role: 'officer', scope: { districtCodes: ['520900'] } })
        .expect(201);
      expect(created.body).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^trk_/) });

      await register(created.body.token, anEnterprise()).expect(201);
      await t
        .http()
        .delete(`/v1/api-keys/${created.body.id}`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .expect(204);
      await register(created.body.token, anEnterprise()).expect(401);
    });

    it('should refuse a scoped role without its scope, and any non-admin', async () => {
      await t
        .http()
        .post('/v1/api-keys')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send({ name: 'x', role: 'assessor' })
        .expect(400);
      await t
        .http()
        .post('/v1/api-keys')
        .set('Authorization', `Bearer ${officer}`)
        .send({ name: 'x', role: 'admin' })
        .expect(403);
    });
  });
});
