import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('OpenAPI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should describe every write with its body schema, headers and problem answers at /docs-json', async () => {
    const { body: document } = await t.http().get('/docs-json').expect(200);

    const register = document.paths['/v1/enterprises'].post;
    expect(register.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['uscc', 'name', 'districtCode']),
      additionalProperties: false,
    });
    expect(register.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['If-Match', 'Idempotency-Key']),
    );
    expect(register.responses['409'].content['application/problem+json']).toBeDefined();
    const score = document.paths['/v1/diagnostics/{id}/indicators/{code}'].put;
    expect(score.requestBody.content['application/json'].schema.properties.points).toBeDefined();
    const report = document.paths['/v1/reports'].post;
    expect(report.requestBody.content['application/json'].schema.required).toEqual(['kind', 'period']);
    expect(document.paths['/v1/reports/{id}/download'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['format', 'variant']),
    );
    const writes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { requestBody?: unknown }>)
        .filter(([method]) => method === 'post' || method === 'put')
        .map(([method, operation]) => ({ path, method, hasBody: Boolean(operation.requestBody) })),
    );
    expect(writes.filter((w) => !w.hasBody)).toEqual([]);
  });

  it('should serve the documentation page at /docs without a token', async () => {
    const page = await t.http().get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
