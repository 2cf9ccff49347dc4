import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type DB, READ_DATABASE } from '#libs/database';
import { DEMO_SOURCE } from '#libs/event-store';
import { decodeCursor, type Page, type PageRequest, toPage } from '#libs/queries';
import { type Selectable, sql } from 'kysely';
import type { ReportBody } from './domain/report-builder.js';
import type { DiagnosticFacts, EnterpriseFacts, ObjectKind, ProjectFacts } from './domain/report-facts.js';
import type { FactsSet } from './domain/report-builder.js';

export type ReportStatus = 'running' | 'done' | 'failed';

export interface StoredReport {
  id: string;
  kind: string;
  period: string;
  scope: string;
  status: ReportStatus;
  trigger: string;
  requestedBy: string;
  periodStart: Date;
  periodEnd: Date;
  position: string | null;
  content: ReportBody | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NewReport {
  id: string;
  kind: string;
  period: string;
  scope: string;
  trigger: string;
  requestedBy: string;
  periodStart: Date;
  periodEnd: Date;
}

type Row = Omit<Selectable<DB['reports']>, 'claimed_by' | 'claimed_at'>;

const toReport = (row: Row): StoredReport => ({
  id: row.id,
  kind: row.kind,
  period: row.period,
  scope: row.scope,
  status: row.status as ReportStatus,
  trigger: row.trigger,
  requestedBy: row.requested_by,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  position: row.position,
  content: (row.content as ReportBody | null) ?? null,
  error: row.error,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
});

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'period',
  'scope',
  'status',
  'trigger',
  'requested_by',
  'period_start',
  'period_end',
  'position',
  'error',
  'created_at',
  'finished_at',
] as const;

