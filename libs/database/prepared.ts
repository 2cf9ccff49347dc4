import { createHash } from 'node:crypto';
import type { Compilable } from 'kysely';
import type { Database } from './database.js';

/**
 * Runs a Kysely query as a named prepared statement, named after its SQL text: on a server each connection
 * plans it once instead of on every request (a hot read's planning can cost more than its execution).
 */
export async function executePrepared<Row>(database: Database, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  const name = `k_${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`;
  return database.prepared<Row>(name, compiled.sql, compiled.parameters);
}
