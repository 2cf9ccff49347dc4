import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/event-sourcing';
import { type ProviderDetail, ProviderReadRepository } from '../provider-read.repository.js';
import { GetProvider } from './get-provider.query.js';

@QueryHandler(GetProvider)
export class GetProviderHandler implements IQueryHandler<GetProvider, ProviderDetail> {
  constructor(private readonly repository: ProviderReadRepository) {}

  async execute(query: GetProvider): Promise<ProviderDetail> {
    const provider = await this.repository.find(query.providerId);
    if (!provider) throw new DomainError('provider_not_found', 'No provider is admitted under this id', 'not_found');
    return provider;
  }
}
