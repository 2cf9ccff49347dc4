import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Page, readScope } from '#libs/queries';
import { ProjectReadRepository, type ProjectSummary } from '../project-read.repository.js';
import { ListProjects } from './list-projects.query.js';

@QueryHandler(ListProjects)
export class ListProjectsHandler implements IQueryHandler<ListProjects, Page<ProjectSummary>> {
  constructor(private readonly repository: ProjectReadRepository) {}

  execute(query: ListProjects): Promise<Page<ProjectSummary>> {
    return this.repository.list(readScope(query.principal), query.filter, query.page);
  }
}
