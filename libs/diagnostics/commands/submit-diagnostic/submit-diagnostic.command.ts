import { DiagnosticWrite } from '../diagnostic-command.js';

export class SubmitDiagnostic extends DiagnosticWrite<Record<string, never>> {}
