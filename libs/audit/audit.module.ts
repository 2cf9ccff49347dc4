import { Module } from '@nestjs/common';
import { EnterpriseReadRepository } from '#libs/enterprises';
import { GetObjectAsOfHandler } from './queries/get-object-as-of/get-object-as-of.handler.js';
import { GetObjectHistoryHandler } from './queries/get-object-history/get-object-history.handler.js';
import { ObjectHistoryService } from './queries/object-history.service.js';
import { AuditReadRepository } from './queries/audit-read.repository.js';
import { SearchAuditHandler } from './queries/search-audit/search-audit.handler.js';

/** The audit-history read side: one object's timeline and its state as of a moment, from its events. */
@Module({
  providers: [
    EnterpriseReadRepository,
    ObjectHistoryService,
    GetObjectHistoryHandler,
    GetObjectAsOfHandler,
    AuditReadRepository,
    SearchAuditHandler,
  ],
})
export class AuditModule {}
