export * from './domain/index.js';
export {
  canSeeProject,
  PROJECT_SETTINGS,
  ProjectCommandHandler,
  type ProjectSettings,
  ProjectWrite,
} from './commands/project.handler.js';
export { ProjectsModule } from './projects.module.js';
export { projectsProjection } from './projections/projects.projection.js';
export {
  type ProjectDetail,
  type ProjectFilter,
  ProjectReadRepository,
  type ProjectSummary,
} from './queries/project-read.repository.js';
