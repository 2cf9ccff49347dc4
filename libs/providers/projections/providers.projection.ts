import type { DB } from '#libs/database';
import type { StoredEvent } from '#libs/event-store';
import { foldIntoDocuments, type Projection, upsertRows } from '#libs/projections';
import type { QueryCreator } from 'kysely';
import { PROVIDER_STREAM, providerDecider, type ProviderEvent, type ProviderState } from '../domain/provider.js';

interface Doc {
  state: ProviderState;
  admittedAt: Date;
  version: number;
}

function evolveDoc(doc: Doc | undefined, event: StoredEvent): Doc | undefined {
  const state = providerDecider.evolve(doc?.state ?? providerDecider.initialState(), {
    type: event.type,
    data: event.data,
  } as ProviderEvent);
  return { state, admittedAt: doc?.admittedAt ?? event.occurredAt, version: event.version };
}

/** Service providers with their accredited assessors (rm_providers). */
export const providersProjection: Projection = {
  name: 'providers',
  version: 1,
  streamTypes: [PROVIDER_STREAM],
  tables: ['rm_providers'],
  async apply(db: QueryCreator<DB>, events) {
    await foldIntoDocuments<Doc>(
      events,
      async (ids) => {
        const rows = await db.selectFrom('rm_providers').selectAll().where('id', 'in', ids).execute();
        return new Map(
          rows.map((row) => [
            row.id,
            {
              state: {
                status: row.status,
                uscc: row.id,
                name: row.name,
                types: row.types,
                assessors: Object.fromEntries(
                  row.assessors.map((a) => [a.assessorId, { name: a.name, validUntil: a.validUntil }]),
                ),
              } as ProviderState,
              admittedAt: row.admitted_at,
              version: row.version,
            },
          ]),
        );
      },
      evolveDoc,
      (docs) =>
        upsertRows(
          db,
          'rm_providers',
          ['id'],
          [...docs.entries()].flatMap(([id, doc]) =>
            doc.state.status === 'unknown'
              ? []
              : [
                  {
                    id,
                    name: doc.state.name,
                    status: doc.state.status,
                    types: doc.state.types,
                    assessors: Object.entries(doc.state.assessors).map(([assessorId, a]) => ({ assessorId, ...a })),
                    admitted_at: doc.admittedAt,
                    version: doc.version,
                  },
                ],
          ),
        ),
    );
  },
};
