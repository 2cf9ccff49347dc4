/**
 * The worked example of DOMAIN.md 4b: base 65 (foundation 37.5, management 17, results 10.5); S01-S03 and
 * S05-S09 at level 3 (five of them constrained), the rest at 1: level 3. F4 lowered by 6 gives level 2.
 */
export const WORKED_EXAMPLE_POINTS: Readonly<Record<string, number>> = {
  F1: 8,
  F2: 4.5,
  F3: 3,
  F4: 7,
  F5: 7.5,
  F6: 3.75,
  F7: 3.75,
  M1: 5,
  M2: 3.75,
  M3: 4.5,
  M4: 3.75,
  R1: 3.5,
  R2: 3.5,
  R3: 1.5,
  R4: 2,
};

export const WORKED_EXAMPLE_AT_THREE: readonly string[] = ['S01', 'S02', 'S03', 'S05', 'S06', 'S07', 'S08', 'S09'];

/** The 16 scenario levels of the worked example. */
export function workedExampleScenarioLevels(): Record<string, number> {
  return Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => {
      const code = `S${String(i + 1).padStart(2, '0')}`;
      return [code, WORKED_EXAMPLE_AT_THREE.includes(code) ? 3 : 1];
    }),
  );
}

/** The data of a periodic diagnostic scheduled in Gui'an's district (a spec's `DiagnosticScheduled`). */
export function aScheduledDiagnostic(enterpriseId: string) {
  return {
    type: 'DiagnosticScheduled' as const,
    data: {
      diagnosticId: 'd-1',
      enterpriseId,
      districtCode: '520900',
      campaignId: '2026',
      kind: 'periodic' as const,
      scoringModelId: 'miit-2024',
      scoringModelVersion: '2024.1',
      plannedDate: '2026-11-10',
      dueDate: '2026-12-10',
    },
  };
}
