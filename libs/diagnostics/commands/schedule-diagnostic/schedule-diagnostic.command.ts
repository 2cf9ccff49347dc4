import type { DiagnosticKind } from '../../domain/diagnostic.js';
import { DiagnosticWrite } from '../diagnostic-command.js';

export class ScheduleDiagnostic extends DiagnosticWrite<{
  enterpriseId: string;
  kind: DiagnosticKind;
  scoringModel: string;
  plannedDate: string;
  dueDate: string;
  /** The diagnostic round (批次); the planned date's year when not given. */
  campaignId?: string;
}> {}
