import { type DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '#libs/clock';
import { type AppConfig } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { EventStoreModule } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionsModule } from '#libs/projections';
import { ReportingModule } from '#libs/reporting';

/** The api's background work without HTTP: the projection engine and the report scheduler. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ClockModule.forRoot(),
        DatabaseModule.fromConfig(config, 'tracker-worker'),
        EventStoreModule,
        ProjectionsModule.forRoot({
          projections: READ_MODEL_PROJECTIONS,
          run: true,
          engine: {
            pollIntervalMs: config.projectionPollIntervalMs,
            rebuildBatchSize: config.projectionRebuildBatchSize,
          },
        }),
        ReportingModule.forRoot(config.reports),
      ],
    };
  }
}
