import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { withUsccCheckCharacter } from '#libs/enterprises';
import { migrations } from '../db/migrations/index.js';
import { migrateToLatest } from '#libs/database';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

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

  // Last: the log it leaves behind cannot take writes.
  it('should not be ready, and append nothing, once the log holds transaction ids the database has not reached', async () => {
    await sql`insert into events (event_id, stream_id, stream_type, version, type, data, metadata, occurred_at,
                                  recorded_at, transaction_id)
              values (gen_random_uuid(), 'restored-1', 'Test', 1, 'Restored', '{}', '{}', now(), now(),
                      (pg_current_xact_id()::text::bigint + 1000000)::text::xid8)`.execute(t.database.db);

    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ error: { logOrder: { status: 'down' } } });
    const write = await t
      .http()
      .post('/v1/enterprises')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({
        uscc: withUsccCheckCharacter('91520900MA6H00001'),
        name: '恢复后企业',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      });
    expect(write.status).toBe(503);
    expect(write.body).toMatchObject({ type: '/problems/log_order_broken' });
  });
});
