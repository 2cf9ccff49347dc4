import { collectDefaultMetrics, Counter, Histogram, type Metric, register } from 'prom-client';

/**
 * The service's metrics, in prom-client's default registry (one per process): counters and histograms that
 * the code paths move as they run. Gauges read at scrape time (projection lag, the pool) are registered by
 * `MetricsCollector`, which knows the running services.
 */
function metric<M extends Metric>(name: string, make: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? make();
}

if (!register.getSingleMetric('process_cpu_seconds_total')) collectDefaultMetrics();

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = metric(
  'tracker_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'tracker_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, and how long they took',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: SECONDS,
    }),
);

export const commandsTotal = metric(
  'tracker_commands_total',
  () =>
    new Counter({
      name: 'tracker_commands_total',
      help: 'Commands by type and outcome (ok, refused by a rule, conflict with a concurrent write, error)',
      labelNames: ['type', 'outcome'] as const,
    }),
);

export const commandStateLoads = metric(
  'tracker_command_state_loads_total',
  () =>
    new Counter({
      name: 'tracker_command_state_loads_total',
      help: 'How commands got the state they decide on: this process kept it (cached), no stream to read (create), read from the log (read)',
      labelNames: ['source'] as const,
    }),
);

export const appendDuration = metric(
  'tracker_append_duration_seconds',
  () =>
    new Histogram({
      name: 'tracker_append_duration_seconds',
      help: 'Appends to the event log and how long each took (refused ones included)',
      buckets: SECONDS,
    }),
);

export const eventsAppended = metric(
  'tracker_events_appended_total',
  () =>
    new Counter({
      name: 'tracker_events_appended_total',
      help: 'Events appended to the log by this process, by stream type',
      labelNames: ['stream_type'] as const,
    }),
);

export const eventsProjected = metric(
  'tracker_projection_events_total',
  () =>
    new Counter({
      name: 'tracker_projection_events_total',
      help: 'Events applied to each read model by this process (live and rebuild)',
      labelNames: ['projection', 'mode'] as const,
    }),
);

export const reportDuration = metric(
  'tracker_report_duration_seconds',
  () =>
    new Histogram({
      name: 'tracker_report_duration_seconds',
      help: 'Progress reports produced by this process, by kind and outcome, and how long each took',
      labelNames: ['kind', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
);

export const readsTotal = metric(
  'tracker_reads_total',
  () =>
    new Counter({
      name: 'tracker_reads_total',
      help: 'Query requests by the database they were sent to, with read replicas configured: primary, replica-1, … (a read that falls back to the primary counts on both)',
      labelNames: ['database'] as const,
    }),
);

/** The registry's text for a scraper, and its media type. */
export const metricsText = (): Promise<string> => register.metrics();
export const METRICS_CONTENT_TYPE = register.contentType;
