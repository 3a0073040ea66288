import type { Caller } from '../domain/access.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import { dropPrivateParts, endCurrentKeys, insertKey } from './key.repository.ts';

// The one step that makes a person's own verified credential their signing key (after the
// registration ceremony, and after a second person's confirmation where the two-person rule applies).

/**
 * Makes a verified credential the person's signing key: their previous signing key ends now and any
 * private part the hub held for them is destroyed. Audited `credential.registered`.
 */
export async function installCredential(
  uow: UnitOfWork,
  row: KeyRow,
  by: Caller,
  confirmedBy: string | null,
): Promise<void> {
  const at = uow.now.toISOString();
  await endCurrentKeys(uow.tx, 'user', row.owner_id, 'signing', at);
  await dropPrivateParts(uow.tx, 'user', row.owner_id, 'signing');
  await insertKey(uow.tx, { ...row, valid_from: at, created_at: at });
  await uow.auditBy(by, 'credential.registered', ['key', row.id], {
    ownerId: row.owner_id,
    fingerprint: row.fingerprint,
    algorithm: row.algorithm,
    rpId: row.rp_id,
    custody: 'owner',
    ...(confirmedBy ? { confirmedBy } : {}),
  });
}
