import { type DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '#libs/clock';
import { CommandsModule } from '#libs/commands';
import { type AppConfig } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { DistrictMovesModule } from '#libs/district-moves';
import { EventStoreModule } from '#libs/event-store';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionsModule } from '#libs/projections';
import { ReportingModule } from '#libs/reporting';

/** The api's background work without HTTP: the projection engine, its reactors and the report scheduler. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ClockModule.forRoot(),
        DatabaseModule.fromConfig(config, 'tracker-worker'),
        EventStoreModule,
        CommandsModule,
        ProjectionsModule.forRoot({
          projections: READ_MODEL_PROJECTIONS,
          run: true,
          engine: {
            pollIntervalMs: config.projectionPollIntervalMs,
            rebuildBatchSize: config.projectionRebuildBatchSize,
          },
        }),
        DistrictMovesModule,
        ReportingModule.forRoot(config.reports),
      ],
    };
  }
}
