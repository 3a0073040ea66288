import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Courts attest with their judges' own credentials (issue 11): the private part of every court
// organisation key the hub generated and held is destroyed, and the key ends now, so the hub can no
// longer attest as any court. Its public part stays in the directory: warrants attested with it before
// still verify. There is no way back — `down` cannot bring back a destroyed private key, so it leaves
// the keys as they are (a court attests through its judges' passkeys either way).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const now = new Date().toISOString();
  await sql`
    UPDATE keys
       SET private_key_wrapped = NULL,
           valid_to = COALESCE(valid_to, ${now})
     WHERE owner_type = 'organisation'
       AND owner_id IN (SELECT id FROM organisations WHERE kind = 'court')
  `.execute(db);
}

export async function down<DB>(_db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  // Nothing to undo: the destroyed private parts cannot return, and the ended keys stay ended.
}
