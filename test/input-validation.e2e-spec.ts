import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { encodeLogPosition } from '#libs/event-store';
import type { Response } from 'supertest';
import { eventCount } from './support/events.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6W00011');
const PROVIDER = withUsccCheckCharacter('91520900MA6W00021');

const cursor = (json: string) => Buffer.from(json).toString('base64url');

/** A 400 problem+json whose errors name this parameter. */
function expectBadInput(response: Response, path: string): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status: 400,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(response.body).toMatchObject({ type: '/problems/validation_failed', status: 400 });
  expect((response.body as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(path);
}

describe('Input validation at the HTTP edge', () => {
  let t: TestApp;
  let projectId: string;
  const get = (path: string) => t.http().get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  const post = (path: string, body: object | string) =>
    t.http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body);
  const register = (overrides: object = {}) =>
    post('/v1/enterprises', {
      uscc: ENTERPRISE,
      name: '贵州某校验测试有限公司',
      industryCode: 'C39',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
      ...overrides,
    });
  /** The log's head, to show that a refused request appended nothing. */
  const head = async () => JSON.stringify(await t.store.head());

  beforeAll(async () => {
    t = await createTestApp();
    await register().expect(201);
    await post('/v1/providers', { name: '某集成商', uscc: PROVIDER, types: ['integrator'] }).expect(201);
    const proposed = await post('/v1/projects', {
      enterpriseId: ENTERPRISE,
      type: 'digital_workshop',
      name: '校验车间',
      plannedBudget: 1_000_000,
    }).expect(201);
    projectId = proposed.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('NUL bytes and lone surrogates', () => {
    it.each([
      ['/v1/enterprises?q=a%00b', 'q'],
      ['/v1/enterprises?parkId=a%00b', 'parkId'],
      ['/v1/projects?parkId=a%00b', 'parkId'],
      ['/v1/projects?enterpriseId=a%00b', 'enterpriseId'],
      ['/v1/diagnostics?providerId=a%00b', 'providerId'],
      ['/v1/audit?actor=a%00b', 'actor'],
      ['/v1/audit?aggregateId=a%00b', 'aggregateId'],
      ['/v1/reports?period=2026%00', 'period'],
    ])('should refuse a NUL byte in the query %s with a 400 naming %s', async (path, name) => {
      expectBadInput(await get(path), name);
    });

    it('should refuse a NUL byte in a path parameter', async () => {
      expectBadInput(await get('/v1/enterprises/a%00b'), 'id');
      expectBadInput(await get('/v1/projects/a%00b/history'), 'id');
    });

    it.each([
      ['a NUL byte', 'a\u0000b'],
      ['a lone high surrogate', 'a\ud800b'],
      ['a lone low surrogate', '\udc00'],
    ])('should refuse %s in a body string and append nothing', async (_, value) => {
      const before = await head();
      expectBadInput(await register({ uscc: withUsccCheckCharacter('91520900MA6W00031'), name: value }), 'name');
      expectBadInput(await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: value }), 'parkId');
      expectBadInput(await post(`/v1/projects/${projectId}/suspension`, { reason: value }), 'reason');
      expect(await head()).toBe(before);
    });

    it('should refuse a lone surrogate in a body key', async () => {
      const response = await post(`/v1/enterprises/${ENTERPRISE}/park`, '{"parkId":"p","\\ud800":1}').set(
        'Content-Type',
        'application/json',
      );
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe("where the error is, in the reader's language", () => {
    it('should name the place of each error (query.level, body.name), and say it in Chinese when asked', async () => {
      const query = await get('/v1/enterprises?level=7').expect(400);
      expect(query.body.errors[0]).toMatchObject({ path: 'level', in: 'query', place: 'query.level' });
      expect(query.body.detail).toBe('See errors for each field (first: query.level)');
      const chinese = await get('/v1/enterprises?level=7').set('Accept-Language', 'zh-CN,zh;q=0.9').expect(400);
      expect(chinese.body.detail).toMatch(/^请求不合法：query\.level：数值过大/);
      const body = await register({ name: '' }).expect(400);
      expect(body.body.errors[0]).toMatchObject({ path: 'name', in: 'body', place: 'body.name' });
      const unknown = await post('/v1/enterprises', { colour: 'red' }).expect(400);
      expect(unknown.body.errors).toContainEqual(expect.objectContaining({ path: '(body)', place: 'body.colour' }));
    });

    it('should say what was expected, not what the parser saw', async () => {
      // Before: "expected number, received NaN" and "expected string, received undefined".
      for (const level of ['L2', '7', '1.5']) {
        const query = await get(`/v1/enterprises?level=${level}`).expect(400);
        expect(query.body.errors[0]).toMatchObject({
          place: 'query.level',
          message: 'must be a maturity level 0–4, e.g. 2',
        });
      }
      const missing = await post('/v1/enterprises', {}).expect(400);
      expect(missing.body.errors).toContainEqual(
        expect.objectContaining({ place: 'body.name', message: 'is required (a string)' }),
      );
      const wrongType = await register({ aboveDesignatedSize: 'yes' }).expect(400);
      expect(wrongType.body.errors[0]).toMatchObject({
        place: 'body.aboveDesignatedSize',
        message: 'must be true or false, not a string',
      });
    });
  });

  describe('cursors', () => {
    it.each([
      ['/v1/projects', '[1.5]'],
      ['/v1/projects', '[1e308]'],
      ['/v1/diagnostics', '[9223372036854775808]'],
      ['/v1/audit', '[9223372036854775808]'],
      ['/v1/audit', '[-1]'],
      ['/v1/enterprises', '["a\\u0000"]'],
      ['/v1/providers', '["\\ud800"]'],
      ['/v1/reports', '["a","b"]'],
      ['/v1/reports', '["0000-01-01T00:00:00.000Z","b"]'],
      [`/v1/projects/PROJECT/history`, '[1.5]'],
    ])('should refuse on %s a cursor decoding to %s', async (list, json) => {
      const response = await get(`${list.replace('PROJECT', projectId)}?cursor=${cursor(json)}`);
      expectBadInput(response, 'cursor');
    });

    it('should still follow the cursors a list gives out', async () => {
      const first = await get('/v1/audit?limit=1').expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      await get(`/v1/audit?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    });
  });

  describe('numbers and dates', () => {
    it('should refuse a version beyond int4', async () => {
      expectBadInput(await get(`/v1/enterprises/${ENTERPRISE}?version=2147483648`), 'version');
      expectBadInput(await get(`/v1/projects/${projectId}?version=99999999999999999999`), 'version');
    });

    it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '+010000-01-01T00:00:00Z', '2026-02-30T00:00:00Z'])(
      'should refuse the time %s in asOf, from, to and occurredAt',
      async (time) => {
        const at = encodeURIComponent(time);
        expectBadInput(await get(`/v1/enterprises/${ENTERPRISE}?asOf=${at}`), 'asOf');
        expectBadInput(await get(`/v1/projects/${projectId}?asOf=${at}`), 'asOf');
        expectBadInput(await get(`/v1/audit?from=${at}`), 'from');
        expectBadInput(await get(`/v1/audit?to=${at}`), 'to');
        expectBadInput(await get(`/v1/audit/export?from=${at}`), 'from');
        const before = await head();
        expectBadInput(
          await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'x', occurredAt: time }),
          'occurredAt',
        );
        expect(await head()).toBe(before);
      },
    );

    it('should refuse a date out of range in a body', async () => {
      const before = await head();
      expectBadInput(await post(`/v1/projects/${projectId}/milestones`, { name: 'm', due: '0000-01-01' }), 'due');
      expect(await head()).toBe(before);
    });

    it('should still take an ordinary time', async () => {
      await get(`/v1/enterprises/${ENTERPRISE}?asOf=${encodeURIComponent(new Date().toISOString())}`).expect(200);
      await get('/v1/audit?from=1900-01-01T00:00:00Z&to=9999-12-31T23:59:59Z').expect(200);
    });
  });

  describe('money', () => {
    it.each([
      ['plannedBudget', 1e308],
      ['plannedBudget', 1e13],
      ['plannedBudget', 0.001],
    ])('should refuse %s %p in a proposal', async (field, value) => {
      const before = await head();
      const response = await post('/v1/projects', {
        enterpriseId: ENTERPRISE,
        type: 'digital_workshop',
        name: '超大预算',
        plannedBudget: value,
      });
      expectBadInput(response, field);
      expect(await head()).toBe(before);
    });

    it('should refuse huge or sub-fen approved budgets and contract values', async () => {
      const before = await head();
      expectBadInput(
        await post(`/v1/projects/${projectId}/approval`, { approvalNo: 'A1', approvedBudget: 1e308 }),
        'approvedBudget',
      );
      expectBadInput(
        await post(`/v1/projects/${projectId}/approval`, { approvalNo: 'A1', approvedBudget: 12.345 }),
        'approvedBudget',
      );
      expectBadInput(await post(`/v1/projects/${projectId}/contract`, { providerId: PROVIDER, value: 1e308 }), 'value');
      expect(await head()).toBe(before);
    });

    it('should take the largest amount below 10^13 with two decimals', async () => {
      await post('/v1/projects', {
        enterpriseId: ENTERPRISE,
        type: 'smart_factory',
        name: '最大预算',
        plannedBudget: 9_999_999_999_999.99,
      }).expect(201);
      await post(`/v1/projects/${projectId}/approval`, { approvalNo: 'A1', approvedBudget: 0.29 }).expect(200);
    });
  });

  describe('headers', () => {
    it('should refuse an over-long or odd X-Correlation-Id and append nothing', async () => {
      const before = await head();
      for (const value of ['x'.repeat(5000), 'x'.repeat(129), 'a b', 'a"<b>']) {
        const response = await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-zb' }).set(
          'X-Correlation-Id',
          value,
        );
        expectBadInput(response, 'X-Correlation-Id');
      }
      expect(await head()).toBe(before);
      await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-zb' })
        .set('X-Correlation-Id', `req-${'a'.repeat(124)}`)
        .expect(200);
    });

    it('should refuse an over-long Idempotency-Key or If-Match', async () => {
      const key = await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-hx' }).set(
        'Idempotency-Key',
        'k'.repeat(201),
      );
      expectBadInput(key, 'Idempotency-Key');
      const match = await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-hx' }).set(
        'If-Match',
        `"${'1'.repeat(300)}"`,
      );
      expectBadInput(match, 'If-Match');
    });

    it('should refuse at once an X-Min-Position past the head of the log', async () => {
      const head = await t.store.head();
      const started = Date.now();
      const far = await get('/v1/enterprises').set('X-Min-Position', '99999999999-999999999');
      expectBadInput(far, 'X-Min-Position');
      const next = encodeLogPosition({ transactionId: head!.transactionId, globalPosition: head!.globalPosition + 1 });
      expectBadInput(await get('/v1/enterprises').set('X-Min-Position', next), 'X-Min-Position');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('should still answer 503 for a written position the read models do not reach within 5 s', async () => {
      await post('/v1/admin/projections/enterprises/pause', {}).expect(200);
      try {
        const write = await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-paused' }).expect(200);
        const started = Date.now();
        const behind = await get('/v1/enterprises').set('X-Min-Position', write.body.position);
        expect(behind.status).toBe(503);
        expect(behind.headers['retry-after']).toBe('1');
        expect(behind.body).toMatchObject({ type: '/problems/projections_behind' });
        expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
      } finally {
        await post('/v1/admin/projections/enterprises/resume', {}).expect(200);
      }
    });

    it('should still wait for a position just written', async () => {
      const write = await post(`/v1/enterprises/${ENTERPRISE}/park`, { parkId: 'gaxq-dz' }).expect(200);
      const read = await get(`/v1/enterprises?parkId=gaxq-dz`).set('X-Min-Position', write.body.position).expect(200);
      expect(read.body.items.map((item: { id: string }) => item.id)).toContain(ENTERPRISE);
    });
  });

  describe('body parser errors and large problems', () => {
    it('should map a malformed JSON body to malformed_request with a human title', async () => {
      const response = await t
        .http()
        .post(`/v1/enterprises/${ENTERPRISE}/park`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"parkId": ');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        type: '/problems/malformed_request',
        status: 400,
        detail: 'The body is not valid JSON',
      });
      expect(JSON.stringify(response.body)).not.toMatch(/Unexpected|JSON\.parse|position \d/);
    });

    it('should read only JSON, in UTF-8, and take an empty body sent as JSON as no body', async () => {
      const post = (type: string, body: string | Buffer) =>
        t
          .http()
          .post(`/v1/enterprises/${ENTERPRISE}/park`)
          .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
          .set('Content-Type', type)
          .send(body);
      const before = await eventCount(t.database);
      // A form or plain text is no JSON body: the route sees none.
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'parkId=gaxq-zb'],
        ['text/plain', '{"parkId":"gaxq-zb"}'],
        ['application/json', ''],
      ] as const) {
        const response = await post(type, body);
        expect(`${type} ${response.status}`).toBe(`${type} 400`);
        expect(response.body).toMatchObject({ type: '/problems/validation_failed' });
      }
      const latin1 = await post('application/json; charset=latin1', Buffer.from('{"parkId":"caf\xe9"}', 'latin1'));
      expect(latin1.status).toBe(415);
      expect(latin1.headers['content-type']).toContain('application/problem+json');
      expect(latin1.body).toMatchObject({ type: '/problems/unsupported_media_type', status: 415 });
      expect(await eventCount(t.database)).toBe(before);
      // A command without a body, sent with the JSON header as many clients do.
      const { id } = await t.keyFor('viewer');
      await t
        .http()
        .delete(`/v1/api-keys/${id}`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .expect((response) => expect(response.status).toBeLessThan(300));
    });

    it('should map a path that is not valid percent-encoding to malformed_request', async () => {
      const response = await get('/v1/enterprises/%ED%A0%80');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: '/problems/malformed_request', status: 400 });
      expect(JSON.stringify(response.body)).not.toContain('%ED');
      // Refused before routing, yet answered like any other request.
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('should map an oversized body to payload_too_large', async () => {
      const response = await t
        .http()
        .post(`/v1/enterprises/${ENTERPRISE}/park`)
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ parkId: 'x'.repeat(1_100_000) }));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: '/problems/payload_too_large', status: 413 });
    });

    it('should list at most 20 errors and count the rest', async () => {
      const body: Record<string, number> = { parkId: 1 };
      for (let i = 0; i < 80_000; i++) body[`k${i}`] = 1;
      const before = await head();
      const response = await post(`/v1/enterprises/${ENTERPRISE}/park`, body);
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(10_000);
      expect(response.body.errors.length).toBeLessThanOrEqual(20);
      expect(response.body.moreErrors).toBeGreaterThan(79_000);
      expect(await head()).toBe(before);
    });
  });
});
