import { diagnosticsProjection } from '#libs/diagnostics';
import { enterprisesProjection } from '#libs/enterprises';
import { projectsProjection } from '#libs/projects';
import type { Projection } from '#libs/projections';
import { providersProjection } from '#libs/providers';

/** Every projection of the progress read side, and which of them each read depends on (X-Min-Position). */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  enterprisesProjection,
  providersProjection,
  diagnosticsProjection,
  projectsProjection,
];

export const READS = {
  enterprises: ['enterprises', 'diagnostics', 'projects'],
  providers: ['providers', 'diagnostics', 'projects'],
  diagnostics: ['diagnostics'],
  projects: ['projects', 'enterprises'],
  progress: ['enterprises', 'diagnostics', 'projects'],
} as const satisfies Record<string, readonly string[]>;
