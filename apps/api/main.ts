import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeysService } from '#libs/auth';
import { boundHeapGrowth, exitGracefullyOnSignals, loadConfig } from '#libs/config';
import { DemoDataLoader } from '#libs/demo-data';
import { PinoLoggerService } from '#libs/logging';
import { AppModule } from './app.module.js';
import { configureApp, httpAdapter } from './configure-app.js';
import { HttpDrain } from './http/http-drain.js';

/** How long a SIGTERM waits for the requests in flight before closing their connections. */
const DRAIN_TIMEOUT_MS = 10_000;

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  const config = loadConfig();
  const app = await configureApp(
    await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), httpAdapter(config), {
      // Held until the module's own logger (pino) takes over, a moment later.
      bufferLogs: true,
      // JSON only, read as `configureApp` says.
      bodyParser: false,
      abortOnError: false,
    }),
  );
  app.useLogger(app.get(PinoLoggerService));
  const drain = new HttpDrain();
  drain.install(app.getHttpAdapter().getInstance());
  const logger = new Logger('Shutdown');
  // Stop taking requests, finish those in flight, then stop the projections and the scheduler (their work in
  // flight commits or rolls back), release the leases and close the database.
  exitGracefullyOnSignals(async () => {
    await drain.drain(app.getHttpServer(), DRAIN_TIMEOUT_MS);
    await app.close();
  }, logger);
  const firstKey = await app.get(ApiKeysService).createFirstAdminKeyIfNone();
  // Every interface, as Node listens by default: IPv6 and IPv4 together, or IPv4 alone on a machine without IPv6.
  await app.listen(config.port, '::').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') throw error;
    return app.listen(config.port, '0.0.0.0');
  });
  const base = `http://localhost:${config.port}`;
  // For the person who started it. Under JSON logs (no terminal) on stderr, so that stdout stays JSON lines.
  const say = (text: string) =>
    (config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'json'
      ? console.error(text)
      : console.log(text);
  say(
    [
      `Tracker API listening on ${base}`,
      `  audit history page   ${base}/audit`,
      `  API documentation    ${base}/docs`,
      `  health               ${base}/health`,
    ].join('\n'),
  );
  if (firstKey) {
    // Last, framed, so that it is not lost among the start-up lines.
    const rule = '='.repeat(78);
    say(
      [
        '',
        rule,
        '  No API key existed, so a first admin key was created. It is shown this once; keep it:',
        '',
        `    ${firstKey.token}`,
        '',
        '  Use it as `Authorization: Bearer <key>`; make keys for officers with POST /v1/api-keys.',
        rule,
        '',
      ].join('\n'),
    );
  }
  if (config.demoData) {
    // In the background: the API answers (and /health tells how far it is) while the history goes in.
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
