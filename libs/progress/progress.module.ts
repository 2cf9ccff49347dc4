import { Module } from '@nestjs/common';
import { ProgressReadRepository } from './queries/progress-read.repository.js';
import { ProgressService } from './queries/progress.service.js';

@Module({ providers: [ProgressReadRepository, ProgressService], exports: [ProgressService] })
export class ProgressModule {}
