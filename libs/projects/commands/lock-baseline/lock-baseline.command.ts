import { ProjectWrite } from '../project-command.js';

export class LockBaseline extends ProjectWrite<Record<string, never>> {}
