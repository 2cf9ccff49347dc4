import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeysService } from '#libs/auth';
import { boundHeapGrowth, loadConfig, logLevelsFrom } from '#libs/config';
import { DemoDataLoader } from '#libs/demo-data';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  const config = loadConfig();
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      logger: logLevelsFrom(config.logLevel),
      bodyParser: false,
    }),
  );
  app.enableShutdownHooks();
  const firstKey = await app.get(ApiKeysService).createFirstAdminKeyIfNone();
  if (firstKey) {
    new Logger('ApiKeys').warn(
      `No API key existed, so a first admin key was created. It is shown this once:\n\n    ${firstKey.token}\n`,
    );
  }
  await app.listen(config.port);
  console.log(`Tracker API listening on http://localhost:${config.port} (health: /health, docs: /docs)`);
  if (config.demoData) {
    // In the background: the API answers while the data set goes in through the ordinary commands.
    app
      .get(DemoDataLoader)
      .load()
      .catch((error: unknown) => new Logger('DemoData').error(error instanceof Error ? error.message : String(error)));
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
