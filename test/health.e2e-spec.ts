import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AppModule } from '../apps/api/app.module.js';
import { loadConfig } from '#libs/config';
import { DATABASE } from '#libs/database';
import { createTestDatabase, type TestDatabase } from '#libs/testing';

describe('GET /health', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(loadConfig({}, []))] })
      .overrideProvider(DATABASE)
      .useValue(database)
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('should answer that the service and its database are up', async () => {
    const response = await request(app.getHttpServer() as App)
      .get('/health')
      .expect(200);

    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});
