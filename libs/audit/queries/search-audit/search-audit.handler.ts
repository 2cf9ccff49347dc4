import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Page, readScope } from '#libs/queries';
import { type AuditEntry, AuditReadRepository } from '../audit-read.repository.js';
import { SearchAudit } from './search-audit.query.js';

@QueryHandler(SearchAudit)
export class SearchAuditHandler implements IQueryHandler<SearchAudit, Page<AuditEntry>> {
  constructor(private readonly repository: AuditReadRepository) {}

  execute(query: SearchAudit): Promise<Page<AuditEntry>> {
    return this.repository.search(readScope(query.principal), query.filter, query.page);
  }
}
