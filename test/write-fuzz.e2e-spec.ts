import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryModule } from '@nestjs/core';
import fc from 'fast-check';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { listRoutes, type Route } from './support/routes.js';
import { eventCount } from './support/events.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const ENTERPRISE = withUsccCheckCharacter('91520900MA6F00001');

/** Bodies a careless or hostile client might send: any JSON, and objects with the fields' names. */
const bodies = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'uscc',
      'name',
      'points',
      'level',
      'decision',
      'reason',
      'date',
      'value',
      'unit',
      'items',
      'kind',
      'role',
      'occurredAt',
      '__proto__',
      'constructor',
    ),
    fc.oneof(
      fc.jsonValue(),
      fc.constant('2999-01-01T00:00:00Z'),
      fc.constant(1e308),
      fc.constant(-1),
      fc.string({ maxLength: 3000 }),
    ),
  ),
);

describe('Write endpoints under fuzzed bodies', () => {
  let t: TestApp;
  let writes: Route[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ imports: [DiscoveryModule] });
    writes = listRoutes(t).filter((route) => route.method !== 'GET' && route.path.startsWith('/v1/'));
    const admin = (path: string, body: object) =>
      t.http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body);
    await admin('/v1/enterprises', {
      uscc: ENTERPRISE,
      name: '模糊测试企业',
      industryCode: 'C34',
      districtCode: '520900',
      parkId: 'p',
      aboveDesignatedSize: true,
    }).expect(201);
    ids['enterprises'] = ENTERPRISE;
    ids['diagnostics'] = (
      await admin('/v1/diagnostics', {
        enterpriseId: ENTERPRISE,
        kind: 'periodic',
        scoringModel: 'miit-2024',
        plannedDate: '2026-11-01',
        dueDate: '2026-12-01',
      }).expect(201)
    ).body.id;
    ids['projects'] = (
      await admin('/v1/projects', { enterpriseId: ENTERPRISE, type: 'other', name: 'x', plannedBudget: 1 }).expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should never answer a write with a 5xx, and append nothing when it refuses', async () => {
    expect(writes.length).toBeGreaterThan(40);
    for (const route of writes) {
      const collection = route.path.split('/')[2]!;
      const path = route.path
        .replace(':id', ids[collection] ?? 'x')
        .replace(':code', 'F4')
        .replace(':kpiCode', 'oee')
        .replace(':mid', 'M1');
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = await eventCount(t.database);
          const response = await t
            .http()
            [route.method.toLowerCase() as 'post' | 'put' | 'delete'](path)
            .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          expect(`${route.method} ${route.path} ${response.status}`).toMatch(/ [24]\d\d$/);
          // A body that is valid by chance ({} where nothing is required) may succeed; a refusal changes nothing.
          if (response.status >= 400) {
            expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(await eventCount(t.database)).toBe(before);
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});
