import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { encodeCursor } from '#libs/queries';
import { daysFromToday } from '#libs/testing';
import { eventCount } from './support/events.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6U00001');
/** Requests per operation: the whole surface stays within about a minute on either database. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 6);

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
}

/** Strings a careless or hostile client might send anywhere a value goes. */
const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '__proto__',
    'constructor',
    '1e308',
    '-1',
    '2147483648',
    '9223372036854775808',
    '1.5',
    'NaN',
    '0000-01-01T00:00:00Z',
    '2026-13-45',
    "=cmd|' /C calc'!A0",
    '<script>alert(1)</script>',
    "' or 1=1 --",
    '../../etc/passwd',
    '%00',
    'L2',
    'true',
    '',
  ),
  fc.constant('x'.repeat(100_000)),
);

/** Cursors: random base64, and well-formed cursors holding values of the wrong kind. */
const cursor = fc.oneof(
  fc.base64String({ maxLength: 60 }),
  fc.constantFrom(
    encodeCursor([1.5] as never),
    encodeCursor([1e308] as never),
    encodeCursor(['9223372036854775808'] as never),
    encodeCursor(['a', 'b'] as never),
    encodeCursor([] as never),
    Buffer.from('{"__proto__":1}').toString('base64url'),
  ),
);

const headerValue = (name: string) =>
  name === 'X-Min-Position'
    ? fc.oneof(oddString, fc.constantFrom('999999999-999999999', '0-0', '1-1-1'))
    : name === 'If-Match'
      ? fc.oneof(oddString, fc.constantFrom('"1"', '"2147483648"', '*', 'W/"1"'))
      : oddString;

/** Percent-encodes any string, a lone surrogate as the bytes of its WTF-8 form (invalid UTF-8 for the server). */
const encodeAny = (value: string) =>
  value.replace(/[\s\S]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      const code = c.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
  });

/** A header value that HTTP can carry (a header with a control character is refused by the client itself). */
const sendable = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value.length < 8000;

describe('The whole HTTP surface under fuzzed parameters, headers and cursors', () => {
  let t: TestApp;
  let operations: Operation[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = (path: string, body: object) =>
      t.http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body);
    await admin('/v1/enterprises', {
      uscc: ENTERPRISE,
      name: '全面模糊测试企业',
      industryCode: 'C34',
      districtCode: '520900',
      parkId: 'gaxq-dz',
      aboveDesignatedSize: true,
    }).expect(201);
    ids['enterprises'] = ENTERPRISE;
    const diagnostic = await admin('/v1/diagnostics', {
      enterpriseId: ENTERPRISE,
      kind: 'periodic',
      scoringModel: 'miit-2024',
      plannedDate: daysFromToday(-10),
      dueDate: daysFromToday(20),
    }).expect(201);
    ids['diagnostics'] = diagnostic.body.id as string;
    const document = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method,
        path,
        parameters: (operation.parameters ?? []).filter((p) => ['path', 'query', 'header'].includes(p.in)),
      })),
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('should answer every operation with a 2xx or a problem+json 4xx, and append nothing when it refuses', async () => {
    expect(operations.length).toBeGreaterThan(60);
    const tokens = fc.constantFrom(
      `Bearer ${ADMIN_TOKEN}`,
      `Bearer  ${ADMIN_TOKEN} `,
      'Bearer',
      'Basic YTpi',
      `Bearer ${'x'.repeat(5000)}`,
    );
    for (const operation of operations) {
      const pathParameters = operation.parameters.filter((p) => p.in === 'path');
      const queryParameters = operation.parameters.filter((p) => p.in === 'query');
      const headers = [
        ...new Set([
          ...operation.parameters.filter((p) => p.in === 'header').map((p) => p.name),
          'If-Match',
          'Idempotency-Key',
          'X-Min-Position',
          'X-Correlation-Id',
        ]),
      ];
      const request = fc.record({
        authorization: tokens,
        path: fc.tuple(
          ...pathParameters.map((p) =>
            p.name === 'id' ? fc.oneof(oddString, fc.constant(ids[operation.path.split('/')[2]!] ?? 'x')) : oddString,
          ),
        ),
        query: fc.tuple(...queryParameters.map((p) => (p.name === 'cursor' ? cursor : oddString))),
        headers: fc.tuple(...headers.map((name) => fc.option(headerValue(name), { nil: undefined }))),
        body: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue())),
      });
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          let path = operation.path;
          pathParameters.forEach((p, i) => {
            path = path.replace(`{${p.name}}`, encodeAny(input.path[i]!));
          });
          const query = queryParameters.map((p, i) => `${p.name}=${encodeAny(input.query[i]!)}`).join('&');
          const before = await eventCount(t.database);
          let call = t
            .http()
            [operation.method as 'get' | 'post' | 'put' | 'delete'](`${path}${query ? `?${query}` : ''}`)
            .set('Authorization', input.authorization);
          headers.forEach((name, i) => {
            const value = input.headers[i];
            if (value !== undefined && sendable(value)) call = call.set(name, value);
          });
          const response = operation.method === 'get' ? await call : await call.send(input.body);
          const what = `${operation.method.toUpperCase()} ${path.slice(0, 120)} → ${response.status}`;
          expect(what).toMatch(/→ [234]\d\d$/);
          if (response.status >= 400) {
            expect(`${what} ${response.headers['content-type']}`).toMatch(/application\/problem\+json/);
            if (operation.method !== 'get') expect(await eventCount(t.database)).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    }
  }, 600_000);
});
