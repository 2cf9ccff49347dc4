import { type DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from '#libs/clock';
import { CommandsModule } from '#libs/commands';
import { type AppConfig } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { DistrictMovesModule } from '#libs/district-moves';
import { EventStoreModule } from '#libs/event-store';
import { LoggingModule } from '#libs/logging';
import { MetricsModule } from '#libs/metrics';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { type ProjectionRole, ProjectionsModule } from '#libs/projections';
import { ReportingModule } from '#libs/reporting';

/**
 * The api's background work without HTTP: the projection engine, its reactors and the report scheduler
 * (`follow` or `all`); or, in the worker's child process, the projections' rebuilds alone (`rebuild`).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, role: ProjectionRole): DynamicModule {
    const projections = ProjectionsModule.forRoot({
      projections: READ_MODEL_PROJECTIONS,
      run: true,
      engine: {
        pollIntervalMs: config.projectionPollIntervalMs,
        ...(config.projectionGatherMs === undefined ? {} : { gatherMs: config.projectionGatherMs }),
        rebuildBatchSize: role === 'rebuild' ? config.rebuildProcessBatchSize : config.projectionRebuildBatchSize,
        only: config.projectionsRun,
        role,
      },
    });
    const name = role === 'rebuild' ? 'tracker-rebuilder' : 'tracker-worker';
    // The rebuild child shares its parent's environment, and so METRICS_PORT: only the worker serves it.
    const metrics = MetricsModule.forRoot({
      port: role === 'rebuild' ? undefined : config.metricsPort,
      host: config.metricsHost,
    });
    const base = [
      LoggingModule.forRoot({ level: config.logLevel, format: config.logFormat, name }),
      ClockModule.forRoot(),
      DatabaseModule.fromConfig(config, name),
      EventStoreModule,
      projections,
      metrics,
    ];
    return {
      module: WorkerModule,
      imports:
        role === 'rebuild'
          ? base
          : [
              ...base,
              CommandsModule.forRoot({ stateCacheBytes: config.commandStateCacheBytes }),
              DistrictMovesModule,
              ReportingModule.forRoot(config.reports),
            ],
    };
  }
}
