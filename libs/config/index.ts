export { type AppConfig, ConfigError, loadConfig, logLevelsFrom } from './app-config.js';
export { boundHeapGrowth } from './heap-growth.js';
export { exitGracefullyOnSignals } from './shutdown.js';
