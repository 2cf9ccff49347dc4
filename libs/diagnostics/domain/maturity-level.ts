import type { ScoringModel } from './scoring-model.js';

export interface ConditionTrace {
  condition: 'baseScore' | 'scenariosAtLevel' | 'constrainedScenariosAtLevel';
  required: number;
  actual: number;
  held: boolean;
}

export interface LevelTrace {
  level: number;
  qualified: boolean;
  conditions: ConditionTrace[];
}

export interface MaturityResult {
  modelId: string;
  modelVersion: string;
  dimensionScores: Record<string, number>;
  baseScore: number;
  level: number;
  /** Every level tried, from the highest down to the one reached, with each condition's numbers. */
  ruleTrace: LevelTrace[];
}

export class IncompleteScoresError extends Error {
  readonly code = 'scores_incomplete';
  constructor(readonly missing: string[]) {
    super(`Not every indicator and scenario is rated; missing: ${missing.join(', ')}`);
  }
}

/** Sums of decimal points (0.7, 1.875, …) rounded so that 64.99999999 counts as 65. */
const roundScore = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The rule engine: the only place a maturity level is determined. Needs every indicator and scenario of the
 * model rated (invariant 5).
 */
export function determineMaturityLevel(
  model: ScoringModel,
  points: Readonly<Record<string, number>>,
  scenarioLevels: Readonly<Record<string, number>>,
): MaturityResult {
  const missing = [
    ...model.indicators.filter((i) => points[i.code] === undefined).map((i) => i.code),
    ...model.scenarios.filter((s) => scenarioLevels[s.code] === undefined).map((s) => s.code),
  ];
  if (missing.length) throw new IncompleteScoresError(missing);

  const dimensionScores = Object.fromEntries(
    model.dimensions.map((dimension) => [
      dimension.code,
      roundScore(
        model.indicators
          .filter((indicator) => indicator.dimension === dimension.code)
          .reduce((sum, indicator) => sum + (points[indicator.code] ?? 0), 0),
      ),
    ]),
  );
  const baseScore = roundScore(Object.values(dimensionScores).reduce((sum, score) => sum + score, 0));

  const ruleTrace: LevelTrace[] = [];
  for (const rule of [...model.levels].sort((a, b) => b.level - a.level)) {
    const atLevel = model.scenarios.filter((s) => (scenarioLevels[s.code] ?? 0) >= rule.level);
    const conditions: ConditionTrace[] = [
      { condition: 'baseScore', required: rule.minBaseScore, actual: baseScore, held: baseScore >= rule.minBaseScore },
    ];
    if (rule.minScenariosAtLevel !== undefined) {
      conditions.push({
        condition: 'scenariosAtLevel',
        required: rule.minScenariosAtLevel,
        actual: atLevel.length,
        held: atLevel.length >= rule.minScenariosAtLevel,
      });
    }
    if (rule.minConstrainedAtLevel !== undefined) {
      const constrained = atLevel.filter((s) => s.constrained).length;
      conditions.push({
        condition: 'constrainedScenariosAtLevel',
        required: rule.minConstrainedAtLevel,
        actual: constrained,
        held: constrained >= rule.minConstrainedAtLevel,
      });
    }
    const qualified = conditions.every((c) => c.held);
    ruleTrace.push({ level: rule.level, qualified, conditions });
    if (qualified) {
      return {
        modelId: model.id,
        modelVersion: model.version,
        dimensionScores,
        baseScore,
        level: rule.level,
        ruleTrace,
      };
    }
  }
  return { modelId: model.id, modelVersion: model.version, dimensionScores, baseScore, level: 0, ruleTrace };
}
