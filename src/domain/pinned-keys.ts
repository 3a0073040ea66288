import { publicKeyFingerprint } from '../crypto/keys.ts';
import type { PublicKeyRecord } from './key-trust.ts';

// The keys of a pinned directory log (./pinned-directory.ts): each key id once, each fingerprint the one
// computed from the public key. A hub that enters a key id again (to replace the installation key's public
// key, bring back a revoked key, swap a confirmed one) or writes a fingerprint that is not its key's (a
// slipped key showing a legitimate one) has its log refused at the pin; and what reads the keys never
// lets a later entry replace an earlier one, nor shows the written fingerprint.

// The entries as the directory's schema parsed them (./pinned-directory.ts DirectoryEntrySchema): what is
// read of its key entries, told apart by their type.
interface Entry {
  readonly type: string;
}
interface KeyEntry
  extends Entry,
    Pick<
      PublicKeyRecord,
      'id' | 'organisationId' | 'ownerType' | 'ownerId' | 'purpose' | 'algorithm' | 'publicKey' | 'fingerprint'
    > {
  type: 'key';
  at: string;
  credential: { id: string; rpId: string } | null;
}
const isKey = (e: Entry): e is KeyEntry => e.type === 'key';
const isEnded = (e: Entry): e is Entry & { type: 'key.ended'; at: string; keyId: string } => e.type === 'key.ended';
const isRevoked = (e: Entry): e is Entry & { type: 'key.revoked'; at: string; keyId: string; reason: string } =>
  e.type === 'key.revoked';

/**
 * The first key entry a pin must refuse, and why: its id is an earlier key entry's (a hub replacing the
 * installation key's public key, bringing back a revoked key, swapping a confirmed one), or its written
 * fingerprint is not its public key's (a slipped key showing a legitimate fingerprint), or it ends or
 * revokes a key a second time (`key_end_repeated`: a later `key.revoked` would otherwise turn a key
 * revoked as compromised into one revoked years from now, trusted again; a later `key.ended` would lengthen
 * a key's validity). The hub's log writes each key's end and revocation once, from the key's row, so a
 * second one is never the hub's own. Null when none.
 */
export function keyEntryProblem(
  entries: readonly Entry[],
): { reason: 'key_repeated' | 'key_fingerprint' | 'key_end_repeated'; index: number; keyId: string } | null {
  const seen = new Set<string>();
  const ended = new Set<string>();
  const revoked = new Set<string>();
  for (const [index, e] of entries.entries()) {
    for (const [is, once] of [
      [isEnded, ended],
      [isRevoked, revoked],
    ] as const) {
      if (!is(e)) continue;
      if (once.has(e.keyId)) return { reason: 'key_end_repeated', index, keyId: e.keyId };
      once.add(e.keyId);
    }
    if (!isKey(e)) continue;
    if (seen.has(e.id)) return { reason: 'key_repeated', index, keyId: e.id };
    seen.add(e.id);
    if (publicKeyFingerprint(e.publicKey) !== e.fingerprint) return { reason: 'key_fingerprint', index, keyId: e.id };
  }
  return null;
}

/**
 * The keys of a directory as key records (validity and revocation from the entries). A key id entered
 * again never replaces the first key of that id (a pin refuses such a log: keyEntryProblem), and the
 * fingerprint is computed from the public key, never taken as the log writes it.
 */
export function directoryKeys(d: { entries: readonly Entry[] }): Map<string, PublicKeyRecord> {
  const keys = new Map<string, PublicKeyRecord>();
  for (const e of d.entries) {
    if (isKey(e)) {
      if (keys.has(e.id)) continue;
      keys.set(e.id, {
        id: e.id,
        organisationId: e.organisationId,
        ownerType: e.ownerType,
        ownerId: e.ownerId,
        purpose: e.purpose,
        algorithm: e.algorithm,
        publicKey: e.publicKey,
        fingerprint: publicKeyFingerprint(e.publicKey) ?? '-',
        validFrom: e.at,
        validTo: null,
        revokedAt: null,
        revocationReason: null,
        createdAt: e.at,
        ...(e.credential ? { credential: e.credential } : {}),
      });
    } else if (isEnded(e)) {
      // the first end stands (a pin refuses a second: keyEntryProblem)
      const k = keys.get(e.keyId);
      if (k && k.validTo === null) k.validTo = e.at;
    } else if (isRevoked(e)) {
      const k = keys.get(e.keyId);
      if (k && k.revokedAt === null) {
        k.revokedAt = e.at;
        k.revocationReason = e.reason;
      }
    }
  }
  return keys;
}
