import { DiagnosticWrite } from '../diagnostic-command.js';

export class CancelDiagnostic extends DiagnosticWrite<{ reason: string }> {}
