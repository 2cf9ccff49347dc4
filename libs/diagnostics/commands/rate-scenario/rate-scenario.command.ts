import { DiagnosticWrite } from '../diagnostic-command.js';

export class RateScenario extends DiagnosticWrite<{ code: string; level: number; evidence: string[] }> {}
