import { ProjectWrite } from '../project-command.js';

export class StartTrialRun extends ProjectWrite<{ date: string }> {}
