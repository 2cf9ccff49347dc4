import { type DynamicModule, Module } from '@nestjs/common';
import { PROJECT_SETTINGS, ProjectCommandHandler, type ProjectSettings } from './commands/project.handler.js';
import { ProjectReadRepository } from './queries/project-read.repository.js';

@Module({})
export class ProjectsModule {
  static forRoot(settings: ProjectSettings): DynamicModule {
    return {
      module: ProjectsModule,
      // The settings are the deployment's: the demo's history follows the same rules.
      global: true,
      providers: [ProjectReadRepository, { provide: PROJECT_SETTINGS, useValue: settings }, ProjectCommandHandler],
      exports: [ProjectReadRepository, PROJECT_SETTINGS],
    };
  }
}
