import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ObjectAsOf, ObjectHistoryService } from '../object-history.service.js';
import { GetObjectAsOf } from './get-object-as-of.query.js';

@QueryHandler(GetObjectAsOf)
export class GetObjectAsOfHandler implements IQueryHandler<GetObjectAsOf, ObjectAsOf> {
  constructor(private readonly histories: ObjectHistoryService) {}

  execute(query: GetObjectAsOf): Promise<ObjectAsOf> {
    return this.histories.asOf(query.principal, query.aggregateType, query.aggregateId, query.at);
  }
}
