import { ProjectWrite } from '../project-command.js';

export class TerminateProject extends ProjectWrite<{ reason: string }> {}
