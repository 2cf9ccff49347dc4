/**
 * A scoring model as data (DOMAIN.md section 4): indicators with maximum points grouped in dimensions,
 * scenarios rated at a level, and the conditions of each maturity level. A new model or edition is a new
 * data file; the rule engine below does not change.
 */
export interface ScoringModel {
  id: string;
  version: string;
  name: string;
  nameEn?: string;
  source?: string;
  dimensions: readonly { code: string; name: string; nameEn?: string; max: number }[];
  indicators: readonly { code: string; name: string; nameEn?: string; max: number; dimension: string }[];
  scenarios: readonly { code: string; name: string; nameEn?: string; constrained: boolean }[];
  scenarioLevels: { min: number; max: number };
  /** Tried from the highest level down; the first whose conditions all hold is the result, else level 0. */
  levels: readonly LevelCondition[];
}

export interface LevelCondition {
  level: number;
  minBaseScore: number;
  /** How many scenarios must be rated at this level or above (0 when the model rates none). */
  minScenariosAtLevel?: number;
  /** How many of those must be constrained (约束性) scenarios. */
  minConstrainedAtLevel?: number;
}

export class InvalidScoringModelError extends Error {}

/** Checks a model file's internal consistency once, when it is loaded. */
export function validateScoringModel(model: ScoringModel): ScoringModel {
  const problems: string[] = [];
  const dimensions = new Set(model.dimensions.map((d) => d.code));
  const codes = new Set<string>();
  for (const indicator of model.indicators) {
    if (codes.has(indicator.code)) problems.push(`indicator ${indicator.code} appears twice`);
    codes.add(indicator.code);
    if (!dimensions.has(indicator.dimension))
      problems.push(`indicator ${indicator.code}: no dimension ${indicator.dimension}`);
    if (!(indicator.max > 0)) problems.push(`indicator ${indicator.code}: max must be positive`);
  }
  for (const scenario of model.scenarios) {
    if (codes.has(scenario.code)) problems.push(`scenario ${scenario.code} appears twice`);
    codes.add(scenario.code);
  }
  for (const dimension of model.dimensions) {
    const sum = model.indicators.filter((i) => i.dimension === dimension.code).reduce((total, i) => total + i.max, 0);
    if (Math.abs(sum - dimension.max) > 1e-9)
      problems.push(`dimension ${dimension.code}: indicators sum to ${sum}, not ${dimension.max}`);
  }
  const levels = model.levels.map((l) => l.level);
  if (new Set(levels).size !== levels.length) problems.push('a level appears twice');
  if (problems.length)
    throw new InvalidScoringModelError(`Scoring model ${model.id}@${model.version}: ${problems.join('; ')}`);
  return model;
}
