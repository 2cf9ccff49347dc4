import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/event-sourcing';
import { readScope } from '#libs/queries';
import { type EnterpriseProgress, EnterpriseReadRepository } from '../enterprise-read.repository.js';
import { GetEnterpriseProgress } from './get-enterprise-progress.query.js';

@QueryHandler(GetEnterpriseProgress)
export class GetEnterpriseProgressHandler implements IQueryHandler<GetEnterpriseProgress, EnterpriseProgress> {
  constructor(private readonly repository: EnterpriseReadRepository) {}

  async execute(query: GetEnterpriseProgress): Promise<EnterpriseProgress> {
    const progress = await this.repository.progress(readScope(query.principal), query.enterpriseId);
    // Outside the caller's scope it answers as if it did not exist.
    if (!progress)
      throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
    return progress;
  }
}
