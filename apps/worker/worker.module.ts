import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { EventStoreModule } from '#libs/event-store';

/** The api's modules without HTTP: it will run the projection daemon and the report scheduler. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DatabaseModule.fromConfig(config, 'tracker-worker'), EventStoreModule],
    };
  }
}
