import { isIP } from 'node:net';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z
    .string()
    .trim()
    .refine((value) => isIP(value) !== 0, 'must be an IP address to listen on, such as 127.0.0.1 or 10.0.0.5')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_READ_URLS: z
    .string()
    .trim()
    .refine(
      (value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .every((url) => url === '' || (/^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url))),
      'must be postgres:// URLs of read replicas, separated by commas',
    )
    .optional(),
  READ_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  READ_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(1000),
  READ_REPLICA_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  DATA_DIR: z.string().min(1).default('./data'),
  MIGRATE: booleanFlag.default(true),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60000),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DEMO_DATA: booleanFlag.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (value) => trustProxyFrom(value) !== undefined,
      'must be true, false, a number of proxy hops, or addresses/subnets (loopback, 10.0.0.0/8, …) separated by commas',
    )
    .default('false'),
  SERVED_OVER_HTTPS: booleanFlag.default(false),
  TRIAL_RUN_MIN_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  COMMAND_STATE_CACHE_MB: z.coerce.number().min(0).max(1024).default(8),
  RUN_PROJECTIONS: booleanFlag.default(true),
  PROJECTIONS: z
    .string()
    .trim()
    .regex(/^([a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*)?$/, 'must be projection names separated by commas')
    .default(''),
  PROJECTION_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(250),
  PROJECTION_GATHER_MS: z.coerce.number().int().min(0).max(1000).optional(),
  PROJECTION_REBUILD_PROCESS: booleanFlag.default(true),
  PROJECTION_REBUILD_BATCH_SIZE: z.coerce.number().int().min(100).max(200_000).optional(),
  APPENDER_STALL_WARN_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  RUN_REPORT_SCHEDULER: booleanFlag.default(true),
  REPORT_TIMEZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  REPORT_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  REPORT_CATCH_UP_PERIODS: z.coerce.number().int().min(0).max(104).default(12),
  REPORT_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
});

export interface AppConfig {
  port: number;
  /** Serve `/metrics` without a key on this port too (a private network's scraper); unset: only on the api, for admins. */
  metricsPort: number | undefined;
  /** METRICS_HOST: the address the metrics port listens on (every interface when unset). */
  metricsHost: string | undefined;
  /** A PostgreSQL server; absent means the embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * DATABASE_READ_URLS: PostgreSQL streaming replicas of `databaseUrl` that answer the api's queries (empty: the
   * primary answers them all).
   */
  readUrls: string[];
  readReplicas: {
    /** READ_REPLICA_MAX_LAG_MS: a replica further behind the primary serves no reads until it catches up. */
    maxLagMs: number;
    /** READ_REPLICA_WAIT_MS: how long a read with X-Min-Position waits on a replica before it goes to the primary. */
    waitMs: number;
    /** READ_REPLICA_QUERY_TIMEOUT_MS: a statement a replica does not answer within this long is sent to the primary. */
    queryTimeoutMs: number;
  };
  dataDir: string;
  migrate: boolean;
  poolSize: number;
  idleInTransactionTimeoutMs: number;
  /** How long opening a connection to the server may take before a request answers 503. */
  connectTimeoutMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** JSON lines, or readable ones for a terminal; unset: pretty on a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined;
  /** Load the demo data set on start (once). */
  demoData: boolean;
  /** Requests per minute and API key; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /**
   * Failed authentications (no, unknown or revoked token) per minute and client address; past it, 429 without
   * a database lookup. 0 turns it off; unset, 30 (off when `rateLimitPerMinute` is 0).
   */
  authFailuresPerMinute: number;
  /** Express's `trust proxy`: which proxies' `X-Forwarded-For` names the client address (none by default). */
  trustProxy: boolean | number | string[];
  /** The service is reached over HTTPS (TLS ends here or at a proxy): CSP upgrade-insecure-requests and HSTS. */
  servedOverHttps: boolean;
  /** Acceptance needs a trial run of at least this many days. */
  trialRunMinDays: number;
  /** COMMAND_STATE_CACHE_MB: recently written streams' states each process keeps, so as not to read them again. */
  commandStateCacheBytes: number;
  /** Run the projection daemon in this process (one runner per projection across all processes). */
  runProjections: boolean;
  /** The projections this process may run (empty: all); the others are left to other processes. */
  projectionsRun: string[];
  /** How often the projection engine looks at the log without a notification (LISTEN/NOTIFY's fallback). */
  projectionPollIntervalMs: number;
  /** PROJECTION_GATHER_MS: the engine's pause between runs under load (its default when absent). */
  projectionGatherMs: number | undefined;
  /** A worker runs the rebuilds in a child process of its own, apart from the live projections' event loop. */
  projectionRebuildProcess: boolean;
  /** Events per batch of a rebuild: larger rebuilds faster, smaller keeps the live projections' lag down meanwhile. */
  projectionRebuildBatchSize: number;
  /**
   * The same in the worker's rebuild process, which runs beside the live projections on the same machine and
   * database: smaller, so that its bursts of writes keep their lag down (2,000 unless set).
   */
  rebuildProcessBatchSize: number;
  /** An event-writing transaction open longer than this is named as a stall by /health and the admin API. */
  appenderStallWarnMs: number;
  reports: {
    /** Produce the scheduled reports from this process (exactly once per kind, period and scope overall). */
    runScheduler: boolean;
    /** Periods, schedules and dates in reports are in this zone. */
    timeZone: string;
    /** The local hour a period's report is due on the first day after it (weekly: Monday; monthly: the 1st). */
    hour: number;
    /** How many missed periods of each kind a start catches up on. */
    catchUpPeriods: number;
    /** How often the scheduler looks for due reports. */
    schedulerIntervalMs: number;
  };
  /** Accepted as an admin token (first start, demos, CI). */
  bootstrapAdminToken: string | undefined;
}