/** The reports table and the reporting read model (rm_report_versions). All of reporting's SQL is here. */
@Injectable()
export class ReportRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    /** `find` and `list` for a request: on the replica it was routed to, if any. */
    @Inject(READ_DATABASE) private readonly reads: Database,
  ) {}

  /**
   * Each object's latest facts recorded before `recordedBefore`: the state every report reads. One pass over
   * the versions' primary key.
   */
  async factsRecordedBefore(recordedBefore: Date): Promise<FactsSet> {
    const rows = await this.database.db
      .selectFrom('rm_report_versions')
      .distinctOn(['object_kind', 'object_id'])
      .select(['object_kind', 'facts'])
      .where('recorded_at', '<', recordedBefore)
      .orderBy('object_kind')
      .orderBy('object_id')
      .orderBy('seq', 'desc')
      .execute();
    const set = {
      enterprises: [] as EnterpriseFacts[],
      diagnostics: [] as DiagnosticFacts[],
      projects: [] as ProjectFacts[],
    };
    for (const row of rows) {
      if (row.object_kind === 'enterprise') set.enterprises.push(row.facts as EnterpriseFacts);
      else if (row.object_kind === 'diagnostic') set.diagnostics.push(row.facts as DiagnosticFacts);
      else set.projects.push(row.facts as ProjectFacts);
    }
    return set;
  }

  /** Objects with an entry recorded at or after `moment` that occurred before it: what a restatement refolds. */
  async lateObjects(moment: Date): Promise<{ kind: ObjectKind; id: string }[]> {
    const rows = await this.database.db
      .selectFrom('rm_report_versions')
      .select(['object_kind', 'object_id'])
      .distinct()
      .where('recorded_at', '>=', moment)
      .where('occurred_at', '<', moment)
      .execute();
    return rows.map((row) => ({ kind: row.object_kind as ObjectKind, id: row.object_id }));
  }

  async providerNames(): Promise<Map<string, string>> {
    const rows = await this.database.db.selectFrom('rm_providers').select(['id', 'name']).execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The districts that have enterprises: the scopes the scheduler produces a report for. */
  async districtCodes(): Promise<string[]> {
    const rows = await this.database.db.selectFrom('rm_enterprises').select('district_code').distinct().execute();
    return rows.map((row) => row.district_code).sort();
  }

  /**
   * The log's first event: when it was recorded (the scheduler does not produce reports of periods before it),
   * and whether it is the demo's (the demo's history is loaded only into an empty log, so then the whole
   * deployment is a demonstration, and its reports say so).
   */
  async logStart(): Promise<{ recordedAt: Date; demo: boolean } | null> {
    const row = await this.database.db
      .selectFrom('events')
      .select(['recorded_at', sql<boolean>`coalesce(metadata->>'source' = ${DEMO_SOURCE}, false)`.as('demo')])
      .orderBy('global_position')
      .limit(1)
      .executeTakeFirst();
    return row ? { recordedAt: row.recorded_at, demo: row.demo } : null;
  }

  /**
   * Claims a report to produce: inserts it as running, or takes over one that failed, one this owner left
   * running (its build lost the database), or one whose producer has been silent longer than `staleAfterMs`.
   * Null when another process holds it or it is done.
   */
  async claim(report: NewReport, owner: string, staleAfterMs: number): Promise<StoredReport | null> {
    const inserted = await this.database.db
      .insertInto('reports')
      .values({
        id: report.id,
        kind: report.kind,
        period: report.period,
        scope: report.scope,
        status: 'running',
        trigger: report.trigger,
        requested_by: report.requestedBy,
        period_start: report.periodStart,
        period_end: report.periodEnd,
        claimed_by: owner,
      })
      .onConflict((conflict) => conflict.columns(['kind', 'period', 'scope']).doNothing())
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst();
    if (inserted) return toReport({ ...inserted, content: null });
    const retaken = await this.database.db
      .updateTable('reports')
      .set({ status: 'running', error: null, claimed_by: owner, claimed_at: sql`now()` })
      .where('kind', '=', report.kind)
      .where('period', '=', report.period)
      .where('scope', '=', report.scope)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'failed'),
          eb.and([eb('status', '=', 'running'), eb('claimed_by', '=', owner)]),
          eb.and([
            eb('status', '=', 'running'),
            eb('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`),
          ]),
        ]),
      )
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst();
    return retaken ? toReport({ ...retaken, content: null }) : null;
  }

  async complete(id: string, owner: string, position: string, content: ReportBody): Promise<void> {
    await this.database.db
      .updateTable('reports')
      .set({ status: 'done', position, content: JSON.stringify(content), finished_at: sql`now()`, error: null })
      .where('id', '=', id)
      .where('claimed_by', '=', owner)
      .execute();
  }

  async fail(id: string, owner: string, error: string): Promise<void> {
    await this.database.db
      .updateTable('reports')
      .set({ status: 'failed', error, finished_at: sql`now()` })
      .where('id', '=', id)
      .where('claimed_by', '=', owner)
      .execute();
  }

  /**
   * A report by id. A request routed to a replica reads it there, and again on the primary unless it is done
   * there: a report just requested, or just finished, may not have reached the replica yet.
   */
  async find(id: string): Promise<StoredReport | null> {
    const read = (database: Database) =>
      database.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    let row = await read(this.reads);
    if (row?.status !== 'done' && this.reads.db !== this.database.db) row = await read(this.database);
    return row ? toReport(row) : null;
  }

  async findByKey(kind: string, period: string, scope: string): Promise<StoredReport | null> {
    const row = await this.database.db
      .selectFrom('reports')
      .selectAll()
      .where('kind', '=', kind)
      .where('period', '=', period)
      .where('scope', '=', scope)
      .executeTakeFirst();
    return row ? toReport(row) : null;
  }

  /** Newest periods first, without the content. `scopes` null: every scope. */
  async list(
    filter: { kind?: string | undefined; period?: string | undefined; scopes: string[] | null },
    page: PageRequest,
  ): Promise<Page<StoredReport>> {
    let query = this.reads.db.selectFrom('reports').select(SUMMARY_COLUMNS);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.period) query = query.where('period', '=', filter.period);
    if (filter.scopes)
      query = filter.scopes.length ? query.where('scope', 'in', filter.scopes) : query.where(sql.lit(false));
    if (page.cursor) {
      const [start, id] = decodeCursor(page.cursor, ['string', 'string'] as const);
      const periodStart = new Date(start);
      query = query.where((eb) =>
        eb.or([
          eb('period_start', '<', periodStart),
          eb.and([eb('period_start', '=', periodStart), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('period_start', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    return toPage(
      rows,
      page.limit,
      (row) => toReport({ ...row, content: null }),
      (row) => [row.period_start.toISOString(), row.id],
    );
  }

  /** The reports of a kind and scope that exist, by period (the scheduler's catch-up skips them). */
  async periodsProduced(kind: string, scope: string, periods: string[]): Promise<Set<string>> {
    if (periods.length === 0) return new Set();
    const rows = await this.database.db
      .selectFrom('reports')
      .select('period')
      .where('kind', '=', kind)
      .where('scope', '=', scope)
      .where('period', 'in', periods)
      .where('status', '=', 'done')
      .execute();
    return new Set(rows.map((row) => row.period));
  }
}
