import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['post']>;

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: '/problems/diagnostic_lifecycle' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};
const WRITE_RESULT = {
  type: 'object',
  required: ['id', 'version', 'position'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer', description: 'The object version after the write (also the ETag)' },
    position: { type: 'string', description: 'Where the write landed in the global log; send it as X-Min-Position' },
  },
};
const ERRORS: Record<string, string> = {
  '400': 'Invalid input (`errors` names each field)',
  '401': 'No valid bearer token',
  '403': 'The role or scope may not do this',
  '404': 'Not found, or outside the caller scope',
  '409': 'A business rule or lifecycle step refuses it (`type` names the rule)',
  '412': 'If-Match names a version that is no longer current; nothing was changed',
  '413': 'Body over 1 MB',
  '422': 'Well-formed but meaningless, or an Idempotency-Key reused with another body',
  '429': 'Too many requests for this key (see Retry-After)',
};

/** The OpenAPI document: bodies from the zod schemas, plus the headers and answers every write shares. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('智改数转 progress tracker')
    .setDescription(
      'Event-sourced tracker of digital-transformation diagnostics, retrofit projects and demonstration titles. ' +
        'Every write answers `{id, version, position}` with an ETag; errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key created by an admin' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM, WriteResult: WRITE_RESULT },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      operation.security = [{ bearer: [] }];
      const errors = Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          status,
          {
            description,
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        ]),
      );
      operation.responses = { ...errors, ...operation.responses };
      if (method === 'get' || path.startsWith('/v1/admin/')) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
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
          schema: { type: 'string' },
          description: 'Replays the first answer for the same key and body',
        },
        {
          name: 'X-Correlation-Id',
          in: 'header',
          required: false,
          schema: { type: 'string' },
          description: 'Groups the events of related commands',
        },
      ];
      for (const status of ['200', '201']) {
        const response = operation.responses[status];
        if (response && !('$ref' in response)) {
          response.content = { 'application/json': { schema: { $ref: '#/components/schemas/WriteResult' } } };
          response.headers = { ETag: { description: 'The new version', schema: { type: 'string' } } };
        }
      }
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
