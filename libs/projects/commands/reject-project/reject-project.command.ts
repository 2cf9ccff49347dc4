import { ProjectWrite } from '../project-command.js';

export class RejectProject extends ProjectWrite<{ reason: string }> {}
