import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApiKeyRepository } from '../libs/auth/api-key.repository.js';
import { ApiKeysService } from '#libs/auth';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const READ = '/v1/enterprises?limit=1';
const badToken = () => `trk_${randomBytes(32).toString('base64url')}`;

describe('Rate limits', () => {
  describe('per API key, and per address for failed authentications', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '3' } });
    });
    afterAll(async () => {
      await t?.close();
    });
    afterEach(() => {
      jest.restoreAllMocks();
    });

    it('should count every spelling of one token against its key', async () => {
      const token = await t.tokenFor('viewer', { districtCodes: ['520900'] });
      const spellings = [
        `Bearer ${token}`,
        `Bearer  ${token}`,
        `bearer ${token}`,
        `BEARER ${token} `,
        `Bearer\t${token}`,
        `Bearer   ${token}`,
      ];
      const statuses: number[] = [];
      for (const authorization of spellings) {
        statuses.push((await t.http().get(READ).set('Authorization', authorization)).status);
      }

      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it('should limit failed authentications per address, then refuse without looking the token up', async () => {
      const lookups = jest.spyOn(ApiKeyRepository.prototype, 'findActiveByTokenHash');
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await t.http().get(READ).set('Authorization', `Bearer ${badToken()}`)).status);
      }
      expect(statuses).toEqual([401, 401, 401]);
      expect(lookups).toHaveBeenCalledTimes(3);

      for (const authorization of [`Bearer ${badToken()}`, 'Bearer', undefined]) {
        const call = t.http().get(READ);
        const limited = await (authorization === undefined ? call : call.set('Authorization', authorization));
        expect(limited.status).toBe(429);
        expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(limited.body).toMatchObject({ type: '/problems/rate_limited', status: 429 });
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(JSON.stringify(limited.body)).not.toContain('trk_');
      }
      expect(lookups).toHaveBeenCalledTimes(3);
      // X-Forwarded-For is not believed without TRUST_PROXY: another claimed address is the same client.
      await t
        .http()
        .get(READ)
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Authorization', `Bearer ${badToken()}`)
        .expect(429);
      expect(lookups).toHaveBeenCalledTimes(3);
    });

    it('should never limit the health endpoints and the audit page, whatever came from the address before', async () => {
      for (let i = 0; i < 8; i++) await t.http().get(READ).set('Authorization', `Bearer ${badToken()}`);
      for (let i = 0; i < 8; i++) {
        await t.http().get('/health').expect(200);
        await t.http().get('/health/live').expect(200);
        await t.http().get('/health/ready').expect(200);
        await t.http().get('/audit').expect(200);
        await t.http().get('/audit/audit-page.js').expect(200);
        await t.http().get('/audit/audit-page.css').expect(200);
      }
    });

    it('should let a key that authenticated keep working from an address that sends bad tokens', async () => {
      // The bootstrap token needs no lookup; the address's failures do not touch the key's own bucket.
      await t.http().get(READ).set('Authorization', `Bearer ${badToken()}`).expect(429);
      await t.http().get(READ).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    });

    it('should look up a key that was valid lately even once its address has spent its failures', async () => {
      const { token } = await t.keyFor('viewer', { districtCodes: ['520900'] });
      await t.http().get(READ).set('Authorization', `Bearer ${badToken()}`).expect(429);
      // A fresh key from this spent address is held back; one that authenticated lately (say from elsewhere) is not.
      await t.http().get(READ).set('Authorization', `Bearer ${token}`).expect(429);
      expect(await t.app.get(ApiKeysService).authenticate(token)).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 5100)); // past the key cache: a lookup again
      await t.http().get(READ).set('Authorization', `Bearer ${token}`).expect(200);
    }, 20_000);
  });

  describe('behind a trusted proxy (TRUST_PROXY)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        env: { RATE_LIMIT_PER_MINUTE: '100', AUTH_FAILURES_PER_MINUTE: '2', TRUST_PROXY: 'loopback' },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('should count failed authentications per forwarded client address', async () => {
      const from = (address: string) =>
        t.http().get(READ).set('X-Forwarded-For', address).set('Authorization', `Bearer ${badToken()}`);

      await from('203.0.113.1').expect(401);
      await from('203.0.113.1').expect(401);
      await from('203.0.113.1').expect(429);
      await from('203.0.113.2').expect(401);
    });

    it('should count an IPv6 client by its /64, so that fresh addresses of one network share a bucket', async () => {
      const from = (address: string) =>
        t.http().get(READ).set('X-Forwarded-For', address).set('Authorization', `Bearer ${badToken()}`);

      await from('2001:db8:1:2::1').expect(401);
      await from('2001:db8:1:2:ffff::9').expect(401);
      await from('2001:db8:1:2:0:0:0:77').expect(429);
      await from('2001:db8:1:3::1').expect(401);
    });
  });

  describe('behind a number of trusted proxies (TRUST_PROXY=1)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        env: { RATE_LIMIT_PER_MINUTE: '100', AUTH_FAILURES_PER_MINUTE: '2', TRUST_PROXY: '1' },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('should take the address the nearest proxy saw, whatever the client put before it', async () => {
      const from = (forwarded: string) =>
        t.http().get(READ).set('X-Forwarded-For', forwarded).set('Authorization', `Bearer ${badToken()}`);

      await from('198.51.100.7, 203.0.113.1').expect(401);
      await from('198.51.100.8, 203.0.113.1').expect(401);
      await from('203.0.113.1').expect(429);
      await from('198.51.100.7, 203.0.113.2').expect(401);
    });
  });

  describe('switched off', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('should not limit failed authentications either when RATE_LIMIT_PER_MINUTE=0 and no own setting', async () => {
      for (let i = 0; i < 40; i++) await t.http().get(READ).expect(401);
    });
  });
});
