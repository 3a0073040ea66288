/**
 * The one key-trust rule. A key as the directory publishes it (never a private part), and whether a
 * signature it made at some instant counts: the key was within its validity period then, had not been
 * revoked by then, and has not since been revoked as compromised (a compromised key voids everything
 * it ever signed; a key retired or superseded later does not).
 */
export const KEY_OWNER_TYPES = ['unit', 'user', 'organisation', 'client', 'system'] as const;
export type KeyOwnerType = (typeof KEY_OWNER_TYPES)[number];
export { KEY_PURPOSES, KEY_REVOCATION_REASONS, type KeyPurpose, type KeyRevocationReason } from './vocabulary.ts';

export interface PublicKeyRecord {
  id: string;
  organisationId: string | null;
  ownerType: string;
  ownerId: string;
  purpose: string;
  algorithm: string;
  publicKey: string;
  fingerprint: string;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  createdAt: string;
  /**
   * An owner-held WebAuthn credential (algorithm `webauthn-ES256` …; publicKey is its COSE_Key): the
   * credential id and the relying-party id its assertions are scoped to. Absent for other keys.
   */
  credential?: { id: string; rpId: string };
}

type Trustable = Pick<PublicKeyRecord, 'validFrom' | 'validTo' | 'revokedAt' | 'revocationReason'>;

/**
 * An instant's milliseconds: a string as a log writes it (with any offset) or a Date; NaN when unreadable.
 * Compared as instants, never as strings: a log entry dated `…T09:00:00-10:00` is 19:00 UTC, though as text it
 * sorts before `…T12:00:00.000Z` (a hub writing a key's entry with an offset would move its validity by hours).
 */
const ms = (d: Date | string): number => (typeof d === 'string' ? Date.parse(d) : d.getTime());

/** Within its validity period at `at` (an unreadable instant is no validity). */
export function keyValidAt(k: Trustable, at: Date | string): boolean {
  const t = ms(at);
  return ms(k.validFrom) <= t && (k.validTo === null || ms(k.validTo) > t);
}

/** Revoked at or before `at` (a revocation whose instant cannot be read counts as before). */
export function keyRevokedBy(k: Trustable, at: Date | string): boolean {
  return k.revokedAt !== null && !(ms(k.revokedAt) > ms(at));
}

/** Revoked as compromised by `now`: nothing it ever signed counts any more. */
export function keyCompromisedBy(k: Trustable, now: Date | string): boolean {
  return k.revocationReason === 'compromised' && keyRevokedBy(k, now);
}

/** Whether a signature made with `k` at `signedAt` counts when checked at `now`. */
export function keyTrustedFor(k: Trustable, signedAt: Date | string, now: Date | string): boolean {
  return keyValidAt(k, signedAt) && !keyRevokedBy(k, signedAt) && !keyCompromisedBy(k, now);
}

/**
 * Whose signing key a signature needs: a unit of an organisation, a person of one (any of its people, or
 * the one named), or the organisation itself.
 */
export type SigningKeyHolder =
  | { ownerType: 'unit'; unitId: string; organisationId: string }
  | { ownerType: 'user'; organisationId: string; userId?: string }
  | { ownerType: 'organisation'; organisationId: string };

/**
 * The one owner rule: `k` is a signing key of exactly that holder — its owner type, its owner and the
 * organisation it is filed under all agree. A key whose fields disagree (a person's key filed under no
 * organisation, a unit's key said to be the system's) is nobody's: a hub operator slipping a key row in
 * with such fields must not have it count for the owner it names, nor escape the watch of the
 * organisation (./pinned-own-keys.ts flags such keys).
 */
export function signingKeyOf(
  k: Pick<PublicKeyRecord, 'organisationId' | 'ownerType' | 'ownerId' | 'purpose'>,
  holder: SigningKeyHolder,
): boolean {
  if (k.purpose !== 'signing' || k.ownerType !== holder.ownerType || k.organisationId !== holder.organisationId) {
    return false;
  }
  switch (holder.ownerType) {
    case 'unit':
      return k.ownerId === holder.unitId;
    case 'user':
      return holder.userId === undefined || k.ownerId === holder.userId;
    case 'organisation':
      return k.ownerId === holder.organisationId;
  }
}
