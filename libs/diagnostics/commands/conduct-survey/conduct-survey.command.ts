import { DiagnosticWrite } from '../diagnostic-command.js';

export class ConductSurvey extends DiagnosticWrite<{ date: string; participants: string[]; evidence: string[] }> {}
