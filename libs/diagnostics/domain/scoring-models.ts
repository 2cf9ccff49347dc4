import miit2024 from './scoring-models/miit-2024.json' with { type: 'json' };
import { type ScoringModel, validateScoringModel } from './scoring-model.js';

/**
 * The models a diagnostic may be scheduled with, by id. Each is a data file that carries its own version;
 * the version is fixed on the diagnostic when it is scheduled (invariant 3).
 */
const MODELS: ReadonlyMap<string, ScoringModel> = new Map(
  [miit2024 as ScoringModel].map((model) => [model.id, validateScoringModel(model)]),
);

export const SCORING_MODEL_IDS = [...MODELS.keys()];

export function scoringModel(id: string): ScoringModel | undefined {
  return MODELS.get(id);
}
