import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { createLogger, type LogFormat, type LogLevelName, PinoLoggerService } from './logger.js';

/** The process's pino logger (tests put one that writes to memory in its place). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The root logger and Nest's logger on it (`app.useLogger(app.get(PinoLoggerService))`). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(options: { level: LogLevelName; format: LogFormat | undefined; name: string }): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: ROOT_LOGGER, useFactory: () => createLogger(options) },
        {
          provide: PinoLoggerService,
          inject: [ROOT_LOGGER],
          useFactory: (logger: Logger) => new PinoLoggerService(logger),
        },
      ],
      exports: [ROOT_LOGGER, PinoLoggerService],
    };
  }
}
