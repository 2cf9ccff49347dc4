import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { foldIntoDocuments, type Projection, type ReadModelRow, upsertRows } from '#libs/projections';
import type { QueryCreator, Selectable } from 'kysely';
import {
  type Diagnostic,
  DIAGNOSTIC_STREAM,
  diagnosticDecider,
  type DiagnosticEvent,
  type DiagnosticState,
} from '../domain/diagnostic.js';

type Row = ReadModelRow<'rm_diagnostics'>;

/** A score correction as the read model lists it (who asked, who approved, why). */
export interface CorrectionEntry {
  target: string;
  targetKind: string;
  old: number | null;
  new: number;
  reason: string;
  requestedBy: string;
  approvedBy: string;
  levelBefore: number | null;
  levelAfter: number | null;
  at: string;
}

export interface DisputeEntry {
  by: string;
  points: string[];
  at: string;
}

interface Doc {
  state: DiagnosticState;
  issuedAt: Date | null;
  scheduledSeq: number;
  corrections: CorrectionEntry[];
  disputes: DisputeEntry[];
  updatedAt: Date;
  version: number;
}

function fromRow(row: Selectable<DB['rm_diagnostics']>): Doc {
  return {
    state: row.state as unknown as Diagnostic,
    issuedAt: row.issued_at,
    scheduledSeq: row.scheduled_seq,
    corrections: row.corrections as unknown as CorrectionEntry[],
    disputes: row.disputes as unknown as DisputeEntry[],
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function evolveDoc(doc: Doc | undefined, event: StoredEvent): Doc | undefined {
  const previous = doc?.state ?? diagnosticDecider.initialState();
  const domainEvent = event as unknown as DiagnosticEvent;
  const state = diagnosticDecider.evolve(previous, domainEvent);
  if (state.status === 'none') return doc;
  let { corrections, disputes, issuedAt } = doc ?? { corrections: [], disputes: [], issuedAt: null };
  if (domainEvent.type === 'ReportIssued') issuedAt ??= event.occurredAt;
  if (domainEvent.type === 'ScoreCorrected') {
    const at = event.occurredAt.toISOString();
    corrections = [...corrections, { ...domainEvent.data, levelBefore: null, levelAfter: null, at }];
  }
  if (domainEvent.type === 'MaturityLevelRecomputed') {
    const last = corrections.at(-1);
    if (last?.levelAfter === null) {
      const { old: levelBefore, new: levelAfter } = domainEvent.data;
      corrections = [...corrections.slice(0, -1), { ...last, levelBefore, levelAfter }];
    }
  }
  if (domainEvent.type === 'ReportDisputed') {
    const at = event.occurredAt.toISOString();
    disputes = [...disputes, { by: domainEvent.data.by, points: domainEvent.data.points, at }];
  }
  return {
    state,
    issuedAt,
    scheduledSeq: doc?.scheduledSeq ?? event.position.globalPosition,
    corrections,
    disputes,
    updatedAt: event.recordedAt,
    version: event.version,
  };
}

function toRow(id: string, doc: Doc): Row[] {
  const state = doc.state;
  if (state.status === 'none') return [];
  return [
    {
      id,
      enterprise_id: state.enterpriseId,
      district_code: state.districtCode,
      provider_id: state.providerId,
      kind: state.kind,
      campaign_id: state.campaignId,
      status: state.status,
      level: state.result?.level ?? null,
      planned_date: state.plannedDate,
      due_date: state.dueDate,
      survey_date: state.surveyDate,
      issued_at: doc.issuedAt,
      scheduled_seq: doc.scheduledSeq,
      updated_at: doc.updatedAt,
      version: doc.version,
      state,
      corrections: doc.corrections,
      disputes: doc.disputes,
    },
  ];
}

/** Re-derives the latest issued, non-withdrawn diagnostic of these enterprises (rm_enterprise_levels). */
async function refreshLatestLevels(db: QueryCreator<DB>, enterpriseIds: string[]): Promise<void> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return;
  await db.deleteFrom('rm_enterprise_levels').where('enterprise_id', 'in', ids).execute();
  await db
    .insertInto('rm_enterprise_levels')
    .columns(['enterprise_id', 'diagnostic_id', 'level', 'issued_at'])
    .expression(
      db
        .selectFrom('rm_diagnostics')
        .distinctOn('enterprise_id')
        .select(['enterprise_id', 'id', 'level', (eb) => eb.fn.coalesce('issued_at', 'updated_at').as('issued_at')])
        .where('enterprise_id', 'in', ids)
        .where('issued_at', 'is not', null)
        .where('status', '<>', 'withdrawn')
        .orderBy('enterprise_id')
        .orderBy('issued_at', 'desc'),
    )
    .execute();
}

/** Diagnostics with scores, level, rule trace, corrections and disputes (rm_diagnostics, rm_enterprise_levels). */
export const diagnosticsProjection: Projection = {
  name: 'diagnostics',
  version: 1,
  streamTypes: [DIAGNOSTIC_STREAM],
  tables: ['rm_diagnostics', 'rm_enterprise_levels'],
  // Each batch re-derives its enterprises' latest levels from their diagnostics.
  readsBy: ['rm_diagnostics_enterprise'],
  async apply(db: QueryCreator<DB>, events) {
    await foldIntoDocuments<Doc>(
      events,
      async (ids) => {
        const rows = await db.selectFrom('rm_diagnostics').selectAll().where('id', 'in', ids).execute();
        return new Map(rows.map((row) => [row.id, fromRow(row)]));
      },
      evolveDoc,
      async (docs) => {
        await upsertRows(
          db,
          'rm_diagnostics',
          ['id'],
          [...docs.entries()].flatMap(([id, doc]) => toRow(id, doc)),
        );
        await refreshLatestLevels(
          db,
          [...docs.values()].flatMap((doc) => (doc.state.status === 'none' ? [] : [doc.state.enterpriseId])),
        );
      },
    );
  },
};
