import { Module } from '@nestjs/common';
import { EnterprisesModule } from '#libs/enterprises';
import { ProvidersModule } from '#libs/providers';
import { AuditReadRepository } from './queries/audit-read.repository.js';
import { ObjectHistoryService } from './queries/object-history.service.js';

/** The audit-history read side: one object's timeline and its state as of a moment, and the global history. */
@Module({
  imports: [EnterprisesModule, ProvidersModule],
  providers: [ObjectHistoryService, AuditReadRepository],
  exports: [ObjectHistoryService, AuditReadRepository],
})
export class AuditModule {}
