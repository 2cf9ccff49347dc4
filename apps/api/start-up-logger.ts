import { ConsoleLogger } from '@nestjs/common';
import { type AppConfig, logLevelsFrom } from '#libs/config';

/** Nest's own start-up lines (a line per module and per route): shown only from `LOG_LEVEL=debug` on. */
const START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** The api's logger: the configured levels, without a hundred lines of route mapping at every start. */
export class StartUpLogger extends ConsoleLogger {
  private readonly showStartUp: boolean;

  constructor(level: AppConfig['logLevel']) {
    super();
    this.setLogLevels(logLevelsFrom(level));
    this.showStartUp = level === 'debug' || level === 'verbose';
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (!this.showStartUp && typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
    super.log(message, ...(rest as string[]));
  }
}
