export { createLogger, type LogFormat, type LogLevelName, PinoLoggerService } from './logger.js';
export { LoggingModule, ROOT_LOGGER } from './logging.module.js';
