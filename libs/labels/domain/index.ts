// The label catalogue: pure data, loads no Nest and no database driver.
export * from './labels.js';
