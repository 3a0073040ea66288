import type { Db, Tx } from '../store/database.ts';
import type { CaseRow } from '../store/schema.ts';

// All SQL about cases.

type Q = Db | Tx;

export async function findCase(db: Q, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByReference(
  db: Q,
  organisationId: string,
  reference: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function insertCase(tx: Q, row: CaseRow): Promise<void> {
  await tx.insertInto('cases').values(row).execute();
}

/** Inserts unless the organisation already has a case with this reference; true when inserted. */
export async function insertCaseIfAbsent(tx: Q, row: CaseRow): Promise<boolean> {
  const r = await tx
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function listCaseRows(db: Q, organisationId: string, limit: number): Promise<CaseRow[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
