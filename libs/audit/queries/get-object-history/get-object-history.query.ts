import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { PageRequest } from '#libs/queries';
import type { AggregateType } from '../../domain/audited-aggregates.js';
import type { ObjectHistory } from '../object-history.service.js';

export class GetObjectHistory extends Query<ObjectHistory> {
  constructor(
    readonly principal: Principal,
    readonly aggregateType: AggregateType,
    readonly aggregateId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}
