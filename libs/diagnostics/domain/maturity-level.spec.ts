import { describe, expect, it } from '@jest/globals';
import { WORKED_EXAMPLE_POINTS, workedExampleScenarioLevels } from '#libs/testing';
import { determineMaturityLevel, IncompleteScoresError } from './maturity-level.js';
import { InvalidScoringModelError, type ScoringModel, validateScoringModel } from './scoring-model.js';
import { scoringModel } from './scoring-models.js';

const miit = scoringModel('miit-2024')!;

function workedExample() {
  return { points: { ...WORKED_EXAMPLE_POINTS }, scenarios: workedExampleScenarioLevels() };
}

describe(determineMaturityLevel.name, () => {
  describe('given the MIIT 2024 manufacturing model', () => {
    it('should have the codes, maxima and constrained scenarios of DOMAIN.md 4b', () => {
      expect(miit.indicators.map((i) => `${i.code}:${i.max}`).join(' ')).toBe(
        'F1:8 F2:6 F3:6 F4:10 F5:10 F6:5 F7:5 M1:7.5 M2:7.5 M3:7.5 M4:7.5 R1:7 R2:7 R3:3 R4:3',
      );
      expect(miit.scenarios.filter((s) => s.constrained).map((s) => s.code)).toEqual([
        'S03',
        'S06',
        'S07',
        'S08',
        'S09',
        'S10',
        'S11',
        'S12',
        'S13',
      ]);
      expect(miit.scenarios).toHaveLength(16);
    });

    it('should reach level 3 in the worked example', () => {
      const { points, scenarios } = workedExample();

      const result = determineMaturityLevel(miit, points, scenarios);

      expect(result).toMatchObject({
        modelId: 'miit-2024',
        modelVersion: '2024.1',
        dimensionScores: { foundation: 37.5, management: 17, results: 10.5 },
        baseScore: 65,
        level: 3,
      });
      expect(result.ruleTrace).toEqual([
        {
          level: 4,
          qualified: false,
          conditions: [
            { condition: 'baseScore', required: 80, actual: 65, held: false },
            { condition: 'scenariosAtLevel', required: 10, actual: 0, held: false },
            { condition: 'constrainedScenariosAtLevel', required: 6, actual: 0, held: false },
          ],
        },
        {
          level: 3,
          qualified: true,
          conditions: [
            { condition: 'baseScore', required: 60, actual: 65, held: true },
            { condition: 'scenariosAtLevel', required: 8, actual: 8, held: true },
            { condition: 'constrainedScenariosAtLevel', required: 5, actual: 5, held: true },
          ],
        },
      ]);
    });

    it('should fall to level 2 when F4 is lowered by 6 points (base 59)', () => {
      const { points, scenarios } = workedExample();
      points['F4'] = 1;

      const result = determineMaturityLevel(miit, points, scenarios);

      expect(result.baseScore).toBe(59);
      expect(result.level).toBe(2);
      expect(result.ruleTrace[1]!.conditions[0]).toEqual({
        condition: 'baseScore',
        required: 60,
        actual: 59,
        held: false,
      });
    });

    it('should give level 0 when no level qualifies, tracing all four', () => {
      const { points } = workedExample();
      const scenarios = Object.fromEntries(miit.scenarios.map((s) => [s.code, 0]));

      const result = determineMaturityLevel(miit, points, scenarios);

      expect(result.level).toBe(0);
      expect(result.ruleTrace.map((t) => t.level)).toEqual([4, 3, 2, 1]);
    });

    it('should count 0.7-point multi-selects without floating-point drift', () => {
      const { points, scenarios } = workedExample();
      points['F4'] = 0.7 * 10; // 7.000000000000001
      points['F2'] = 4.5;

      expect(determineMaturityLevel(miit, points, scenarios).baseScore).toBe(65);
    });

    it('should refuse to determine a level before everything is rated', () => {
      const { points, scenarios } = workedExample();
      delete points['R4'];
      delete scenarios['S16'];

      expect(() => determineMaturityLevel(miit, points, scenarios)).toThrow(new IncompleteScoresError(['R4', 'S16']));
    });
  });

  describe('given another model as data (a 2022-style total-bands edition)', () => {
    const bands: ScoringModel = validateScoringModel({
      id: 'test-2022',
      version: '2022.1',
      name: '测试模型',
      dimensions: [
        { code: 'a', name: 'A', max: 60 },
        { code: 'b', name: 'B', max: 40 },
      ],
      indicators: [
        { code: 'A1', name: 'A1', max: 60, dimension: 'a' },
        { code: 'B1', name: 'B1', max: 40, dimension: 'b' },
      ],
      scenarios: [],
      scenarioLevels: { min: 0, max: 4 },
      levels: [
        { level: 4, minBaseScore: 80 },
        { level: 3, minBaseScore: 60 },
        { level: 2, minBaseScore: 40 },
        { level: 1, minBaseScore: 20 },
      ],
    });

    it.each([
      [10, 5, 0],
      [15, 5, 1],
      [30, 15, 2],
      [50, 20, 3],
      [60, 20, 4],
    ])('should map A1=%p, B1=%p to level %p from the total alone', (a, b, level) => {
      expect(determineMaturityLevel(bands, { A1: a, B1: b }, {}).level).toBe(level);
    });
  });
});

describe(validateScoringModel.name, () => {
  it('should refuse a model whose indicators do not add up to their dimension', () => {
    const broken = { ...miit, indicators: miit.indicators.filter((i) => i.code !== 'F1') };

    expect(() => validateScoringModel(broken)).toThrow(InvalidScoringModelError);
  });
});
