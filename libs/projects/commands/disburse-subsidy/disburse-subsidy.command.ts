import { ProjectWrite } from '../project-command.js';

export class DisburseSubsidy extends ProjectWrite<{ amount: number }> {}
