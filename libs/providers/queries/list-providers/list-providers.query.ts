import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '#libs/queries';
import type { ProviderFilter, ProviderSummary } from '../provider-read.repository.js';

export class ListProviders extends Query<Page<ProviderSummary>> {
  constructor(
    readonly filter: ProviderFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
