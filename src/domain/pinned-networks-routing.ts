import { signingKeyOf } from './key-trust.ts';
import type { DirectoryEntry } from './pinned-directory.ts';
import {
  NETWORKS_ENTRY_PROBLEMS,
  type NetworksEntry,
  type NetworksEntryProblem,
  networksSignatureVerifies,
} from './pinned-networks.ts';
import type { Bilingual } from './vocabulary.ts';

// Which `networks` entries of the pinned log an installation routes by, checked offline. The log does
// not say whether a provider's signing key is held by the provider (its installation key) or by the hub
// (a `key` entry is the same either way, and adding custody to it would rewrite every pin), so the pin
// alone cannot tell which providers must sign. What it can tell: a provider that has signed a
// declaration with a signing key of its own in the log declares from its installation. From its first
// such entry on, only entries signed by a signing key of that provider (valid at the entry, never
// revoked) count; an unsigned or badly signed one is ignored and named. A badly signed entry is ignored
// for any provider. Before its first signed entry a provider's unsigned entries count, as before.

interface PinnedKey {
  organisationId: string | null;
  ownerType: string;
  ownerId: string;
  purpose: string;
  publicKey: string;
  from: string;
  to: string | null;
  revoked: boolean;
}

// The entries of a directory already parsed (its schema checked each): not parsed again here.
type Entry = DirectoryEntry;

function pinnedKeys(entries: readonly Entry[]): Map<string, PinnedKey> {
  const keys = new Map<string, PinnedKey>();
  for (const e of entries) {
    if (e.type === 'key') {
      const { organisationId, ownerType, ownerId, purpose, publicKey, at } = e;
      keys.set(e.id, { organisationId, ownerType, ownerId, purpose, publicKey, from: at, to: null, revoked: false });
    } else if (e.type === 'key.ended' || e.type === 'key.revoked') {
      const k = keys.get(e.keyId);
      if (k && e.type === 'key.ended') k.to = e.at;
      if (k && e.type === 'key.revoked') k.revoked = true;
    }
  }
  return keys;
}

/** The provider's signing key the entry names, if the pin has it as such (whatever its validity). */
function providerKey(keys: Map<string, PinnedKey>, n: NetworksEntry): PinnedKey | null {
  const k = n.signature ? keys.get(n.signature.keyId) : undefined;
  return k && signingKeyOf(k, { ownerType: 'organisation', organisationId: n.organisationId }) ? k : null;
}

/**
 * Whether the key was valid at the instant: it had entered the log, had not ended, and was never revoked. As
 * instants, not text: the log may write an offset (`…T09:00-10:00` is later than `…T12:00Z`).
 */
function validAt(k: PinnedKey, at: string): boolean {
  const t = Date.parse(at);
  return !k.revoked && Date.parse(k.from) <= t && (k.to === null || Date.parse(k.to) > t);
}

export interface IgnoredDeclaration {
  id: string;
  organisationId: string;
  at: string;
  problem: NetworksEntryProblem;
  why: Bilingual;
}

/**
 * The declaration in force of each organisation that the installation may route by, and the entries it
 * ignored (each with why, in words): see the comment above.
 */
