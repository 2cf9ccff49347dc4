import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Page, readScope } from '#libs/queries';
import { EnterpriseReadRepository, type EnterpriseSummary } from '../enterprise-read.repository.js';
import { ListEnterprises } from './list-enterprises.query.js';

@QueryHandler(ListEnterprises)
export class ListEnterprisesHandler implements IQueryHandler<ListEnterprises, Page<EnterpriseSummary>> {
  constructor(private readonly repository: EnterpriseReadRepository) {}

  execute(query: ListEnterprises): Promise<Page<EnterpriseSummary>> {
    return this.repository.list(readScope(query.principal), query.filter, query.page);
  }
}
