import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { boundHeapGrowth, exitGracefullyOnSignals, loadConfig } from '#libs/config';
import { PinoLoggerService } from '#libs/logging';
import { RebuildProcess } from './rebuild-process.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  const config = loadConfig();
  if (!config.databaseUrl) {
    // PGlite has one connection inside one process: the api process runs everything there.
    throw new Error(
      'The worker needs DATABASE_URL (a PostgreSQL server); on the embedded database run `npm start` only',
    );
  }
  const rebuilds = config.projectionRebuildProcess
    ? new RebuildProcess(new URL('./rebuilder.js', import.meta.url), new Logger('Rebuilds'))
    : null;
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, rebuilds ? 'follow' : 'all'), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLoggerService));
  rebuilds?.start();
  // The rebuild process stops, the projections' batches in flight commit or roll back, the leases are released
  // and the pool closed.
  exitGracefullyOnSignals(async () => {
    await rebuilds?.stop();
    await app.close();
  }, new Logger('Shutdown'));
  console.log(
    `Tracker worker started (pid ${process.pid}): projections${rebuilds ? ', rebuilds in a process of their own' : ''}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
