import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json.ts';
import { verifyCanonical } from '../crypto/signatures.ts';
import { InstantSchema } from './instant.ts';
import type { Bilingual } from './vocabulary.ts';

// The networks a provider declares it serves (address blocks, ASNs, domains), as an entry of the
// directory log (./pinned-directory.ts). Each entry is the whole declared set at `at`; a later entry of
// the same organisation supersedes it (an empty set withdraws them all). An installation that pins the
// log finds whom a communication's address belongs to from these entries, never from the hub's list.
// A provider with an installation key declares from its installation, signed with that key
// (`shokai provider networks declare`): the entry carries the signature, which anyone checks offline
// against the provider's signing key in the same log (./pinned-networks-routing.ts).

/** The purpose of a declaring provider's signature (src/crypto/signatures.ts). */
export const NETWORKS_DECLARATION_PURPOSE = 'networks.declaration';

/** The declaring provider's signature: its installation key, the instant it signed at, the signature. */
export const NetworksSignatureSchema = z.strictObject({
  keyId: z.string().min(1).max(200),
  signedAt: InstantSchema,
  value: z.string().min(1).max(200),
});
export type NetworksSignature = z.infer<typeof NetworksSignatureSchema>;

export const NetworksEntrySchema = z.strictObject({
  type: z.literal('networks'),
  at: z.string().min(1).max(40),
  id: z.string().min(1).max(200),
  organisationId: z.string().min(1).max(200),
  cidrs: z.array(z.string().max(100)).max(10_000),
  asns: z.array(z.number().int().min(0)).max(10_000),
  domains: z.array(z.string().max(300)).max(10_000),
  /** Absent on a declaration made at the hub (before an installation key, or before migration 054). */
  signature: NetworksSignatureSchema.optional(),
});
export type NetworksEntry = z.infer<typeof NetworksEntrySchema>;

/** A provider's declared set, as it signs it. */
export interface DeclaredNetworks {
  organisationId: string;
  cidrs: readonly string[];
  asns: readonly number[];
  domains: readonly string[];
}

/** What the declaring provider signs: its organisation, the whole set (normalised as the hub keeps it), when. */
export const networksDeclarationPayload = (d: DeclaredNetworks, signedAt: string) => ({
  organisationId: d.organisationId,
  cidrs: [...d.cidrs],
  asns: [...d.asns],
  domains: [...d.domains],
  signedAt,
});

/** The exact text the installation key signs (src/crypto/signatures.ts's signCanonical input). */
export const networksSigningInput = (d: DeclaredNetworks, signedAt: string): string =>
  `shokai/v1\n${NETWORKS_DECLARATION_PURPOSE}\n${canonicalJson(networksDeclarationPayload(d, signedAt))}`;

/** Whether `signature` is the provider's signature over the declared set with the public key given. */
export function networksSignatureVerifies(publicKey: string, d: DeclaredNetworks, signature: NetworksSignature) {
  return verifyCanonical(
    publicKey,
    NETWORKS_DECLARATION_PURPOSE,
    networksDeclarationPayload(d, signature.signedAt),
    signature.value,
  );
}

/**
 * The declaration in force of each organisation: its last entry in log order. The entries are the
 * networks entries of a directory already parsed (its schema checked each), so they are not parsed again.
 */
export function declarationsInForce(entries: readonly NetworksEntry[]): Map<string, NetworksEntry> {
  const latest = new Map<string, NetworksEntry>();
  for (const e of entries) latest.set(e.organisationId, e);
  return latest;
}

/** Why an entry of the log is not taken for routing, or is not one the installation signed itself. */
export const NETWORKS_ENTRY_PROBLEMS = {
  unsigned: {
    ja: '署名がありません（この事業者は設置鍵で署名した申告をしています）',
    en: 'it is not signed (this provider has declared from its installation, signed with its key)',
  },
  bad_signature: {
    ja: '署名が事業者の署名鍵で検証できません（改ざん、または別の鍵）',
    en: "its signature does not verify under the provider's signing key (altered, or another key)",
  },
  not_own_key: {
    ja: 'この設置の設置鍵で署名されていません',
    en: "it is not signed with this installation's key",
  },
} satisfies Record<string, Bilingual>;
export type NetworksEntryProblem = keyof typeof NETWORKS_ENTRY_PROBLEMS;
