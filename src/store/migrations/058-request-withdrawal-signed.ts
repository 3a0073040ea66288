import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The requesting office signs its withdrawal of a request with the withdrawing person's passkey (over the
// request, the digest of the reason and the instant), so the addressed provider can verify it offline:
// the reason exactly as signed, the instant it covers, who withdrew it, the key and the packed assertion.
// A withdrawal made without a passkey (or before this migration) keeps null key and signature and reads
// "unsigned"; one made before keeps null everywhere (its reason is in the thread, as before). Down drops
// the columns (the thread and the audit keep the withdrawal itself).
const COLUMNS = [
  'withdrawal_reason',
  'withdrawal_at',
  'withdrawn_by',
  'withdrawal_key_id',
  'withdrawal_signature',
] as const;

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('requests').addColumn(column, 'text').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('requests').dropColumn(column).execute();
}
