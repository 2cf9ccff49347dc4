import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type Answer, OPERATIONS, type OperationDoc, type ProblemExample } from './openapi-operations.js';
import { responseComponents } from './openapi/index.js';

type PathItem = OpenAPIObject['paths'][string];
type Operation = NonNullable<PathItem['get']>;
type ResponseObject = Exclude<NonNullable<Operation['responses'][string]>, { $ref: string }>;
type HeadersObject = NonNullable<ResponseObject['headers']>;
type Schema = { type?: string; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[] };

const METHODS = ['get', 'post', 'put', 'delete'] as const;
const PROBLEM_SCHEMA = { $ref: '#/components/schemas/Problem' };
const WRITE_RESULT_REF = '#/components/schemas/WriteResult';

const ERRORS: Record<string, string> = {
  '400': 'Invalid input (`errors` names each field) or an unreadable request',
  '401': 'No valid bearer token',
  '403': 'The role or scope may not do this',
  '404': 'Not found, or outside the caller scope',
  '409': 'A business rule or lifecycle step refuses it (`type` names the rule)',
  '412': 'If-Match names a version that is no longer current; nothing was changed',
  '413': 'Body over 1 MB',
  '422': 'Well-formed but meaningless, or an Idempotency-Key reused with another body',
  '429': 'Too many requests for this key (see Retry-After)',
  '503':
    'The database cannot be reached (Retry-After); on a read with X-Min-Position, the read models did not reach ' +
    'it within 5 s',
};

const problem = (status: number, code: string, title: string, detail: string, extra: object = {}) => ({
  type: `/problems/${code}`,
  title,
  status,
  detail,
  ...extra,
});

/** What the service answers for each status when the route has no answer of its own (apps/api/http/problem.ts). */
const GENERIC: Record<string, ProblemExample> = {
  '400': problem(400, 'malformed_request', 'The request could not be read', 'The body is not valid JSON'),
  '401': problem(401, 'unauthenticated', 'Authentication required', 'A bearer token is required'),
  '403': problem(403, 'forbidden', 'Not allowed', 'The viewer role may not do this'),
  '404': { type: '/problems/not_found', title: 'Cannot GET /v1/nowhere', status: 404 },
  '409': problem(
    409,
    'concurrency_conflict',
    'Busy object',
    'Too many simultaneous changes to this object; nothing was changed, try again',
  ),
  '412': problem(
    412,
    'precondition_failed',
    'Precondition failed',
    'The object is at version 4, not 3; nothing was changed',
    {
      currentVersion: 4,
    },
  ),
  '413': problem(413, 'payload_too_large', 'The request body is too large', 'A request body may be at most 1 MB'),
  '422': problem(
    422,
    'idempotency_key_reused',
    'Idempotency key reused',
    'Idempotency key 7d9f1c52-3f7e-4c41-9a57-0f3a5b2e8c11 was already used for a different request',
  ),
  '429': problem(429, 'rate_limited', 'Too many requests', 'Too many requests for this API key; try again in 12 s', {
    retryAfter: 12,
  }),
  '503': problem(
    503,
    'database_unavailable',
    'Database unavailable',
    'The database cannot be reached right now; try again shortly. A write sent with an Idempotency-Key is safe to repeat.',
    { retryAfter: 2 },
  ),
};
const PROJECTIONS_BEHIND = problem(
  503,
  'projections_behind',
  'Read models are behind',
  'The read models (enterprises) have not reached position 770-9601 yet; try again shortly',
  { retryAfter: 1, position: '770-9601', projections: ['enterprises'] },
);

/** What an object's routes answer for an id that names nothing (or nothing in the caller scope). */
const NOT_FOUND: Record<string, ProblemExample> = {
  enterprises: problem(404, 'enterprise_not_found', 'Not found', 'No enterprise is registered under this id'),
  providers: problem(404, 'provider_not_found', 'Not found', 'No provider is admitted under this id'),
  diagnostics: problem(404, 'diagnostic_not_found', 'Not found', 'No diagnostic exists under this id'),
  projects: problem(404, 'project_not_found', 'Not found', 'No project exists under this id'),
  reports: problem(404, 'report_not_found', 'Not found', 'No report exists under this id'),
  'api-keys': problem(404, 'api_key_not_found', 'Not found', 'No active API key has this id'),
};

const KINDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** A validation problem: each error with where it is (`place`: `body.uscc`; `field` when not its path). */
const validation = (place: 'body' | 'query' | 'path', errors: { path: string; message: string; field?: string }[]) => {
  const located = errors.map(({ field, ...error }) => ({
    ...error,
    in: place,
    place: `${place}.${field ?? error.path}`,
  }));
  return problem(
    400,
    'validation_failed',
    'The request is not valid',
    `See errors for each field (first: ${located[0]!.place})`,
    {
      errors: located,
    },
  );
};

/** Zod's message for a missing value of a plain JSON schema type (as worded in apps/api/http/schemas.ts). */
const missing = (schema: Schema) => `is required (${KINDS[schema.type ?? ''] ?? 'a value'})`;

/** A problem echoes at most this much of a message (apps/api/http/problem.ts). */
const clip = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}…` : value);
const oneOf = (values: unknown[]) =>
  clip(`Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}`);

/** The 400 this route answers for the commonest mistake: a required field left out, an unknown one, a bad query. */
function invalidInput(operation: Operation): ProblemExample {
  const body = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.[
    'application/json'
  ]?.schema;
  if (body) {
    // A required field of a plain type (an enum's or a literal's message is its own) left out, else an unknown one.
    const field = body.required?.find((name) => {
      const property = body.properties?.[name];
      return property?.type !== undefined && KINDS[property.type] !== undefined && property.enum === undefined;
    });
    if (field) return validation('body', [{ path: field, message: missing(body.properties![field]!) }]);
    return validation('body', [{ path: '(body)', message: 'Unrecognized key: "note"', field: 'note' }]);
  }
  const parameters = (operation.parameters ?? []) as { name: string; in: string; schema?: Schema }[];
  const query = (name: string) => parameters.find((p) => p.in === 'query' && p.name === name);
  if (query('limit')) return validation('query', [{ path: 'limit', message: 'Too big: expected number to be <=200' }]);
  const choice = parameters.find((p) => p.in === 'query' && p.schema?.enum);
  if (choice) return validation('query', [{ path: choice.name, message: oneOf(choice.schema!.enum!) }]);
  if (query('asOf')) {
    return validation('query', [
      { path: 'asOf', message: 'Invalid ISO datetime' },
      { path: 'asOf', message: 'must fall within the years 1900 to 9999' },
    ]);
  }
  return GENERIC['400']!;
}

/** The problems a route may answer, each with an example: its own where it has one, else the generic one. */
function problemAnswers(
  path: string,
  method: string,
  operation: Operation,
  doc: OperationDoc | undefined,
  objectWrite: boolean,
) {
  const own = doc?.problems ?? {};
  const statuses = new Set(['400', '401', '403', '429', '503', ...Object.keys(own)]);
  if (path.includes('{')) statuses.add('404');
  if (objectWrite) for (const status of ['409', '412', '413', '422']) statuses.add(status);
  if (method !== 'get' && operation.requestBody) statuses.add('413');
  const readsFrom = (operation.parameters ?? []).some((p) => 'name' in p && p.name === 'X-Min-Position');
  const resource = path.split('/')[2] ?? '';
  const example = (status: string): ProblemExample =>
    own[status] ??
    (status === '400'
      ? invalidInput(operation)
      : status === '404'
        ? (NOT_FOUND[resource] ??
          problem(404, 'projection_not_found', 'Not found', 'There is no projection named enterprise'))
        : status === '503' && readsFrom
          ? PROJECTIONS_BEHIND
          : GENERIC[status]!);
  return Object.fromEntries(
    [...statuses].sort().map((status) => [
      status,
      {
        description: ERRORS[status] ?? 'A problem',
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA, example: example(status) } },
      },
    ]),
  );
}

/** A success answer as OpenAPI: its JSON schema (one of several joined by `|`) and any other media types. */
function successAnswer(answer: Answer, headers: HeadersObject | undefined): ResponseObject {
  const refs = (answer.schema ?? '').split('|').filter(Boolean);
  const schema =
    refs.length > 1
      ? { anyOf: refs.map((id) => ({ $ref: `#/components/schemas/${id}` })) }
      : refs[0] && { $ref: `#/components/schemas/${refs[0]}` };
  const content = {
    ...(schema ? { 'application/json': { schema } } : {}),
    ...Object.fromEntries(
      Object.entries(answer.media ?? {}).map(([type, description]) => [
        type,
        { schema: { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }), description } },
      ]),
    ),
  };
  return {
    description: answer.description,
    ...(Object.keys(content).length ? { content } : {}),
    ...(headers ? { headers } : {}),
  };
}

