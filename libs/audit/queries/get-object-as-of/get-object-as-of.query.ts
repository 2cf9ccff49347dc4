import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { AggregateType } from '../../domain/audited-aggregates.js';
import type { ObjectAsOf } from '../object-history.service.js';

export class GetObjectAsOf extends Query<ObjectAsOf> {
  constructor(
    readonly principal: Principal,
    readonly aggregateType: AggregateType,
    readonly aggregateId: string,
    readonly at: { asOf?: Date | undefined; version?: number | undefined },
  ) {
    super();
  }
}
