import { ProjectWrite } from '../project-command.js';

export class ResumeProject extends ProjectWrite<{ reason: string }> {}
