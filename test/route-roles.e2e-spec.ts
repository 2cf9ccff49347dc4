import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DiscoveryModule } from '@nestjs/core';
import { type Role, ROLES, type Scope } from '#libs/auth';
import { listRoutes, type Route } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const SCOPES: Record<Role, Scope> = {
  admin: {},
  officer: { districtCodes: ['520900'] },
  assessor: { providerId: 'provider-1' },
  enterprise: { enterpriseId: '91350100M000100Y43' },
  viewer: { districtCodes: ['520900'] },
};

describe('Routes × roles', () => {
  let t: TestApp;
  let routes: Route[];
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await createTestApp({ imports: [DiscoveryModule] });
    routes = listRoutes(t);
    for (const role of ROLES) tokens[role] = await t.tokenFor(role, SCOPES[role]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should find the routes of the app', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /health', 'POST /v1/enterprises', 'POST /v1/api-keys', 'DELETE /v1/api-keys/:id']),
    );
  });

  it('should declare roles on every route that is not public', () => {
    const undeclared = routes.filter((r) => !r.public && !r.roles?.length).map((r) => `${r.method} ${r.path}`);

    expect(undeclared).toEqual([]);
  });

  it('should never let a viewer write', () => {
    const writable = routes.filter((r) => r.method !== 'GET' && r.roles?.includes('viewer'));

    expect(writable).toEqual([]);
  });

  it('should answer 401 without a token and 403 to every role a route does not name', async () => {
    for (const route of routes.filter((r) => !r.public)) {
      const path = route.path.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const call = () => t.http()[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
      expect(`${route.method} ${route.path} ${(await call().send({})).status}`).toBe(
        `${route.method} ${route.path} 401`,
      );
      for (const role of ROLES) {
        const status = (await call().set('Authorization', `Bearer ${tokens[role]}`).send({})).status;
        const allowed = role === 'admin' || route.roles!.includes(role);
        expect(`${route.method} ${route.path} as ${role}: ${allowed ? 'allowed' : status}`).toBe(
          `${route.method} ${route.path} as ${role}: ${allowed ? 'allowed' : 403}`,
        );
        if (allowed) expect([401, 403]).not.toContain(status);
      }
    }
  });
});
