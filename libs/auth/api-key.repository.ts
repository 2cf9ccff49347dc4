import type { DB } from '#libs/database';
import type { Kysely } from 'kysely';

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

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
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
