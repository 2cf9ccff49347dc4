import { auditProjection } from '#libs/audit';
import { diagnosticsProjection } from '#libs/diagnostics';
import { enterprisesProjection } from '#libs/enterprises';
import { projectsProjection } from '#libs/projects';
import type { Projection } from '#libs/projections';
import { providersProjection } from '#libs/providers';
import { reportFactsProjection } from '#libs/reporting';

/** Every projection of the read side, and which of them each read depends on (X-Min-Position). */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  enterprisesProjection,
  providersProjection,
  diagnosticsProjection,
  projectsProjection,
  auditProjection,
  reportFactsProjection,
];

export const READS = {
  enterprises: ['enterprises', 'diagnostics', 'projects'],
  providers: ['providers', 'diagnostics', 'projects'],
  diagnostics: ['diagnostics'],
  projects: ['projects', 'enterprises'],
  progress: ['enterprises', 'diagnostics', 'projects'],
  audit: ['audit'],
} as const satisfies Record<string, readonly string[]>;
