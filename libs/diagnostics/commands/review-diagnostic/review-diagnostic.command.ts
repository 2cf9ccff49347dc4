import { DiagnosticWrite } from '../diagnostic-command.js';

export class ReviewDiagnostic extends DiagnosticWrite<{ decision: 'approve' | 'reject'; comments?: string }> {}
