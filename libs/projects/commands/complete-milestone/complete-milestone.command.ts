import { ProjectWrite } from '../project-command.js';

export class CompleteMilestone extends ProjectWrite<{ milestoneId: string; date: string }> {}
