import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '#libs/queries';
import { ProviderReadRepository, type ProviderSummary } from '../provider-read.repository.js';
import { ListProviders } from './list-providers.query.js';

@QueryHandler(ListProviders)
export class ListProvidersHandler implements IQueryHandler<ListProviders, Page<ProviderSummary>> {
  constructor(private readonly repository: ProviderReadRepository) {}

  execute(query: ListProviders): Promise<Page<ProviderSummary>> {
    return this.repository.list(query.filter, query.page);
  }
}