export class ConfigError extends Error {}

/** Reads the environment (and `--no-migrate`); a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const values = parsed.data;
  const readUrls = (values.DATABASE_READ_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (readUrls.length && !values.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_READ_URLS: read replicas need a PostgreSQL primary in DATABASE_URL',
    );
  }
  return {
    port: values.PORT,
    metricsPort: values.METRICS_PORT,
    metricsHost: values.METRICS_HOST,
    databaseUrl: values.DATABASE_URL,
    readUrls,
    readReplicas: {
      maxLagMs: values.READ_REPLICA_MAX_LAG_MS,
      waitMs: values.READ_REPLICA_WAIT_MS,
      queryTimeoutMs: values.READ_REPLICA_QUERY_TIMEOUT_MS,
    },
    dataDir: values.DATA_DIR,
    migrate: values.MIGRATE && !argv.includes('--no-migrate'),
    poolSize: values.DATABASE_POOL_SIZE,
    idleInTransactionTimeoutMs: values.IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT,
    bootstrapAdminToken: values.BOOTSTRAP_ADMIN_TOKEN,
    trialRunMinDays: values.TRIAL_RUN_MIN_DAYS,
    rateLimitPerMinute: values.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: values.AUTH_FAILURES_PER_MINUTE ?? (values.RATE_LIMIT_PER_MINUTE === 0 ? 0 : 30),
    trustProxy: trustProxyFrom(values.TRUST_PROXY)!,
    servedOverHttps: values.SERVED_OVER_HTTPS,
    demoData: values.DEMO_DATA,
    commandStateCacheBytes: Math.round(values.COMMAND_STATE_CACHE_MB * 1024 * 1024),
    runProjections: values.RUN_PROJECTIONS,
    projectionsRun: values.PROJECTIONS.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    projectionPollIntervalMs: values.PROJECTION_POLL_INTERVAL_MS,
    projectionGatherMs: values.PROJECTION_GATHER_MS,
    appenderStallWarnMs: values.APPENDER_STALL_WARN_MS,
    projectionRebuildBatchSize: values.PROJECTION_REBUILD_BATCH_SIZE ?? 5_000,
    rebuildProcessBatchSize: values.PROJECTION_REBUILD_BATCH_SIZE ?? 2_000,
    projectionRebuildProcess: values.PROJECTION_REBUILD_PROCESS,
    reports: {
      runScheduler: values.RUN_REPORT_SCHEDULER,
      timeZone: values.REPORT_TIMEZONE,
      hour: values.REPORT_HOUR,
      catchUpPeriods: values.REPORT_CATCH_UP_PERIODS,
      schedulerIntervalMs: values.REPORT_SCHEDULER_INTERVAL_MS,
    },
  };
}

/**
 * `TRUST_PROXY`: `false` (the default: the peer is the client), `true` (believe every hop of X-Forwarded-For),
 * a number of proxy hops, or the proxies' addresses and subnets (`loopback`, `uniquelocal`, `10.0.0.0/8`, …).
 * Undefined when the value is none of these.
 */
function trustProxyFrom(value: string): boolean | number | string[] | undefined {
  const lower = value.toLowerCase();
  if (['', 'false', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Math.min(Number(value), 100);
  const entries = value.split(',').map((entry) => entry.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  const valid = entries.every((entry) => {
    if (named.includes(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || rest.length) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  return valid ? entries : undefined;
}
