import type { Migration } from 'kysely/migration';
import * as eventStore from './2026-11-28T0001_event-store.js';
import * as apiKeys from './2026-11-28T0002_api-keys.js';
import * as streamClaims from './2026-11-28T0003_stream-claims.js';
import * as readModels from './2026-11-28T0004_read-models.js';
import * as audit from './2026-11-28T0005_audit.js';
import * as reports from './2026-11-28T0006_reports.js';
import * as jsonReadModels from './2026-11-28T0007_json-read-models.js';
import * as jsonDiagnostics from './2026-11-29T0008_json-diagnostics.js';
import * as districtMoves from './2026-12-04T0009_district-moves.js';

/** Every migration, by its frozen name; the Migrator applies them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0001_event-store': eventStore,
  '2026-11-28T0002_api-keys': apiKeys,
  '2026-11-28T0003_stream-claims': streamClaims,
  '2026-11-28T0004_read-models': readModels,
  '2026-11-28T0005_audit': audit,
  '2026-11-28T0006_reports': reports,
  '2026-11-28T0007_json-read-models': jsonReadModels,
  '2026-11-29T0008_json-diagnostics': jsonDiagnostics,
  '2026-12-04T0009_district-moves': districtMoves,
};
