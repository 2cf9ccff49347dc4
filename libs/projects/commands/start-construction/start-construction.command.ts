import { ProjectWrite } from '../project-command.js';

export class StartConstruction extends ProjectWrite<{ date: string }> {}
