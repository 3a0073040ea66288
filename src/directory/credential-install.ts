import type { Caller } from '../domain/access.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { forgetErasedPages } from '../store/erasure.ts';
import type { KeyRow } from '../store/schema.ts';
import { insertOwnerHeldSigningKey } from './key.repository.ts';

// The one step that makes a person's own verified credential their signing key (after the
// registration ceremony, and after a second person's confirmation where the two-person rule applies).

/**
 * Makes a verified credential (its row starting now) the person's signing key: their previous signing
 * key ends now and any
 * private part the hub held for them is destroyed. Audited `credential.registered`.
 */
export async function installCredential(
  uow: UnitOfWork,
  row: KeyRow,
  by: Caller,
  confirmedBy: string | null,
): Promise<void> {
  await insertOwnerHeldSigningKey(uow.tx, 'user', row);
  uow.afterCommit(() => forgetErasedPages(uow.ctx.store));
  await uow.auditBy(by, 'credential.registered', ['key', row.id], {
    ownerId: row.owner_id,
    fingerprint: row.fingerprint,
    algorithm: row.algorithm,
    rpId: row.rp_id,
    custody: 'owner',
    ...(confirmedBy ? { confirmedBy } : {}),
  });
}
