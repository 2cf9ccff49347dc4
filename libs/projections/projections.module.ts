import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DATABASE, type Database } from '#libs/database';
import { EventStore } from '#libs/event-store';
import { ProjectionAdmin } from './projection-admin.js';
import { ProjectionMetrics } from './projection-metrics.js';
import { ProjectionEngine, type ProjectionEngineOptions } from './projection-engine.js';
import { ProjectionWaiter } from './projection-waiter.js';
import type { Projection } from './projection.js';

export interface ProjectionsModuleOptions {
  projections: readonly Projection[];
  /** Run the engine in this process (false: only wait for and administer projections other processes run). */
  run: boolean;
  engine?: Omit<ProjectionEngineOptions, 'logger'>;
}

const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

@Injectable()
class ProjectionDaemon implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.run) await this.engine.start();
    else await this.engine.prepare();
  }

  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }
}

/** The projection engine (when this process runs it), read-your-writes waits and projection admin. */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: ProjectionsModule,
      providers: [
        { provide: PROJECTIONS_OPTIONS, useValue: options },
        {
          provide: ProjectionEngine,
          inject: [DATABASE, EventStore],
          useFactory: (database: Database, eventStore: EventStore) =>
            new ProjectionEngine(database, eventStore, options.projections, { ...options.engine, logger }),
        },
        {
          provide: ProjectionWaiter,
          inject: [DATABASE, ProjectionEngine],
          useFactory: (database: Database, engine: ProjectionEngine) => new ProjectionWaiter(database, engine),
        },
        {
          provide: ProjectionAdmin,
          inject: [DATABASE, EventStore, ProjectionEngine],
          useFactory: (database: Database, eventStore: EventStore, engine: ProjectionEngine) =>
            new ProjectionAdmin(database, eventStore, engine),
        },
        ProjectionDaemon,
        ProjectionMetrics,
      ],
      exports: [ProjectionEngine, ProjectionWaiter, ProjectionAdmin],
    };
  }
}
