export {
  appendDuration,
  commandStateLoads,
  commandsTotal,
  eventsAppended,
  eventsProjected,
  httpRequestDuration,
  METRICS_CONTENT_TYPE,
  metricsText,
  readsTotal,
  reportDuration,
} from './metrics.js';
export { MetricsServer } from './metrics-server.js';
export { MetricsModule } from './metrics.module.js';
export { scrapeGauge } from './scrape-gauge.js';
