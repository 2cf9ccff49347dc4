import { type DynamicModule, Module } from '@nestjs/common';
import { REPORTING_OPTIONS, type ReportingOptions } from './reporting.options.js';
import { ReportRepository } from './report.repository.js';
import { ReportScheduler } from './report-scheduler.js';
import { ReportService } from './report.service.js';

/** Progress reports: production (exactly once per kind, period and scope), the schedule, the stored reports. */
@Module({})
export class ReportingModule {
  static forRoot(options: ReportingOptions): DynamicModule {
    return {
      module: ReportingModule,
      providers: [{ provide: REPORTING_OPTIONS, useValue: options }, ReportRepository, ReportService, ReportScheduler],
      exports: [ReportService, ReportRepository, ReportScheduler],
    };
  }
}
