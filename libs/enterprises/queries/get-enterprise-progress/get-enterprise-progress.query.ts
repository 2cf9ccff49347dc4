import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { EnterpriseProgress } from '../enterprise-read.repository.js';

export class GetEnterpriseProgress extends Query<EnterpriseProgress> {
  constructor(
    readonly principal: Principal,
    readonly enterpriseId: string,
  ) {
    super();
  }
}
