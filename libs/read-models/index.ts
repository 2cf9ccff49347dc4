import { auditProjection } from '#libs/audit';
import { diagnosticsProjection } from '#libs/diagnostics';
import { districtMovesProjection } from '#libs/district-moves';
import { enterprisesProjection } from '#libs/enterprises';
import { projectsProjection } from '#libs/projects';
import type { Projection } from '#libs/projections';
import { providersProjection } from '#libs/providers';
import { reportFactsProjection } from '#libs/reporting';

/**
 * The read side's registry: every projection the api and the workers run, and which of them each kind of read
 * depends on (what a read with X-Min-Position waits for).
 */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  enterprisesProjection,
  providersProjection,
  diagnosticsProjection,
  projectsProjection,
  auditProjection,
  reportFactsProjection,
  districtMovesProjection,
];

export const READS = {
  enterprises: ['enterprises', 'diagnostics', 'projects'],
  providers: ['providers', 'diagnostics', 'projects'],
  diagnostics: ['diagnostics'],
  projects: ['projects', 'enterprises'],
  progress: ['enterprises', 'diagnostics', 'projects'],
  audit: ['audit'],
} as const satisfies Record<string, readonly string[]>;
