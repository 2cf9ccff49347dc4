import { DiagnosticWrite } from '../diagnostic-command.js';

export class SubmitSelfAssessment extends DiagnosticWrite<{
  points: Record<string, number>;
  scenarioLevels: Record<string, number>;
  truthDeclaration: boolean;
}> {}
