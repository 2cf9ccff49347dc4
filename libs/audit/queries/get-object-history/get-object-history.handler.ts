import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ObjectHistory, ObjectHistoryService } from '../object-history.service.js';
import { GetObjectHistory } from './get-object-history.query.js';

@QueryHandler(GetObjectHistory)
export class GetObjectHistoryHandler implements IQueryHandler<GetObjectHistory, ObjectHistory> {
  constructor(private readonly histories: ObjectHistoryService) {}

  execute(query: GetObjectHistory): Promise<ObjectHistory> {
    return this.histories.history(query.principal, query.aggregateType, query.aggregateId, query.page);
  }
}
