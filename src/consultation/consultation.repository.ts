import { sql } from 'kysely';
import type { Db, Tx } from '../store/database.ts';
import type { ConsultationRow } from '../store/schema.ts';

// All SQL about consultations.

type Q = Db | Tx;

export async function insertConsultation(tx: Q, row: ConsultationRow): Promise<void> {
  await tx.insertInto('consultations').values(row).execute();
}

export async function findConsultation(db: Q, id: string): Promise<ConsultationRow | undefined> {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateConsultation(
  tx: Q,
  id: string,
  changes: Partial<Omit<ConsultationRow, 'id' | 'organisation_id' | 'reference'>>,
): Promise<void> {
  await tx.updateTable('consultations').set(changes).where('id', '=', id).execute();
}

export interface ConsultationListFilter {
  organisationId: string;
  state?: string;
  category?: string;
  limit: number;
}

export async function listConsultationRows(db: Q, f: ConsultationListFilter): Promise<ConsultationRow[]> {
  let q = db.selectFrom('consultations').selectAll().where('organisation_id', '=', f.organisationId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.category) q = q.where('category', '=', f.category);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export interface ConsultationCountRow {
  month: string;
  category: string;
  channel: string;
  state: string;
  urgency: string;
  n: number;
}

/** Counts of an organisation's consultations received in [from, to), by month and by each closed list. */
export async function countConsultations(
  db: Q,
  organisationId: string,
  from: string,
  to: string,
): Promise<ConsultationCountRow[]> {
  const month = sql<string>`substr(received_at, 1, 7)`;
  const rows = await db
    .selectFrom('consultations')
    .select([month.as('month'), 'category', 'channel', 'state', 'urgency', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .groupBy([month, 'category', 'channel', 'state', 'urgency'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The consultation a request was opened from (a consultation opens at most one request). */
export async function findConsultationOpening(db: Q, requestId: string): Promise<ConsultationRow | undefined> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('first_requests', '=', JSON.stringify([requestId]))
    .executeTakeFirst();
}

/**
 * Retention of the request opened from a consultation (src/exchange/retention.ts): empties what names
 * the person or the post — who they are and how to reach them, their account, the targets, the e-mail's
 * headers and what was found of its origin, the desk's note — and keeps the record for the statistics.
 */
export async function eraseConsultationPersonalData(tx: Tx, id: string, at: string): Promise<void> {
  await tx
    .updateTable('consultations')
    .set({
      person_name: null,
      person_contact: null,
      account: '',
      targets: '[]',
      mail_headers: null,
      mail_origin: null,
      advice_note: null,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}
