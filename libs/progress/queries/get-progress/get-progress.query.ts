import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Progress, ProgressGrouping } from '../progress-read.repository.js';

export class GetProgress extends Query<Progress> {
  constructor(
    readonly principal: Principal,
    readonly groupBy: ProgressGrouping,
    readonly districtCode: string | undefined,
  ) {
    super();
  }
}
