export { DemoDataLoader } from './demo-data.loader.js';
export { DemoDataModule } from './demo-data.module.js';
