export { type AppConfig, ConfigError, loadConfig } from './app-config.js';
export { boundHeapGrowth } from './heap-growth.js';
export { exitGracefullyOnSignals } from './shutdown.js';
