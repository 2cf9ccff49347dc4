import type { KpiCode } from '../../domain/kpis.js';
import type { Baseline } from '../../domain/project.js';
import { ProjectWrite } from '../project-command.js';

export class RecordBaseline extends ProjectWrite<Baseline & { kpiCode: KpiCode }> {}
