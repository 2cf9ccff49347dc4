import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { type Clock, ClockModule } from '#libs/clock';
import { CommandsModule } from '#libs/commands';
import { type AppConfig } from '#libs/config';
import { DatabaseModule, ReadReplicasModule } from '#libs/database';
import { DistrictMovesModule } from '#libs/district-moves';
import { DemoDataModule } from '#libs/demo-data';
import { LoggingModule } from '#libs/logging';
import { MetricsModule } from '#libs/metrics';
import { DiagnosticsModule } from '#libs/diagnostics';
import { EnterprisesModule } from '#libs/enterprises';
import { EventStoreModule } from '#libs/event-store';
import { ProjectsModule } from '#libs/projects';
import { ProgressModule } from '#libs/progress';
import { READ_MODEL_PROJECTIONS } from '#libs/read-models';
import { ProjectionsModule } from '#libs/projections';
import { ProvidersModule } from '#libs/providers';
import { ReportingModule } from '#libs/reporting';
import { RosterImportModule } from '#libs/roster-import';
import { APPENDER_STALL_WARN_MS, LogFenceStatus } from './admin/log-fence.status.js';
import { ProjectionsController } from './admin/projections.controller.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { AuditPageController } from './audit/audit-page.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { HistoryController } from './audit/history.controller.js';
import { DiagnosticQueriesController } from './diagnostics/diagnostic-queries.controller.js';
import { EnterpriseQueriesController } from './enterprises/enterprise-queries.controller.js';
import { ProgressController } from './progress/progress.controller.js';
import { ProjectQueriesController } from './projects/project-queries.controller.js';
import { ProviderQueriesController } from './providers/provider-queries.controller.js';
import { DiagnosticsController } from './diagnostics/diagnostics.controller.js';
import { EnterprisesController } from './enterprises/enterprises.controller.js';
import { HealthController } from './health/health.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { ProjectsController } from './projects/projects.controller.js';
import { ProvidersController } from './providers/providers.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { HttpSecurityModule } from './http/http-security.module.js';
import { READ_REPLICA_WAIT_MS } from './http/read-context.js';
import { WriteSender } from './http/write-route.js';
import { MetricsController } from './admin/metrics.controller.js';

@Module({})
export class AppModule {
  /** `clock`: the system's unless a test provides another. */
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ level: config.logLevel, format: config.logFormat, name: 'tracker-api' }),
        ClockModule.forRoot(clock),
        DatabaseModule.fromConfig(config, 'tracker-api'),
        ReadReplicasModule.forRoot({
          urls: config.readUrls,
          maxLagMs: config.readReplicas.maxLagMs,
          poolSize: config.poolSize,
          connectTimeoutMs: config.connectTimeoutMs,
          queryTimeoutMs: config.readReplicas.queryTimeoutMs,
          applicationName: 'tracker-api',
        }),
        EventStoreModule,
        CqrsModule.forRoot(),
        CommandsModule.forRoot({ stateCacheBytes: config.commandStateCacheBytes }),
        AuthModule.forRoot({ bootstrapAdminToken: config.bootstrapAdminToken }),
        HttpSecurityModule.forRoot(config),
        EnterprisesModule,
        ProvidersModule,
        DiagnosticsModule,
        ProjectsModule.forRoot({ trialRunMinDays: config.trialRunMinDays }),
        ProgressModule,
        AuditModule,
        ProjectionsModule.forRoot({
          projections: READ_MODEL_PROJECTIONS,
          run: config.runProjections,
          engine: {
            pollIntervalMs: config.projectionPollIntervalMs,
            ...(config.projectionGatherMs === undefined ? {} : { gatherMs: config.projectionGatherMs }),
            rebuildBatchSize: config.projectionRebuildBatchSize,
            only: config.projectionsRun,
          },
        }),
        DistrictMovesModule,
        ReportingModule.forRoot(config.reports),
        RosterImportModule,
        TerminusModule,
        DemoDataModule,
        MetricsModule.forRoot({ port: config.metricsPort, host: config.metricsHost }),
      ],
      controllers: [
        HealthController,
        ApiKeysController,
        EnterprisesController,
        ProvidersController,
        DiagnosticsController,
        ProjectsController,
        EnterpriseQueriesController,
        ProviderQueriesController,
        DiagnosticQueriesController,
        ProjectQueriesController,
        ProgressController,
        ProjectionsController,
        MetricsController,
        HistoryController,
        AuditController,
        AuditPageController,
        ReportsController,
        ImportsController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        WriteSender,
        { provide: APPENDER_STALL_WARN_MS, useValue: config.appenderStallWarnMs },
        { provide: READ_REPLICA_WAIT_MS, useValue: config.readReplicas.waitMs },
        LogFenceStatus,
      ],
    };
  }
}
