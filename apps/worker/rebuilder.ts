import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { boundHeapGrowth, exitGracefullyOnSignals, loadConfig } from '#libs/config';
import { PinoLoggerService } from '#libs/logging';
import { WorkerModule } from './worker.module.js';

/**
 * The worker's child process: it rebuilds the read models an admin or a new code version asks for, while its
 * parent follows the live log, so a rebuild's batches never hold up the live projections' event loop. It
 * leaves when its parent does.
 */
async function bootstrap(): Promise<void> {
  // Leaves with its parent, even one that dies while this process starts (its leases would outlive it).
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  boundHeapGrowth();
  const config = { ...loadConfig(), migrate: false }; // the parent migrated before it started this process
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, 'rebuild'), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLoggerService));
  const logger = new Logger('Rebuilder');
  exitGracefullyOnSignals(() => app.close(), logger);
  if (!process.connected) process.kill(process.pid, 'SIGTERM');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
