import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

describe('HTTP hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should send security headers and no framework banner', async () => {
    const response = await t.http().get('/health').expect(200);

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('should limit requests per API key with a 429 problem and Retry-After, other keys unaffected', async () => {
    const officer = await t.tokenFor('officer', { districtCodes: ['520900'] });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await t.http().post('/v1/enterprises/x/park').set('Authorization', `Bearer ${officer}`).send({})).status,
      );
    }

    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    const limited = await t.http().post('/v1/enterprises/x/park').set('Authorization', `Bearer ${officer}`).send({});
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ type: '/problems/rate_limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http().post('/v1/enterprises/x/park').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({}).expect(400);
  });
});
