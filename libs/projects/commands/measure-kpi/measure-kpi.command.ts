import type { KpiCode } from '../../domain/kpis.js';
import type { Measurement } from '../../domain/project.js';
import { ProjectWrite } from '../project-command.js';

export class MeasureKpi extends ProjectWrite<Measurement & { kpiCode: KpiCode }> {}
