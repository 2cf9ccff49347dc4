import { DiagnosticWrite } from '../diagnostic-command.js';

export class DisputeReport extends DiagnosticWrite<{ points: string[] }> {}
