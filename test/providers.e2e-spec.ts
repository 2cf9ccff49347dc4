import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { providerStreamId } from '#libs/providers';
import { daysFromToday, TestClock } from '#libs/testing';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('Providers (HTTP)', () => {
  let t: TestApp;
  let officer: string;
  let assessor: string;
  const uscc = withUsccCheckCharacter('91520900MA6P00001');
  const clock = new TestClock();

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await t.tokenFor('officer', { districtCodes: ['520900'] });
    assessor = await t.tokenFor('assessor', { providerId: uscc });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, token: string, body: object) =>
    t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);

  it('should admit a provider, accredit an assessor and suspend it, then refuse accreditations', async () => {
    const admitted = await post('/v1/providers', officer, {
      name: '贵州某数字科技有限公司',
      uscc,
      types: ['integrator', 'evaluator'],
    }).expect(201);
    expect(admitted.body).toMatchObject({ id: uscc, version: 1 });
    expect(admitted.headers['location']).toBe(`/v1/providers/${uscc}`);

    await post(`/v1/providers/${uscc}/assessors`, officer, {
      assessorId: 'as-001',
      name: '张工',
      validUntil: daysFromToday(200),
    }).expect(200);
    await post(`/v1/providers/${uscc}/suspension`, officer, { reason: '评测质量问题' }).expect(200);
    const refused = await post(`/v1/providers/${uscc}/assessors`, officer, {
      assessorId: 'as-002',
      name: '李工',
      validUntil: daysFromToday(200),
    }).expect(409);

    expect(refused.body.type).toBe('/problems/provider_suspended');
    expect((await t.store.readStream(providerStreamId(uscc))).map((e) => e.type)).toEqual([
      'ProviderAdmitted',
      'AssessorAccredited',
      'ProviderSuspended',
    ]);
  });

  it("should read an accreditation as valid until its last day by the service's clock, and refuse one already over", async () => {
    const provider = withUsccCheckCharacter('91520900MA6P00003');
    await post('/v1/providers', officer, { name: '黔云评测中心', uscc: provider, types: ['evaluator'] }).expect(201);
    const written = await post(`/v1/providers/${provider}/assessors`, officer, {
      assessorId: 'as-101',
      name: '赵工',
      validUntil: daysFromToday(30),
    }).expect(200);
    const accredited = async (): Promise<boolean> =>
      (
        await t
          .http()
          .get(`/v1/providers/${provider}`)
          .set('Authorization', `Bearer ${officer}`)
          .set('X-Min-Position', written.body.position)
          .expect(200)
      ).body.assessors[0].accredited as boolean;
    try {
      expect(await accredited()).toBe(true);
      clock.setDaysAhead(30);
      expect(await accredited()).toBe(true);
      clock.setDaysAhead(31);
      expect(await accredited()).toBe(false);
      const late = await post(`/v1/providers/${provider}/assessors`, officer, {
        assessorId: 'as-102',
        name: '钱工',
        validUntil: daysFromToday(30),
      }).expect(422);
      expect(late.body.type).toBe('/problems/accreditation_expired');
    } finally {
      clock.setDaysAhead(0);
    }
  });

  it("should let admins and the officers of the provider's registration district maintain it, and no one else", async () => {
    const guiAn = withUsccCheckCharacter('91520900MA6P00077');
    const guanShanHu = await t.tokenFor('officer', { districtCodes: ['520115'] });
    const refused = await post('/v1/providers', guanShanHu, { name: '贵安某服务商', uscc: guiAn, types: ['retrofit'] });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await post('/v1/providers', officer, { name: '贵安某服务商', uscc: guiAn, types: ['retrofit'] }).expect(201);
    const accredit = { assessorId: 'A-9', name: '评估师', validUntil: daysFromToday(365) };
    await post(`/v1/providers/${guiAn}/assessors`, guanShanHu, accredit).expect(403);
    await post(`/v1/providers/${guiAn}/suspension`, guanShanHu, { reason: '越权' }).expect(403);
    const admin = await t.tokenFor('admin');
    await post(`/v1/providers/${guiAn}/assessors`, admin, accredit).expect(200);
  });

  it('should refuse an unknown type, a bad date and an assessor key', async () => {
    const other = withUsccCheckCharacter('91520900MA6P00002');
    await post('/v1/providers', officer, { name: 'x', uscc: other, types: ['consultant'] }).expect(400);
    await post('/v1/providers', assessor, { name: 'x', uscc: other, types: ['retrofit'] }).expect(403);
    await post(`/v1/providers/${uscc}/assessors`, officer, {
      assessorId: 'a',
      name: 'b',
      validUntil: '30/06/2027',
    }).expect(400);
    await post(`/v1/providers/${withUsccCheckCharacter('91520900MA6P00009')}/suspension`, officer, {
      reason: 'x',
    }).expect(404);
  });
});
