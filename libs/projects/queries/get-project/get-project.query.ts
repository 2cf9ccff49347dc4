import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { ProjectDetail } from '../project-read.repository.js';

export class GetProject extends Query<ProjectDetail> {
  constructor(
    readonly principal: Principal,
    readonly projectId: string,
  ) {
    super();
  }
}
