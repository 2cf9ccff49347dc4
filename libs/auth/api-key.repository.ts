import type { DB } from '#libs/database';
import { type Kysely, sql } from 'kysely';

export class ApiKeyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(key: {
    id: string;
    name: string;
    role: string;
    scope: object;
    tokenHash: string;
    createdBy: string | null;
  }) {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        role: key.role,
        scope: JSON.stringify(key.scope),
        token_hash: key.tokenHash,
        created_by: key.createdBy,
      })
      .execute();
  }

  async findActiveByTokenHash(tokenHash: string) {
    return this.db
      .selectFrom('api_keys')
      .select(['id', 'name', 'role', 'scope'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /**
   * Revokes a key; with a channel, NOTIFY it the key's id in the same transaction, so every listening process
   * hears of it when (and only if) the revocation commits.
   */
  async revoke(id: string, notifyChannel?: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      const revoked = result.numUpdatedRows > 0n;
      if (revoked && notifyChannel) await sql`select pg_notify(${notifyChannel}, ${id})`.execute(trx);
      return revoked;
    });
  }

  async countActive(): Promise<number> {
    const row = await this.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
