import type { Db, Tx } from '../store/database.ts';
import type { RetentionHoldRow } from '../store/schema.ts';

// The SQL of retention holds: data retention must keep while a court's erasure-prohibition stands.

type Q = Db | Tx;

export async function insertHold(tx: Q, row: RetentionHoldRow): Promise<void> {
  await tx.insertInto('retention_holds').values(row).execute();
}

/** Ends the standing holds a source placed; how many it ended. */
export async function endHolds(tx: Q, sourceType: string, sourceId: string, at: string): Promise<number> {
  const r = await tx
    .updateTable('retention_holds')
    .set({ lifted_at: at })
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The holds standing on a provider's data. */
export async function standingHolds(db: Q, providerOrganisationId: string): Promise<RetentionHoldRow[]> {
  return db
    .selectFrom('retention_holds')
    .selectAll()
    .where('provider_organisation_id', '=', providerOrganisationId)
    .where('lifted_at', 'is', null)
    .execute();
}
