import type { Recommendation } from '../../domain/diagnostic.js';
import { DiagnosticWrite } from '../diagnostic-command.js';

export class ProposeRecommendations extends DiagnosticWrite<{ items: Omit<Recommendation, 'recId'>[] }> {}
