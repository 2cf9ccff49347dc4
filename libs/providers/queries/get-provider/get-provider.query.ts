import { Query } from '@nestjs/cqrs';
import type { ProviderDetail } from '../provider-read.repository.js';

export class GetProvider extends Query<ProviderDetail> {
  constructor(readonly providerId: string) {
    super();
  }
}
