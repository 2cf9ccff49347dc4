import type { KpiCode } from '../../domain/kpis.js';
import { ProjectWrite } from '../project-command.js';

export class CorrectBaseline extends ProjectWrite<{
  kpiCode: KpiCode;
  value: number;
  reason: string;
  approvedBy: string;
}> {}
