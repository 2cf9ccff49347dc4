import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { type AppConfig } from '#libs/config';
import { DatabaseModule } from '#libs/database';
import { EventStoreModule } from '#libs/event-store';
import { HealthController } from './health/health.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.databaseUrl,
          dataDir: config.dataDir,
          migrate: config.migrate,
          poolSize: config.poolSize,
          idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
          applicationName: 'tracker-api',
        }),
        EventStoreModule,
        TerminusModule,
      ],
      controllers: [HealthController],
    };
  }
}
