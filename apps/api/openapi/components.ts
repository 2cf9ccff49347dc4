import { z } from 'zod';

/**
 * What the service answers, as zod schemas: registered here, they become the OpenAPI document's
 * `components.schemas` (`responseComponents()`), referenced from each operation's 2xx answer. Objects are
 * strict (`additionalProperties: false`) where their keys are fixed, so that a field the document does not
 * know fails test/openapi.e2e-spec.ts; the `satisfies` checks keep them in step with the read models' types.
 */
export const registry = z.registry<{ id: string; description?: string }>();

export function component<Schema extends z.ZodType>(id: string, description: string, schema: Schema): Schema {
  registry.add(schema, { id, description });
  return schema;
}

/** A time as the service writes it (`toISOString()`, UTC). */
export const time = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .meta({ format: 'date-time', example: '2026-03-02T08:15:30.000Z' });
/** A calendar day (`2026-03-02`). */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: 'date', example: '2026-03-02' });
/** Where a write landed in the global log (`<transaction>-<sequence>`): send it back as `X-Min-Position`. */
export const position = z
  .string()
  .regex(/^\d+-\d+$/)
  .meta({ example: '770-9595' });
export const level = z.number().int().min(0).max(4);
export const counts = z.record(z.string(), z.number().int().min(0));
export const cursor = z.string().nullable().describe('Send as `?cursor=` for the next page; null on the last page');
export const page = <Item extends z.ZodType>(items: Item) =>
  z.strictObject({ items: z.array(items), nextCursor: cursor });

/** What zod writes for `null` in OpenAPI 3.0 (which has no null type). */
const NULL = z.toJSONSchema(z.null(), { target: 'openapi-3.0' });
delete (NULL as { $schema?: string }).$schema;
const SAFE_INTEGER_BOUNDS = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER } as const;

/**
 * OpenAPI 3.0 reads `nullable` only beside a `type`: a nullable reference (`allOf: [{$ref}]`) or union becomes
 * `anyOf` with a null branch. Zod's bounds of a safe integer, true of every JSON integer here, are left out.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const { $id: _, ...rest } = node as Record<string, unknown>;
  for (const [key, bound] of Object.entries(SAFE_INTEGER_BOUNDS)) if (rest[key] === bound) delete rest[key];
  const schema = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, normalize(value)]));
  if (schema['nullable'] !== true || 'type' in schema) return schema;
  const { nullable: __, allOf, anyOf, ...others } = schema;
  const branches = [...((allOf as unknown[] | undefined) ?? []), ...((anyOf as unknown[] | undefined) ?? [])];
  return { ...others, anyOf: [...branches, NULL] };
}

/** The registered schemas as OpenAPI 3.0 `components.schemas`, referring to each other by `$ref`. */
export function registeredComponents(): Record<string, object> {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return normalize(schemas) as Record<string, object>;
}
