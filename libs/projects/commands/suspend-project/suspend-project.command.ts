import { ProjectWrite } from '../project-command.js';

export class SuspendProject extends ProjectWrite<{ reason: string }> {}
