import { ProjectWrite } from '../project-command.js';

export class RequestAcceptance extends ProjectWrite<Record<string, never>> {}
