import type { Db, Tx } from '../store/database.ts';
import type { CredentialRequestRow, KeyRegistrationRow, RoleGrantRow } from '../store/schema.ts';

// The SQL every table of what waits for a second person shares (a role grant, a passkey, a provider's
// key): deciding a row only while it is pending, and an organisation's rows by state.

type Q = Db | Tx;

/** What deciding sets, by what waits for a second person: a role grant, a credential. */
export interface PendingDecisions {
  role_grants: Pick<RoleGrantRow, 'state' | 'countersigned_by' | 'decided_at' | 'refusal_reason'>;
  credential_requests: Pick<CredentialRequestRow, 'state' | 'decided_by' | 'decided_at' | 'refusal_reason'>;
  key_registrations: Pick<KeyRegistrationRow, 'state' | 'decided_by' | 'decided_at' | 'refusal_reason'>;
}

/**
 * A grant decided (countersigned or refused), a credential decided (confirmed, refused or superseded),
 * only if it was still pending; false otherwise (a concurrent decision loses cleanly).
 */
export async function decidePending<T extends keyof PendingDecisions>(
  tx: Q,
  table: T,
  id: string,
  changes: PendingDecisions[T],
): Promise<boolean>;
export async function decidePending(
  tx: Q,
  table: keyof PendingDecisions,
  id: string,
  changes: PendingDecisions[keyof PendingDecisions],
): Promise<boolean> {
  const r = await tx
    .updateTable(table)
    .set(changes)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The requests that a person asks a second person to decide, by table. */
interface RequestedRows {
  credential_requests: CredentialRequestRow;
  key_registrations: KeyRegistrationRow;
}

/** An organisation's requests of `table` (optionally of one state), newest first, at most 200. */
export async function requestedRowsOf<T extends keyof RequestedRows>(
  db: Q,
  table: T,
  organisationId: string,
  state: string | undefined,
): Promise<RequestedRows[T][]>;
export async function requestedRowsOf(
  db: Q,
  table: keyof RequestedRows,
  organisationId: string,
  state: string | undefined,
): Promise<RequestedRows[keyof RequestedRows][]> {
  let q = db.selectFrom(table).selectAll().where('organisation_id', '=', organisationId);
  if (state) q = q.where('state', '=', state);
  return q.orderBy('requested_at', 'desc').limit(200).execute();
}
