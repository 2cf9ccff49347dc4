import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { boundHeapGrowth, exitGracefullyOnSignals, loadConfig, logLevelsFrom } from '#libs/config';
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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: logLevelsFrom(config.logLevel),
  });
  // The projections' batches in flight commit or roll back, the leases are released and the pool closed.
  exitGracefullyOnSignals(() => app.close(), new Logger('Shutdown'));
  console.log(`Tracker worker started (pid ${process.pid}): projections${config.runProjections ? '' : ' off'}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
