import { type DynamicModule, Module } from '@nestjs/common';
import { PROJECT_SETTINGS, ProjectCommandHandler, type ProjectSettings } from './commands/project.handler.js';
import { ProjectReadRepository } from './queries/project-read.repository.js';

@Module({})
export class ProjectsModule {
  static forRoot(settings: ProjectSettings): DynamicModule {
    return {
      module: ProjectsModule,
      providers: [ProjectReadRepository, { provide: PROJECT_SETTINGS, useValue: settings }, ProjectCommandHandler],
      exports: [ProjectReadRepository],
    };
  }
}
