import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, logLevelsFrom } from '#libs/config';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
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
  app.enableShutdownHooks();
  new Logger('Worker').log('Worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
