import type { NestExpressApplication } from '@nestjs/platform-express';

/** What main.ts and the HTTP tests both need on top of the module: body limits and proxy-aware Express. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  return app;
}
