import { DiagnosticWrite } from '../diagnostic-command.js';

export class AssignDiagnostic extends DiagnosticWrite<{ providerId: string; assessorIds: string[] }> {}
