import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { ENTERPRISE_STREAM, enterpriseStreamId, withUsccCheckCharacter } from '#libs/enterprises';
import { anEventMetadata, createTestDatabase, describeOnServer, type TestDatabase } from '#libs/testing';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const STALL_WARN_MS = 300;

describeOnServer('The log fence through the service', () => {
  let t: TestApp;
  let other: TestDatabase;
  beforeAll(async () => {
    t = await createTestApp({ env: { APPENDER_STALL_WARN_MS: String(STALL_WARN_MS) } });
    other = await createTestDatabase({ poolSize: 1 });
  });
  afterAll(async () => {
    await t?.close();
    await other?.close();
  });
  const admin = () => ({ Authorization: `Bearer ${ADMIN_TOKEN}` });
  let n = 0;
  const register = () => {
    const uscc = withUsccCheckCharacter(`91520900MA6F${String(++n).padStart(5, '0')}`);
    return t
      .http()
      .post('/v1/enterprises')
      .set(admin())
      .send({
        uscc,
        name: `栅栏企业${n}`,
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: true,
      })
      .expect(201);
  };

  it('should serve a read with X-Min-Position at once while another database holds a writing transaction open', async () => {
    const client = new pg.Client({ connectionString: other.url! });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('create table held_open (x int)');
      const written = await register();
      const started = Date.now();
      const read = await t
        .http()
        .get(`/v1/enterprises/${written.body.id}`)
        .set(admin())
        .set('X-Min-Position', written.body.position as string);
      expect(read.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('should name an event-writing transaction open too long in /health and the admin API', async () => {
    const before = await t.http().get('/v1/admin/projections').set(admin()).expect(200);
    expect(before.body.stalledBy).toBeNull();

    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let pid = 0;
    const uscc = withUsccCheckCharacter('91520900MA6F99999');
    const appender = t.database.db.transaction().execute(async (trx) => {
      await t.store.append(
        enterpriseStreamId(uscc),
        ENTERPRISE_STREAM,
        [
          {
            type: 'EnterpriseRegistered',
            data: {
              uscc,
              name: '长事务企业',
              industryCode: 'C39',
              districtCode: '520900',
              parkId: 'gaxq-dz',
              aboveDesignatedSize: true,
              statYear: 2026,
            },
          },
        ],
        { expectedVersion: 'no_stream', metadata: anEventMetadata(), transaction: trx },
      );
      pid = (await trx.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid').as('pid')).executeTakeFirstOrThrow()).pid;
      await released;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, STALL_WARN_MS + 200));
      const listed = await t.http().get('/v1/admin/projections').set(admin()).expect(200);
      expect(listed.body.stalledBy).toMatchObject({ pid });
      expect(listed.body.stalledBy.ageMs).toBeGreaterThanOrEqual(STALL_WARN_MS);
      const health = await t.http().get('/health').expect(200);
      expect(health.body.details.log).toMatchObject({ status: 'up', stalledBy: { ageMs: expect.any(Number) } });
      expect(health.body.details.log.stalledBy).not.toHaveProperty('pid');
    } finally {
      release();
      await appender;
    }
    const after = await t.http().get('/v1/admin/projections').set(admin()).expect(200);
    expect(after.body.stalledBy).toBeNull();
  });
});
