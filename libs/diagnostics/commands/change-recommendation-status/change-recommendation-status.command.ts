import type { RecommendationStatus } from '../../domain/diagnostic.js';
import { DiagnosticWrite } from '../diagnostic-command.js';

export class ChangeRecommendationStatus extends DiagnosticWrite<{
  recId: string;
  status: RecommendationStatus;
  linkedProjectId?: string;
}> {}
