import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Page, PageRequest } from '#libs/queries';
import type { ProjectFilter, ProjectSummary } from '../project-read.repository.js';

export class ListProjects extends Query<Page<ProjectSummary>> {
  constructor(
    readonly principal: Principal,
    readonly filter: ProjectFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
