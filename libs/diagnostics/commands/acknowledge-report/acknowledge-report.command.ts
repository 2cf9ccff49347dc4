import { DiagnosticWrite } from '../diagnostic-command.js';

export class AcknowledgeReport extends DiagnosticWrite<Record<string, never>> {}
