import { ClockModule } from '#libs/clock';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CqrsModule } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { CommandsModule } from '#libs/commands';
import { DATABASE, DatabaseModule } from '#libs/database';
import { DiagnosticsModule } from '#libs/diagnostics';
import { EnterprisesModule } from '#libs/enterprises';
import { EventStore, EventStoreModule, LOG_START } from '#libs/event-store';
import { ProjectsModule } from '#libs/projects';
import { ProvidersModule } from '#libs/providers';
import { createTestDatabase, type TestDatabase } from '#libs/testing';
import { DemoDataLoader } from './demo-data.loader.js';
import { DemoDataModule } from './demo-data.module.js';

describe(DemoDataLoader.name, () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        CqrsModule.forRoot(),
        ClockModule.forRoot(),
        DatabaseModule.forRoot({ migrate: false }),
        EventStoreModule,
        CommandsModule,
        EnterprisesModule,
        ProvidersModule,
        DiagnosticsModule,
        ProjectsModule.forRoot({ trialRunMinDays: 90 }),
        DemoDataModule,
      ],
    })
      .overrideProvider(DATABASE)
      .useValue(database)
      .compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef?.close();
    await database?.close();
  });

  it('should load enterprises, diagnostics and projects through the commands, once', async () => {
    const sut = moduleRef.get(DemoDataLoader);

    expect(await sut.load({ enterprises: 40 })).toEqual({ enterprises: 40 });
    expect(await sut.load({ enterprises: 40 })).toEqual({ enterprises: 0 });

    const types = new Map<string, number>();
    const store = moduleRef.get(EventStore);
    for (let position = LOG_START; ;) {
      const batch = await store.readAll({ after: position, limit: 1000 });
      if (!batch.length) break;
      for (const event of batch) types.set(event.type, (types.get(event.type) ?? 0) + 1);
      position = batch.at(-1)!.position;
    }
    expect(types.get('EnterpriseRegistered')).toBe(40);
    for (const type of [
      'ProviderAdmitted',
      'DiagnosticScheduled',
      'MaturityLevelDetermined',
      'ReportIssued',
      'ProjectProposed',
      'KpiMeasured',
    ]) {
      expect(types.get(type) ?? 0).toBeGreaterThan(0);
    }
  });
});
