import type { ProjectType } from '../../domain/project.js';
import { ProjectWrite } from '../project-command.js';

export class ProposeProject extends ProjectWrite<{
  enterpriseId: string;
  type: ProjectType;
  name: string;
  scenarios: string[];
  plannedBudget: number;
  sourceRecIds?: string[];
}> {}