export function routableDeclarations(entries: readonly Entry[]): {
  inForce: Map<string, NetworksEntry>;
  ignored: IgnoredDeclaration[];
  /**
   * Each organisation's latest entry its own key's signature verifies, valid then or not (since revoked), written
   * before that key's revocation in the log: what a stolen key signs after it (any `at`) is not its own word.
   */
  lastSigned: Map<string, NetworksEntry>;
} {
  const keys = pinnedKeys(entries);
  const inForce = new Map<string, NetworksEntry>();
  const signs = new Set<string>();
  const lastSigned = new Map<string, NetworksEntry>();
  const ignored: IgnoredDeclaration[] = [];
  // The keys revoked so far, where the log reads: an entry after a key's revocation is not that key's last word.
  const revokedSoFar = new Set<string>();
  const ignore = (n: NetworksEntry, problem: NetworksEntryProblem) =>
    ignored.push({
      id: n.id,
      organisationId: n.organisationId,
      at: n.at,
      problem,
      why: NETWORKS_ENTRY_PROBLEMS[problem],
    });
  for (const n of entries) {
    if (n.type === 'key.revoked') revokedSoFar.add(n.keyId);
    if (n.type !== 'networks') continue;
    if (n.signature) {
      // Verified once: a signature by the provider's own key shows it signs (whatever the key's validity);
      // the entry counts only if that key was also valid at the entry.
      const k = providerKey(keys, n);
      const verifies = k !== null && networksSignatureVerifies(k.publicKey, n, n.signature);
      if (verifies) signs.add(n.organisationId);
      if (verifies && !revokedSoFar.has(n.signature.keyId)) lastSigned.set(n.organisationId, n);
      if (verifies && validAt(k, n.at)) inForce.set(n.organisationId, n);
      else ignore(n, 'bad_signature');
    } else if (signs.has(n.organisationId)) ignore(n, 'unsigned');
    else inForce.set(n.organisationId, n);
  }
  return { inForce, ignored, lastSigned };
}

/**
 * The domains a target's host must not read as at the door (the look-alike rule, ./deceptive-hosts.ts): those of
 * every declaration in force, and always the installation's own organisation's as its own key last signed them —
 * also when that key was revoked since, which drops the entry from routing (routing by a revoked key's word is
 * not safe; refusing a look-alike of a name the installation itself declared is). Without it, a provider whose
 * key was revoked would stop refusing look-alikes of its own domains until it declared them again.
 */
export function lookalikeGuardDomains(entries: readonly Entry[], ownOrganisationId: string): string[] {
  const { inForce, lastSigned } = routableDeclarations(entries);
  const own = inForce.get(ownOrganisationId)?.domains ?? [];
  const ownSigned = lastSigned.get(ownOrganisationId)?.domains ?? [];
  return [...[...inForce.values()].flatMap((n) => n.domains), ...ownSigned.filter((d) => !own.includes(d))];
}

/**
 * The ignored declarations newer than the one in force for their provider (all of them when none is): what the
 * installation's plan says it did not route by. As instants: an entry written `…T09:00-10:00` is newer than one at
 * `…T12:00Z`, though as text it sorts before it.
 */
export function ignoredSinceInForce(
  inForce: ReadonlyMap<string, NetworksEntry>,
  ignored: readonly IgnoredDeclaration[],
): IgnoredDeclaration[] {
  return ignored.filter(({ organisationId, at }) => {
    const routedAt = inForce.get(organisationId)?.at;
    return routedAt === undefined || Date.parse(at) > Date.parse(routedAt);
  });
}

/**
 * The monitor of a provider's own installation: every `networks` entry in its own name from when its
 * installation key entered the log on that it did not sign with that key (unsigned, signed with another
 * key, or not verifying). Entries before the key were made at the hub's pages and are not checked.
 */
export function foreignOwnDeclarations(
  entries: readonly Entry[],
  organisationId: string,
  ownKeyId: string,
): IgnoredDeclaration[] {
  const keys = pinnedKeys(entries);
  const own = keys.get(ownKeyId);
  if (!own) return [];
  const found: IgnoredDeclaration[] = [];
  for (const n of entries) {
    if (n.type !== 'networks' || n.organisationId !== organisationId) continue;
    // As instants: an entry written with an offset must not read as older than the key (and one unreadable is checked).
    if (Date.parse(n.at) < Date.parse(own.from)) continue;
    const problem: NetworksEntryProblem | null = !n.signature
      ? 'unsigned'
      : n.signature.keyId !== ownKeyId
        ? 'not_own_key'
        : networksSignatureVerifies(own.publicKey, n, n.signature)
          ? null
          : 'bad_signature';
    if (problem) {
      found.push({ id: n.id, organisationId, at: n.at, problem, why: NETWORKS_ENTRY_PROBLEMS[problem] });
    }
  }
  return found;
}
