import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A provider that registered an installation key declares its networks from its own installation,
// signed with that key (`shokai provider networks declare`): the declaration keeps the key's id, the
// instant the provider signed at and the signature, so the directory log's `networks` entry carries them
// and an installation routing by the pin can check them offline. Declarations made before stay unsigned.
const COLUMNS = ['signed_key_id', 'signed_at', 'signature'] as const;

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('provider_network_declarations').addColumn(column, 'text').execute();
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('provider_network_declarations').dropColumn(column).execute();
  }
}
