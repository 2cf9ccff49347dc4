import { DiagnosticWrite } from '../diagnostic-command.js';

export class ScoreIndicator extends DiagnosticWrite<{ code: string; points: number; evidence: string[] }> {}
