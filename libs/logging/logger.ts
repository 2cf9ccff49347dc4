import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';
export type LogLevelName = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

const PINO_LEVELS: Record<LogLevelName, Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * The process's logger: one JSON object per line (pino), or readable lines for a terminal. `format` unset:
 * pretty on a terminal, JSON otherwise (a supervisor, a container, a file). `destination` is for tests.
 */
export function createLogger(
  options: { level: LogLevelName; format?: LogFormat | undefined; name: string },
  destination?: DestinationStream,
): Logger {
  const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const settings = {
    level: PINO_LEVELS[options.level],
    base: { pid: process.pid, process: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (destination) return pino(settings, destination);
  return format === 'pretty'
    ? pino(
        settings,
        pretty({
          sync: true,
          translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
          singleLine: true,
          messageFormat: '{if context}[{context}] {end}{msg}',
          // The request's line says method, route, status and duration in its message already.
          ignore: 'pid,process,context,request,response,route,durationMs',
        }),
      )
    : pino(settings, pino.destination({ sync: false }));
}

/** Nest's own start-up lines (a line per module and per route): shown only from `LOG_LEVEL=debug` on. */
const START_UP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * Nest's logger interface on pino: every `new Logger('Context').log(…)` of the service becomes a line with its
 * `context`; an object message is merged into the line (ids stay fields, not text).
 */
export class PinoLoggerService implements LoggerService {
  private readonly startUp: boolean;

  constructor(private readonly logger: Logger) {
    this.startUp = logger.isLevelEnabled('debug');
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    if (!this.startUp && context !== undefined && START_UP_CONTEXTS.has(context)) return;
    this.write('info', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    const stack = rest.length > 1 || (rest.length === 1 && context === undefined) ? rest[0] : undefined;
    this.write('error', message, context, typeof stack === 'string' ? { stack } : undefined);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, contextOf(rest));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, contextOf(rest));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, contextOf(rest));
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, contextOf(rest));
  }

  private write(level: Level, message: unknown, context: string | undefined, extra?: object): void {
    const fields = { ...(context ? { context } : {}), ...extra };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}

/** Nest passes the context as the last argument, when there is one. */
const contextOf = (rest: unknown[]): string | undefined => {
  const last = rest.at(-1);
  return typeof last === 'string' ? last : undefined;
};
