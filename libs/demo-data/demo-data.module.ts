import { Module } from '@nestjs/common';
import { DemoDataLoader } from './demo-data.loader.js';

@Module({ providers: [DemoDataLoader], exports: [DemoDataLoader] })
export class DemoDataModule {}
