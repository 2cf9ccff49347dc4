import { DiagnosticWrite } from '../diagnostic-command.js';

export class CorrectScore extends DiagnosticWrite<{
  target: string;
  value: number;
  reason: string;
  approvedBy: string;
}> {}
