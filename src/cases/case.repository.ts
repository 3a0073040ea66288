import type { SelectQueryBuilder } from 'kysely';
import type { ListScope } from '../domain/access.ts';
import { inListScope } from '../exchange/request.repository.ts';
import type { Db, Tx } from '../store/database.ts';
import type { CaseRow, Database } from '../store/schema.ts';

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

type AgencyScope = Extract<ListScope, { kind: 'agency' }>;

/**
 * The cases an agency's list scope shows, need-to-know as its requests are: those its unit opened (one without a
 * unit: those opened by one without a unit), and those holding a request the scope shows (shared with them).
 */
function inCaseScope<O>(db: Q, q: SelectQueryBuilder<Database, 'cases', O>, s: AgencyScope) {
  const requestsSeen = inListScope(db.selectFrom('requests').select('requests.case_id'), s).where(
    'requests.case_id',
    'is not',
    null,
  );
  return q
    .where('cases.organisation_id', '=', s.organisationId)
    .where((eb) =>
      eb.or([
        s.unitId === null ? eb('cases.unit_id', 'is', null) : eb('cases.unit_id', '=', s.unitId),
        eb('cases.id', 'in', requestsSeen),
      ]),
    );
}

/** A case, if the scope shows it. */
export async function findCaseInScope(db: Q, id: string, s: AgencyScope): Promise<CaseRow | undefined> {
  return inCaseScope(db, db.selectFrom('cases').selectAll().where('cases.id', '=', id), s).executeTakeFirst();
}

export async function listCaseRows(db: Q, s: AgencyScope, limit: number): Promise<CaseRow[]> {
  return inCaseScope(db, db.selectFrom('cases').selectAll(), s).orderBy('created_at', 'desc').limit(limit).execute();
}
