import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Page, PageRequest } from '#libs/queries';
import type { EnterpriseFilter, EnterpriseSummary } from '../enterprise-read.repository.js';

export class ListEnterprises extends Query<Page<EnterpriseSummary>> {
  constructor(
    readonly principal: Principal,
    readonly filter: EnterpriseFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
