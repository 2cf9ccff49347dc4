import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { EventStore, LogSource, StreamClaim } from './event-store.js';
import type { ImportedEvent } from './event-store.types.js';
import { encodeLogPosition, LOG_START } from './log-position.js';

/**
 * The event log as a file, to move it between databases (the embedded PGlite to a server, say) and to back the
 * embedded one up: NDJSON, a header line, one line per event in log order (its envelope, position and both
 * times), one per unique claim, and a last line with the counts and the SHA-256 of every line before it.
 */
export const LOG_FILE_FORMAT = 'tracker-log/1';

const BATCH = 2_000;

export class LogFileError extends Error {}

/** The lines of the whole log's file, made as they are read from the store. */
export async function* logFileLines(store: EventStore): AsyncGenerator<string> {
  const hash = createHash('sha256');
  const line = (value: unknown) => {
    const text = `${JSON.stringify(value)}\n`;
    hash.update(text);
    return text;
  };
  yield line({ format: LOG_FILE_FORMAT });
  let events = 0;
  for (let after = LOG_START; ;) {
    const batch = await store.readAll({ after, limit: BATCH });
    if (batch.length === 0) break;
    for (const e of batch) {
      yield line({
        event: {
          position: encodeLogPosition(e.position),
          eventId: e.eventId,
          streamId: e.streamId,
          streamType: e.streamType,
          version: e.version,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          metadata: e.metadata,
          occurredAt: e.occurredAt.toISOString(),
          recordedAt: e.recordedAt.toISOString(),
        },
      });
    }
    events += batch.length;
    after = batch.at(-1)!.position;
  }
  const claims = await store.claims();
  for (const claim of claims) yield line({ claim });
  yield `${JSON.stringify({ end: { events, claims: claims.length, sha256: hash.digest('hex') } })}\n`;
}

/** Writes the log's file; gzip when the name ends in `.gz`. */
export async function writeLogFile(store: EventStore, path: string): Promise<void> {
  const lines = Readable.from(logFileLines(store));
  await (path.endsWith('.gz')
    ? pipeline(lines, createGzip(), createWriteStream(path))
    : pipeline(lines, createWriteStream(path)));
}

const eventLine = z.strictObject({
  position: z.string(),
  eventId: z.uuid(),
  streamId: z.string().min(1),
  streamType: z.string().min(1),
  version: z.number().int().min(1),
  type: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()),
  metadata: z.looseObject({ source: z.string(), correlationId: z.string() }),
  occurredAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
});
const claimLine = z.strictObject({ claim: z.string().min(1), streamId: z.string().min(1) });
const endLine = z.strictObject({
  events: z.number().int().min(0),
  claims: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * A log file as the event store imports it: its events in batches, then its claims. The counts and the
 * checksum are checked at the end, before the import commits; a file that does not match, is cut short or
 * holds a line that is not its own fails the import, which then writes nothing.
 */
export function readLogFile(path: string): LogSource {
  const claims: StreamClaim[] = [];
  async function* events(): AsyncGenerator<ImportedEvent[]> {
    const input = createReadStream(path);
    const lines = createInterface({
      input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input,
      crlfDelay: Infinity,
    });
    const hash = createHash('sha256');
    let batch: ImportedEvent[] = [];
    let count = 0;
    let number = 0;
    let ended = false;
    for await (const text of lines) {
      number++;
      if (ended) throw new LogFileError(`line ${number}: there is more after the last line`);
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new LogFileError(`line ${number}: not JSON`);
      }
      if (number === 1) {
        if (value['format'] !== LOG_FILE_FORMAT) throw new LogFileError(`not a ${LOG_FILE_FORMAT} file`);
      } else if ('event' in value) {
        const parsed = eventLine.safeParse(value['event']);
        if (!parsed.success)
          throw new LogFileError(`line ${number}: not an event (${parsed.error.issues[0]?.message})`);
        const { position: _position, occurredAt, recordedAt, ...event } = parsed.data;
        batch.push({
          ...event,
          metadata: event.metadata as ImportedEvent['metadata'],
          occurredAt: new Date(occurredAt),
          recordedAt: new Date(recordedAt),
        });
        count++;
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      } else if ('claim' in value) {
        const parsed = claimLine.safeParse(value['claim']);
        if (!parsed.success) throw new LogFileError(`line ${number}: not a claim`);
        claims.push(parsed.data);
      } else if ('end' in value) {
        const end = endLine.safeParse(value['end']);
        if (!end.success) throw new LogFileError(`line ${number}: not the last line`);
        if (end.data.sha256 !== hash.digest('hex') || end.data.events !== count || end.data.claims !== claims.length) {
          throw new LogFileError('the checksum or the counts do not match: the file was changed or damaged');
        }
        ended = true;
        continue;
      } else {
        throw new LogFileError(`line ${number}: neither an event, a claim nor the last line`);
      }
      hash.update(`${text}\n`);
    }
    if (!ended) throw new LogFileError('the file ends before its last line: it is incomplete');
    if (batch.length > 0) yield batch;
  }
  return { events: events(), claims: () => claims };
}
