import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { sql } from 'kysely';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { API_KEYS_CHANNEL } from '#libs/auth';
import { loadConfig } from '#libs/config';
import { DATABASE, type Database, openDatabase } from '#libs/database';
import { describeOnServer } from '#libs/testing';
import { AppModule } from '../apps/api/app.module.js';
import { configureApp, httpAdapter } from '../apps/api/configure-app.js';
import { waitUntil } from './support/processes.js';
import { ADMIN_TOKEN, createTestApp, type TestApp } from './support/test-app.js';

const READ = '/v1/enterprises?limit=1';
const VIEWER_SCOPE = { districtCodes: ['520900'] };
/** How soon another process must refuse a revoked key (its cache would keep it for 5 s). */
const PROMPTLY_MS = 500;
const SECOND = 'tracker-second';
const ENV = { RUN_PROJECTIONS: 'false', RUN_REPORT_SCHEDULER: 'false' };

describe('Revoking an API key in the process that serves it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should refuse the key at once, though it was just used (and cached)', async () => {
    const key = await t.keyFor('viewer', VIEWER_SCOPE);
    await t.http().get(READ).set('Authorization', `Bearer ${key.token}`).expect(200);
    await t.http().delete(`/v1/api-keys/${key.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(204);

    await t.http().get(READ).set('Authorization', `Bearer ${key.token}`).expect(401);
    await t.http().delete(`/v1/api-keys/${key.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(404);
  });
});

/** Two api processes on one database (two Nest apps, each with its own pool and LISTEN session). */
describeOnServer('Revoking an API key on one process, used on another', () => {
  let first: TestApp;
  let secondDatabase: Database;
  let second: NestFastifyApplication;
  let secondHttp: () => ReturnType<typeof request>;

  beforeAll(async () => {
    first = await createTestApp({ env: ENV });
    secondDatabase = await openDatabase({ url: first.database.url!, poolSize: 5, applicationName: SECOND });
    const config = loadConfig(
      { BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', ...ENV },
      [],
    );
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
    })
      .overrideProvider(DATABASE)
      .useValue(secondDatabase)
      .compile();
    second = await configureApp(
      moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(config), {
        bodyParser: false,
        logger: ['error'],
      }),
    );
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
    const server = second.getHttpServer() as App;
    secondHttp = () => request(server);
  });
  afterAll(async () => {
    await second?.close();
    await secondDatabase?.close();
    await first?.close();
  });

  const revokedOnFirstRefusedOnSecond = async (): Promise<number> => {
    const key = await first.keyFor('viewer', VIEWER_SCOPE);
    // The second process has looked the key up, so it holds it in its cache.
    await secondHttp().get(READ).set('Authorization', `Bearer ${key.token}`).expect(200);
    await secondHttp().get(READ).set('Authorization', `Bearer ${key.token}`).expect(200);

    await first.http().delete(`/v1/api-keys/${key.id}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(204);
    const revokedAt = Date.now();
    let status = 200;
    while (status !== 401 && Date.now() - revokedAt < 10_000) {
      status = (await secondHttp().get(READ).set('Authorization', `Bearer ${key.token}`)).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
    return Date.now() - revokedAt;
  };

  it('should refuse the key on the other process within moments, not after its cache expires', async () => {
    expect(await revokedOnFirstRefusedOnSecond()).toBeLessThan(PROMPTLY_MS);
  });

  it('should keep hearing revocations after its LISTEN session was cut off', async () => {
    const listeningPid = async () =>
      (
        await sql<{ pid: number }>`
          select pid from pg_stat_activity
          where datname = current_database() and application_name = ${`${SECOND}:listen`}
            and query = ${`LISTEN "${API_KEYS_CHANNEL}"`}`.execute(first.database.db)
      ).rows[0]?.pid;
    await waitUntil(async () => (await listeningPid()) !== undefined, 5_000, 'the LISTEN session on the channel');
    const cutOff = (await listeningPid())!;
    await sql`select pg_terminate_backend(${cutOff}::int)`.execute(first.database.db);
    await waitUntil(
      async () => ![undefined, cutOff].includes(await listeningPid()),
      15_000,
      'the LISTEN session to come back',
    );

    expect(await revokedOnFirstRefusedOnSecond()).toBeLessThan(PROMPTLY_MS);
  });
});
