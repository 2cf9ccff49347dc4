import { Module } from '@nestjs/common';
import { GetProgressHandler } from './queries/get-progress/get-progress.handler.js';
import { ProgressReadRepository } from './queries/progress-read.repository.js';

@Module({ providers: [ProgressReadRepository, GetProgressHandler] })
export class ProgressModule {}
