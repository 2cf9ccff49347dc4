import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Migrator } from 'kysely/migration';
import { migrations } from '../db/migrations/index.js';
import { migrateToLatest } from '#libs/database';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('GET /health, /health/live and /health/ready', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The rate limit on, at one request a minute: health answers however often it is asked.
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should answer without a token that the service and its database are up', async () => {
    const response = await t.http().get('/health').expect(200);

    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('should answer live and ready, never rate-limited', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http().get('/health/ready').expect(200)).body).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, migrations: { status: 'up' } },
      });
      await t.http().get('/health').expect(200);
    }
  });

  it('should not be ready while a migration has not run, and be ready again once it has', async () => {
    const migrator = new Migrator({
      db: t.database.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    const last = Object.keys(migrations).sort().at(-1);
    try {
      const response = await t.http().get('/health/ready').expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        error: { migrations: { status: 'down', pending: [last] } },
      });
      await t.http().get('/health/live').expect(200);
    } finally {
      await migrateToLatest(t.database.db);
    }
    await t.http().get('/health/ready').expect(200);
  });
});
