import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { KEY_REVOCATION_REASONS, type KeyRevocationReason, PASSKEY_STATES } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { CredentialRequestRow, KeyRow } from '../store/schema.ts';
import { unconfirmedOfUser } from './credential-request.repository.ts';
import { maySign } from './credentials.ts';
import { currentKey, passkeysOfUser } from './key.repository.ts';

// A person's own passkeys, as their account page shows them: every credential they registered — the
// signing key it became (current, ended by a newer one, revoked) or, never a key, one awaiting a second
// person, refused or superseded — and whether the hub takes a passkey from them at all.

export const OwnPasskeySchema = z.object({
  /** The key's id; for a credential that never became a key, its registration request's. */
  id: z.string(),
  state: z.enum(PASSKEY_STATES),
  fingerprint: z.string(),
  algorithm: z.string(),
  credentialId: z.string(),
  rpId: z.string(),
  /** When it was registered (the request's time for one that never became a key). */
  createdAt: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.enum(KEY_REVOCATION_REASONS).nullable(),
  /** A second person's decision on it (the two-person rule), when it waited for one. */
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
});
export type OwnPasskey = z.infer<typeof OwnPasskeySchema>;

export const OwnPasskeysSchema = z.object({
  /** Whether the hub takes a passkey from this person (they sign something: approve, attest, answer, withdraw). */
  mayRegister: z.boolean(),
  passkeys: z.array(OwnPasskeySchema),
});
export type OwnPasskeys = z.infer<typeof OwnPasskeysSchema>;

/** The stored reason as the closed list names it (a reason outside it reads as `other`). */
const reasonOf = (r: string | null): KeyRevocationReason | null =>
  r === null ? null : (KEY_REVOCATION_REASONS.find((x) => x === r) ?? 'other');

function fromKey(k: KeyRow, currentId: string | undefined, now: string): OwnPasskey {
  const revoked = k.revoked_at !== null && k.revoked_at <= now;
  return {
    id: k.id,
    state: revoked ? 'revoked' : k.id === currentId ? 'current' : 'ended',
    fingerprint: k.fingerprint,
    algorithm: k.algorithm,
    credentialId: k.credential_id ?? '',
    rpId: k.rp_id ?? '',
    createdAt: k.created_at,
    validFrom: k.valid_from,
    validTo: k.valid_to,
    revokedAt: k.revoked_at,
    revocationReason: reasonOf(k.revocation_reason),
    decidedAt: null,
    refusalReason: null,
  };
}

function fromRequest(r: CredentialRequestRow): OwnPasskey {
  return {
    id: r.id,
    state: r.state === 'refused' || r.state === 'superseded' ? r.state : 'pending',
    fingerprint: r.fingerprint,
    algorithm: r.algorithm,
    credentialId: r.credential_id,
    rpId: r.rp_id,
    createdAt: r.requested_at,
    validFrom: null,
    validTo: null,
    revokedAt: null,
    revocationReason: null,
    decidedAt: r.decided_at,
    refusalReason: r.refusal_reason,
  };
}

/** The signed-in person's own passkeys, newest first; only ever their own (the owner is the caller). */
export async function ownPasskeys(uow: UnitOfWork, p: Principal): Promise<OwnPasskeys> {
  requirePermission(p, 'credential.read_own');
  if (p.kind !== 'user') {
    throw new DomainError(
      'FORBIDDEN',
      { ja: 'システム連携はパスキーを持ちません', en: 'a machine client holds no passkeys' },
      { field: 'principal', value: p.kind },
    );
  }
  const now = uow.now.toISOString();
  const current = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  const keys = (await passkeysOfUser(uow.tx, p.id)).map((k) => fromKey(k, current?.id, now));
  const waiting = (await unconfirmedOfUser(uow.tx, p.id)).map(fromRequest);
  const passkeys = [...keys, ...waiting].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { mayRegister: await maySign(uow, p), passkeys };
}
