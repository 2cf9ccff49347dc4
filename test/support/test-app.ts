import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { ApiKeysService, type Role, type Scope } from '#libs/auth';
import type { Clock } from '#libs/clock';
import { loadConfig } from '#libs/config';
import { DATABASE } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { createLogger, PinoLoggerService, ROOT_LOGGER } from '#libs/logging';
import type { DestinationStream } from 'pino';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { AppModule } from '../../apps/api/app.module.js';
import { configureApp, httpAdapter } from '../../apps/api/configure-app.js';

export const ADMIN_TOKEN = 'test-bootstrap-admin-token';

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  store: EventStore;
  http: () => ReturnType<typeof request>;
  /** A bearer token of a new key with this role and scope. */
  tokenFor(role: Role, scope?: Scope): Promise<string>;
  /** A new key: its id (the actor id in events) and token. */
  keyFor(role: Role, scope?: Scope): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

/** The real api on a fresh test database (PGlite, or the server when DATABASE_URL is set and not `embedded`). */
export async function createTestApp(
  options: {
    imports?: Type[];
    env?: Record<string, string>;
    clock?: Clock;
    embedded?: boolean;
    /** Where the app's JSON log lines go (the request log and Nest's own), for a test that reads them. */
    logTo?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase({ embedded: options.embedded });
  const config = loadConfig(
    { BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', ...options.env },
    [],
  );
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config, options.clock), ...(options.imports ?? [])],
  })
    .overrideProvider(DATABASE)
    .useValue(database);
  if (options.logTo) {
    builder.overrideProvider(ROOT_LOGGER).useValue(createLogger({ level: 'log', name: 'tracker-test' }, options.logTo));
  }
  const moduleRef = await builder.compile();
  const app = await configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(httpAdapter(config), {
      bodyParser: false,
      logger: ['error'],
    }),
  );
  if (options.logTo) app.useLogger(app.get(PinoLoggerService));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer() as App;
  const keyFor = (role: Role, scope: Scope = {}) =>
    app.get(ApiKeysService).create({ name: `test ${role}`, role, scope }, null);
  return {
    app,
    database,
    store: app.get(EventStore),
    http: () => request(server),
    async tokenFor(role, scope = {}) {
      return (await keyFor(role, scope)).token;
    },
    keyFor,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
