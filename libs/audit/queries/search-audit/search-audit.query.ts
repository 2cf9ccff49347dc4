import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Page, PageRequest } from '#libs/queries';
import type { AuditEntry, AuditFilter } from '../audit-read.repository.js';

export class SearchAudit extends Query<Page<AuditEntry>> {
  constructor(
    readonly principal: Principal,
    readonly filter: AuditFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
