import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, logLevelsFrom } from '#libs/config';
import { AppModule } from './app.module.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: logLevelsFrom(config.logLevel),
  });
  app.enableShutdownHooks();
  await app.listen(config.port);
  console.log(`Tracker API listening on http://localhost:${config.port} (health: /health)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
