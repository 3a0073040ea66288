import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The judge signs with his own passkey the record that a party was heard on a disclosure-order application, and
// its withdrawal (src/court/hearing-signature.ts), as he signs the court's other acts: each keeps the judge's
// key, the packed assertion and the instant he signed it. Hearings recorded before this migration keep null
// signatures, read as unsigned and no longer count for issuing the order (the judge records them again, signed).
// Down drops the columns. Frozen with this migration: the statements are its own.
const COLUMNS = [
  'record_key_id',
  'record_signature',
  'record_signed_at',
  'withdraw_key_id',
  'withdraw_signature',
  'withdraw_signed_at',
];

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema.alterTable('disclosure_order_hearings').addColumn(column, 'text').execute();
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) {
    await db.schema.alterTable('disclosure_order_hearings').dropColumn(column).execute();
  }
}
