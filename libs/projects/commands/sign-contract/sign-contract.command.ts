import { ProjectWrite } from '../project-command.js';

export class SignContract extends ProjectWrite<{ providerId: string; value: number }> {}
