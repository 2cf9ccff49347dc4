export { type AppConfig, ConfigError, loadConfig } from './app-config.js';
