import type { DiagnosticFacts, EnterpriseFacts, ProjectFacts } from './report-facts.js';
import type { FactsSet, ReportScope } from './report-types.js';

export const LEVELS = [0, 1, 2, 3, 4] as const;
export const OPEN_DIAGNOSTIC = new Set(['scheduled', 'assigned', 'surveyed']);
const ENDED_PROJECT = new Set(['rejected', 'terminated', 'accepted']);

/** The facts one report reads: objects in its scope, with each firm's current level. */
export class View {
  readonly enterprises: EnterpriseFacts[];
  readonly diagnostics: DiagnosticFacts[];
  readonly projects: ProjectFacts[];
  readonly byId: Map<string, EnterpriseFacts>;
  /** Each firm's latest issued, non-withdrawn diagnostic up to the end date. */
  readonly latest = new Map<string, DiagnosticFacts>();

  constructor(facts: FactsSet, scope: ReportScope, endDate: string) {
    const inScope = (districtCode: string) => scope.districtCode === null || districtCode === scope.districtCode;
    this.enterprises = facts.enterprises.filter((e) => inScope(e.districtCode));
    this.byId = new Map(this.enterprises.map((e) => [e.id, e]));
    this.diagnostics = facts.diagnostics.filter((d) => this.byId.has(d.enterpriseId));
    this.projects = facts.projects.filter((p) => this.byId.has(p.enterpriseId));
    for (const d of this.diagnostics) {
      if (d.issuedAt === null || d.status === 'withdrawn' || d.issuedAt.slice(0, 10) >= endDate) continue;
      const current = this.latest.get(d.enterpriseId);
      if (!current || current.issuedAt! < d.issuedAt) this.latest.set(d.enterpriseId, d);
    }
  }

  /** Firms above designated size and open on the reference date: the denominator of coverage. */
  aboveSize(): EnterpriseFacts[] {
    return this.enterprises.filter((e) => e.aboveDesignatedSize && e.status !== 'closed');
  }

  /** The firms of `aboveSize()` whose current level is at least `level`; undiagnosed firms never are. */
  atLevelOrAbove(level: number): EnterpriseFacts[] {
    return this.aboveSize().filter((f) => (this.level(f.id) ?? -1) >= level);
  }

  level(enterpriseId: string): number | null {
    return this.latest.get(enterpriseId)?.level ?? null;
  }

  /** Every diagnostic and project in the view belongs to a firm of the view. */
  firmName(enterpriseId: string): string {
    return this.byId.get(enterpriseId)!.name;
  }

  /** The milestones not yet completed of projects still under way, due before `date`. */
  openMilestones(before: string): { project: ProjectFacts; milestone: ProjectFacts['milestones'][number] }[] {
    return this.projects
      .filter((project) => !ENDED_PROJECT.has(project.stage))
      .flatMap((project) =>
        project.milestones
          .filter((milestone) => milestone.completedOn === null && milestone.due < before)
          .map((milestone) => ({ project, milestone })),
      );
  }
}
