import { type DynamicModule, Module } from '@nestjs/common';
import { METRICS_PORT, MetricsServer } from './metrics-server.js';

/** The metrics port (`METRICS_PORT`), when set: every process (api, worker) may serve one. */
@Module({})
export class MetricsModule {
  static forRoot(options: { port: number | undefined }): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: METRICS_PORT, useValue: options.port }, MetricsServer],
      exports: [MetricsServer],
    };
  }
}
