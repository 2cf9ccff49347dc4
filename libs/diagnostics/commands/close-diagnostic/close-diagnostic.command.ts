import { DiagnosticWrite } from '../diagnostic-command.js';

export class CloseDiagnostic extends DiagnosticWrite<Record<string, never>> {}
