import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readScope } from '#libs/queries';
import { type Progress, ProgressReadRepository } from '../progress-read.repository.js';
import { GetProgress } from './get-progress.query.js';

@QueryHandler(GetProgress)
export class GetProgressHandler implements IQueryHandler<GetProgress, Progress> {
  constructor(private readonly repository: ProgressReadRepository) {}

  execute(query: GetProgress): Promise<Progress> {
    return this.repository.progress(readScope(query.principal), query.groupBy, query.districtCode);
  }
}
