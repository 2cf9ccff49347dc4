import type { DemonstrationLevel } from '../../domain/project.js';
import { ProjectWrite } from '../project-command.js';

export class DesignateDemonstration extends ProjectWrite<{
  programme: string;
  level: DemonstrationLevel;
  year: number;
}> {}