const WRITE_HEADERS = [
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string', example: '"3"' },
    description: 'Run only if the object is still at this version (else 412)',
  },
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', example: '7d9f1c52-3f7e-4c41-9a57-0f3a5b2e8c11' },
    description: 'Replays the first answer for the same key and body (another body: 422)',
  },
  {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'Groups the events of related commands',
  },
] as const;

/** Nest leaves out a path parameter whose type it cannot read (a union of literals): every one is listed. */
function listPathParameters(path: string, operation: Operation): void {
  const listed = new Set((operation.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : '')));
  const unlisted = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => !listed.has(name));
  operation.parameters = [
    ...unlisted.map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' as const } })),
    ...(operation.parameters ?? []),
  ];
}

/** The table's words, success answers and examples for the operation. */
function describe(operation: Operation, doc: OperationDoc, objectWrite: boolean): void {
  operation.summary = doc.summary;
  operation.description = doc.description;
  const etag = { ETag: { description: 'The version: `"<version>"`', schema: { type: 'string' } } };
  const answers = Object.entries(doc.answers).map(([status, answer]): [string, ResponseObject] => [
    status,
    successAnswer(answer, objectWrite ? etag : undefined),
  ]);
  const others = Object.entries(operation.responses ?? {}).filter(([status]) => !status.startsWith('2'));
  operation.responses = Object.fromEntries([...answers, ...others]);
  for (const parameter of operation.parameters ?? []) {
    const example = 'in' in parameter && parameter.in === 'path' ? doc.params?.[parameter.name] : undefined;
    if (example !== undefined) (parameter as { example?: unknown }).example = example;
  }
  const body = (operation.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)?.content?.[
    'application/json'
  ];
  if (body && doc.example) body.example = doc.example;
}

/** One operation: its words, its answers with their schemas, its examples and, for an object write, its headers. */
function document(path: string, method: (typeof METHODS)[number], operation: Operation): void {
  const doc = OPERATIONS[`${method.toUpperCase()} ${path}`];
  // Object writes (WriteRoute, CreateRoute) document their `{id, version, position}` answer themselves.
  const objectWrite = Object.entries(operation.responses ?? {}).some(
    ([status, response]) =>
      status.startsWith('2') &&
      (response as { content?: Record<string, { schema?: { $ref?: string } }> }).content?.['application/json']?.schema
        ?.$ref === WRITE_RESULT_REF,
  );
  listPathParameters(path, operation);
  if (doc) describe(operation, doc, objectWrite);
  if (!path.startsWith('/v1/')) return;
  operation.security = [{ bearer: [] }];
  operation.responses = { ...operation.responses, ...problemAnswers(path, method, operation, doc, objectWrite) };
  if (objectWrite) operation.parameters = [...(operation.parameters ?? []), ...WRITE_HEADERS];
}

/**
 * The OpenAPI document: Nest's (paths, parameters, bodies from the zod schemas), with each operation's summary,
 * description and examples (openapi-operations.ts), the schemas of what the service answers (openapi/) and the
 * problems each route may give.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('智改数转 progress tracker')
    .setDescription(
      'Event-sourced tracker of digital-transformation diagnostics, retrofit projects and demonstration titles. ' +
        'A write to an enterprise, provider, diagnostic or project answers `{id, version, position}` with an ETag ' +
        '(and a Location when it creates one); it takes If-Match, Idempotency-Key and X-Correlation-Id. ' +
        'Reports answer `{id, status}`, new API keys `{id, token, …}`, the projection admin a projection status. ' +
        'Lists answer `{items, nextCursor}`; a read with X-Min-Position reflects at least that write. ' +
        'Errors are RFC 9457 problem+json whose `type` names the rule.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key created by an admin' })
    .build();
  const built = SwaggerModule.createDocument(app, config);
  built.components = {
    ...built.components,
    schemas: { ...built.components?.schemas, ...responseComponents() },
  };
  for (const [path, item] of Object.entries(built.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) document(path, method, operation);
    }
  }
  return built;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
