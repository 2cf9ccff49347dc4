import { Module } from '@nestjs/common';
import { DiagnosticCommandHandler } from './commands/diagnostic.handler.js';
import { DiagnosticReadRepository } from './queries/diagnostic-read.repository.js';

@Module({ providers: [DiagnosticReadRepository, DiagnosticCommandHandler], exports: [DiagnosticReadRepository] })
export class DiagnosticsModule {}
