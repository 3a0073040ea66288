import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { CREDENTIAL_REQUEST_STATES } from '../domain/vocabulary.ts';
import type { Tx } from '../store/database.ts';
import { findUser } from './directory.repository.ts';
import { decidePending, type PendingDecisions } from './second-person.repository.ts';

// What waits for a second person (a role grant, a passkey, a provider's key) is decided once: whoever
// comes second to the same pending row is told so, and nothing of theirs is written.

/** When a request (a passkey, a provider's key) was made and what a second person decided on it. */
export const REQUEST_DECISION_FIELDS = {
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
};

/** A request's row as REQUEST_DECISION_FIELDS hand it out. */
export function requestDecisionOf(r: {
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
}) {
  return {
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    refusalReason: r.refusal_reason,
  };
}

/** The query of a list of requests: optionally only those of one state. */
export const RequestListQuery = z.strictObject({ state: z.enum(CREDENTIAL_REQUEST_STATES).optional() });

/**
 * Who may see and decide what waits for a second person: one who countersigns role grants, or the
 * installation's operator (the command line, who holds the store).
 */
export function requireCountersignerOrOperator(caller: Caller): void {
  if (caller.kind !== 'system') requirePermission(caller, 'role.countersign');
}

/** What a person calls each thing that waits for a second person, in the refusal they read. */
const WAITING = {
  role_grants: { ja: 'ロールの付与', en: 'role grant' },
  credential_requests: { ja: '認証器の登録申請', en: 'credential request' },
  key_registrations: { ja: '鍵の登録申請', en: 'key registration' },
} as const satisfies Record<keyof PendingDecisions, { ja: string; en: string }>;

/** Decides the pending row `id` of `table`; CONFLICT when another person decided it at the same moment. */
export async function decideOrConflict<T extends keyof PendingDecisions>(
  tx: Tx,
  table: T,
  id: string,
  changes: PendingDecisions[T],
): Promise<void> {
  if (await decidePending(tx, table, id, changes)) return;
  const { ja, en } = WAITING[table];
  throw new DomainError(
    'CONFLICT',
    {
      ja: `この${ja}は同時に別の人が処理しました。読み込み直してください`,
      en: `someone else decided this ${en} at the same moment: reload to see it`,
    },
    { field: 'id', value: id },
  );
}

/** What a second person would give a person with the pending row, in the refusal they read. */
const GIVES = {
  role_grants: { ja: 'ロール', en: 'role' },
  credential_requests: { ja: '認証器', en: 'credential' },
} as const satisfies Partial<Record<keyof PendingDecisions, { ja: string; en: string }>>;

/**
 * A person disabled since the row was asked for gets nothing from a second person's confirmation: their
 * keys and roles ended with them (`disableUser`), and confirming would give a disabled person a role or a
 * signing key. ILLEGAL_TRANSITION; the row stays pending for the second person to refuse.
 */
export async function refuseDisabledSince(tx: Tx, table: keyof typeof GIVES, userId: string, id: string) {
  if ((await findUser(tx, userId))?.disabled === 0) return;
  const { ja, en } = GIVES[table];
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `この${ja}を受ける人は既に無効化されています。確認はできません（拒否してください）`,
      en: `the person this ${en} is for has been disabled since: it cannot be confirmed (refuse it)`,
    },
    { field: 'id', value: id },
  );
}
