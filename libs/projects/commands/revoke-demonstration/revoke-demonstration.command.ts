import { ProjectWrite } from '../project-command.js';

export class RevokeDemonstration extends ProjectWrite<{ reason: string }> {}
