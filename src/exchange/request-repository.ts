import { DomainError } from '../domain/errors.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';

// All SQL about requests lives here.

export async function findRequest(db: Db | Tx, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireRequest(db: Db | Tx, id: string): Promise<RequestRow> {
  const r = await findRequest(db, id);
  if (!r)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `要請 ${id} は存在しません`, en: `request ${id} does not exist` },
      { field: 'id', value: id },
    );
  return r;
}

/** Optimistic concurrency: the update applies only to the version the caller read. */
export async function updateRequest(
  tx: Tx,
  row: RequestRow,
  changes: Partial<RequestRow>,
  now: Date,
): Promise<RequestRow> {
  const next = { ...row, ...changes, updated_at: now.toISOString(), version: row.version + 1 };
  const res = await tx
    .updateTable('requests')
    .set({ ...changes, updated_at: next.updated_at, version: next.version })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '要請が同時に更新されました。読み込み直してください',
        en: 'the request was changed concurrently: reload and try again',
      },
      { id: row.id },
    );
  }
  return next;
}

/** The next value of a named counter; one upsert, safe under concurrency on both dialects. */
export async function nextCounter(tx: Tx, name: string): Promise<number> {
  const r = await tx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

export interface RequestListFilter {
  side: 'agency' | 'provider' | 'all';
  organisationId: string;
  states?: string[];
  kinds?: string[];
  caseId?: string;
  limit: number;
  cursor?: { updatedAt: string; id: string };
}

/** Newest first, keyset-paginated on (updated_at, id). Providers never see drafts or unapproved requests. */
export async function listRequestRows(db: Db, f: RequestListFilter): Promise<RequestRow[]> {
  let q = db.selectFrom('requests').selectAll();
  // An agency's own list holds what it drafted here, not envelopes claiming to come from it.
  if (f.side === 'agency') q = q.where('agency_organisation_id', '=', f.organisationId).where('origin', '=', 'local');
  // A provider sees what was delivered to it — never drafts, nor requests withdrawn before delivery.
  if (f.side === 'provider')
    q = q.where('provider_organisation_id', '=', f.organisationId).where('received_at', 'is not', null);
  if (f.states && f.states.length > 0) q = q.where('state', 'in', f.states);
  if (f.kinds && f.kinds.length > 0) q = q.where('kind', 'in', f.kinds);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.cursor) {
    const c = f.cursor;
    q = q.where((eb) =>
      eb.or([eb('updated_at', '<', c.updatedAt), eb.and([eb('updated_at', '=', c.updatedAt), eb('id', '<', c.id)])]),
    );
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}
