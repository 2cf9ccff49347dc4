import { csvLine } from '#libs/csv';
import type { HistoryEntry } from './history-entry.js';

type ExportedEntry = Omit<HistoryEntry, 'data'> & { aggregateType: string; aggregateId: string };

const COLUMNS: [string, (entry: ExportedEntry) => unknown][] = [
  ['position', (e) => e.position],
  ['recordedAt', (e) => e.recordedAt],
  ['occurredAt', (e) => e.occurredAt],
  ['backdated', (e) => e.backdated],
  ['aggregateType', (e) => e.aggregateType],
  ['aggregateId', (e) => e.aggregateId],
  ['version', (e) => e.version],
  ['type', (e) => e.type],
  ['summary', (e) => e.summary],
  ['actor', (e) => e.actor.id],
  ['role', (e) => e.actor.role],
  ['organisation', (e) => e.actor.org ?? ''],
  ['source', (e) => e.source],
  ['reason', (e) => e.reason ?? ''],
  ['comment', (e) => e.comment ?? ''],
  ['approvedBy', (e) => e.approvedBy ?? ''],
  ['correlationId', (e) => e.correlationId],
  [
    'changes',
    (e) => e.changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; '),
  ],
];

/**
 * History entries as CSV for supervisory inspection: UTF-8 with a byte-order mark, so that spreadsheet
 * programs show the Chinese text, one row per entry, the field changes in one column.
 */
export function historyCsv(entries: readonly ExportedEntry[]): string {
  const lines = [
    COLUMNS.map(([name]) => name).join(','),
    ...entries.map((e) => csvLine(COLUMNS.map(([, get]) => get(e)))),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
