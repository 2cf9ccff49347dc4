import { DiagnosticWrite } from '../diagnostic-command.js';

export class IssueReport extends DiagnosticWrite<Record<string, never>> {}
