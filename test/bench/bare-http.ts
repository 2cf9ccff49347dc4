import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { appendStatement } from '../../libs/event-store/event-store.repository.js';

/**
 * The yardstick of `http_command_c32`: a `node:http` server with no framework that answers the same four
 * requests as the api (register, move to a park, scale status, correction), checks the bearer token and the
 * JSON by hand, reads the stream and appends one event with the store's own statements and envelope. It is
 * the ceiling for "our code plus a stream read" on this machine. Run as a process of its own:
 * `DATABASE_URL=… PORT=… BARE_TOKEN=… node dist/test/bench/bare-http.js`.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 32 });
pool.on('error', () => undefined);
const token = `Bearer ${process.env.BARE_TOKEN ?? ''}`;
const STREAM_TYPE = 'Enterprise';
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const readStream = `select global_position, transaction_id::text as transaction_id, event_id, stream_id, stream_type,
  version, type, schema_version, data, metadata, occurred_at, recorded_at from events
  where stream_id = $1 and version > $2 and ($3::int is null or version <= $4::int)
    and ($5::timestamptz is null or recorded_at < $6::timestamptz + interval '1 millisecond')
  order by version`;

type Profile = { name: string; parkId: string; aboveDesignatedSize: boolean; statYear: number } | null;

const isText = (value: unknown, max = 200): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

async function append(streamId: string, version: number, type: string, data: object, actor: string) {
  const mode = version === 0 ? 'no_stream' : 'expected';
  const statement = appendStatement(mode, false, true);
  const commandId = randomUUID();
  const argument: Record<string, unknown> = {
    streamId,
    streamType: STREAM_TYPE,
    count: 1,
    metadata: JSON.stringify({
      actor: { userId: actor, role: 'officer' },
      source: 'api',
      commandId,
      correlationId: randomUUID(),
      causationId: commandId,
    }),
    expectedVersion: version,
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: JSON.stringify(data),
    occurredAt: null,
  };
  const { rows } = await pool.query<{ version: number | null; global_position: string; transaction_id: string }>({
    name: statement.name,
    text: statement.text,
    values: statement.parameters.map((name) => argument[name]),
  });
  return rows[0]?.version == null ? null : rows[0];
}

async function handle(request: IncomingMessage, body: string): Promise<[number, object, Record<string, string>?]> {
  if (request.headers.authorization !== token) return [401, { title: 'Unauthorized' }];
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return [400, { title: 'Bad JSON' }];
  }
  const match = /^\/v1\/enterprises(?:\/([^/]+)\/(park|scale-status|corrections))?$/.exec(request.url ?? '');
  if (request.method !== 'POST' || !match) return [404, { title: 'Not found' }];
  const [, id, action] = match;
  const uscc = id ?? input.uscc;
  if (typeof uscc !== 'string' || !USCC.test(uscc)) return [400, { title: 'Invalid USCC' }];
  const streamId = `enterprise-${uscc}`;
  const { rows: events } = await pool.query<{ version: number; type: string; data: Record<string, unknown> }>(
    readStream,
    [streamId, 0, null, null, null, null],
  );
  let state = null as Profile;
  for (const event of events) {
    if (event.type === 'EnterpriseRegistered') state = event.data as unknown as NonNullable<Profile>;
    else if (state && event.type === 'EnterpriseMovedToPark') state = { ...state, parkId: event.data.to as string };
    else if (state && event.type === 'EnterpriseScaleStatusChanged')
      state = { ...state, aboveDesignatedSize: event.data.aboveDesignatedSize as boolean };
    else if (state && event.type === 'EnterpriseDetailsCorrected') state = { ...state, name: event.data.new as string };
  }
  const version = events.at(-1)?.version ?? 0;
  let decided: [string, object];
  if (!action) {
    const { name, industryCode, districtCode, parkId, aboveDesignatedSize } = input;
    if (!isText(name) || !isText(industryCode, 5) || !/^\d{6}$/.test(String(districtCode)) || !isText(parkId))
      return [400, { title: 'Invalid enterprise' }];
    if (typeof aboveDesignatedSize !== 'boolean') return [400, { title: 'Invalid scale status' }];
    if (state) return [409, { title: 'Registered' }];
    const statYear = new Date().getUTCFullYear();
    decided = [
      'EnterpriseRegistered',
      { uscc, name, industryCode, districtCode, parkId, aboveDesignatedSize, statYear },
    ];
  } else if (!state) {
    return [404, { title: 'Not found' }];
  } else if (action === 'park') {
    if (!isText(input.parkId) || input.parkId === state.parkId) return [400, { title: 'Invalid park' }];
    decided = ['EnterpriseMovedToPark', { from: state.parkId, to: input.parkId, effectiveFrom: today() }];
  } else if (action === 'scale-status') {
    const { aboveDesignatedSize, statYear } = input;
    if (typeof aboveDesignatedSize !== 'boolean' || !Number.isInteger(statYear)) return [400, { title: 'Invalid' }];
    decided = [
      'EnterpriseScaleStatusChanged',
      { aboveDesignatedSize, statYear, effectiveFrom: today(), source: 'statistics' },
    ];
  } else {
    const { field, value, reason } = input;
    if (field !== 'name' || !isText(value) || !isText(reason)) return [400, { title: 'Invalid correction' }];
    decided = ['EnterpriseDetailsCorrected', { field, old: state.name, new: value, reason }];
  }
  const row = await append(streamId, version, decided[0], decided[1], 'bench-key');
  if (!row) return [409, { title: 'Conflict' }];
  const answer = { id: uscc, version: row.version, position: `${row.transaction_id}-${row.global_position}` };
  return [
    action ? 200 : 201,
    answer,
    { etag: `"${row.version}"`, ...(action ? {} : { location: `/v1/enterprises/${uscc}` }) },
  ];
}

const today = () => new Date().toISOString().slice(0, 10);

function respond(response: ServerResponse, status: number, answer: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(answer);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    handle(request, Buffer.concat(chunks).toString('utf8')).then(
      ([status, answer, headers]) => respond(response, status, answer, headers),
      () => respond(response, 503, { title: 'Database unavailable' }),
    );
  });
}).listen(Number(process.env.PORT ?? 3919), '127.0.0.1');
