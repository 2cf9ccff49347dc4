import { DiagnosticWrite } from '../diagnostic-command.js';

export class RescheduleDiagnostic extends DiagnosticWrite<{ plannedDate: string; dueDate?: string }> {}
