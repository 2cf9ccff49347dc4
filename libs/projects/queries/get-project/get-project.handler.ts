import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/event-sourcing';
import { readScope } from '#libs/queries';
import { type ProjectDetail, ProjectReadRepository } from '../project-read.repository.js';
import { GetProject } from './get-project.query.js';

@QueryHandler(GetProject)
export class GetProjectHandler implements IQueryHandler<GetProject, ProjectDetail> {
  constructor(private readonly repository: ProjectReadRepository) {}

  async execute(query: GetProject): Promise<ProjectDetail> {
    const project = await this.repository.find(readScope(query.principal), query.projectId);
    if (!project) throw new DomainError('project_not_found', 'No project exists under this id', 'not_found');
    return project;
  }
}
