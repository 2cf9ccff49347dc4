import { type DynamicModule, Module } from '@nestjs/common';
import { METRICS_HOST, METRICS_PORT, MetricsServer } from './metrics-server.js';

/** The metrics port (`METRICS_PORT`, on `METRICS_HOST`), when set: every process (api, worker) may serve one. */
@Module({})
export class MetricsModule {
  static forRoot(options: { port: number | undefined; host?: string | undefined }): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        { provide: METRICS_PORT, useValue: options.port },
        { provide: METRICS_HOST, useValue: options.host },
        MetricsServer,
      ],
      exports: [MetricsServer],
    };
  }
}
