import { CLOCK, type Clock, ClockModule } from '#libs/clock';
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
        CommandsModule.forRoot({ stateCacheBytes: 0 }),
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

  it('should load a year of history into an empty log, in time order, every event from the demo, once', async () => {
    const sut = moduleRef.get(DemoDataLoader);
    const now = moduleRef.get<Clock>(CLOCK).now();

    const loaded = await sut.load({ enterprises: 40 });
    expect(loaded.enterprises).toBe(40);
    expect(await sut.load({ enterprises: 40 })).toEqual({ enterprises: 0, events: 0 });
    expect(sut.status.state).toBe('skipped');

    const types = new Map<string, number>();
    const months = new Set<string>();
    let previous = 0;
    const store = moduleRef.get(EventStore);
    let count = 0;
    for (let position = LOG_START; ;) {
      const batch = await store.readAll({ after: position, limit: 1000 });
      if (!batch.length) break;
      for (const event of batch) {
        types.set(event.type, (types.get(event.type) ?? 0) + 1);
        months.add(event.recordedAt.toISOString().slice(0, 7));
        expect(event.metadata.source).toBe('demo');
        expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(previous);
        expect(event.recordedAt.getTime()).toBeLessThan(now.getTime());
        expect(event.recordedAt.getTime()).toBeGreaterThan(now.getTime() - 366 * 86_400_000);
        previous = event.recordedAt.getTime();
        count++;
      }
      position = batch.at(-1)!.position;
    }
    expect(count).toBe(loaded.events);
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(types.get('EnterpriseRegistered')).toBe(40);
    for (const type of [
      'ProviderAdmitted',
      'DiagnosticScheduled',
      'MaturityLevelDetermined',
      'ReportIssued',
      'ScoreCorrected',
      'ProjectProposed',
      'KpiMeasured',
    ]) {
      expect(types.get(type) ?? 0).toBeGreaterThan(0);
    }
  });

  it('should keep the whole history in the past whatever trial run the deployment asks for', async () => {
    const clock = moduleRef.get<Clock>(CLOCK);
    const longTrials = new DemoDataLoader(moduleRef.get(EventStore), clock, { trialRunMinDays: 200 });
    const events = await longTrials.history(60, 3);
    expect(events.length).toBeGreaterThan(1000);
    expect(events.filter((event) => event.recordedAt.getTime() >= clock.now().getTime())).toEqual([]);
  });

  it('should make the same history from the same seed', async () => {
    // The ids and the order come from the seed; the data set is the same on every machine.
    const sut = moduleRef.get(DemoDataLoader);
    const first = await sut.history(12, 7);
    const second = await sut.history(12, 7);
    expect(second.map((e) => [e.streamId, e.type, e.recordedAt])).toEqual(
      first.map((e) => [e.streamId, e.type, e.recordedAt]),
    );
  });
});
