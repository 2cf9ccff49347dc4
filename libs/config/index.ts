export { type AppConfig, ConfigError, loadConfig, logLevelsFrom } from './app-config.js';
