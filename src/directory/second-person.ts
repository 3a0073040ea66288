import { DomainError } from '../domain/errors.ts';
import type { Tx } from '../store/database.ts';
import { decidePending, type PendingDecisions } from './directory.repository.ts';

// What waits for a second person (a role grant, a passkey, a provider's key) is decided once: whoever
// comes second to the same pending row is told so, and nothing of theirs is written.

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
