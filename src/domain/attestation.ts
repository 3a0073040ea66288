import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { keyRevokedBy, keyValidAt, type PublicKeyRecord, signingKeyOf } from './key-trust.ts';
import { type WarrantRequestContent, warrantAttestationPayload } from './request-content.ts';
import type { Bilingual } from './vocabulary.ts';

// A warrant attested by the judge's own credential (WebAuthn): the digest it signs, and the assertion
// packed into the attestation's one signature string; the check of a judge's signature in that form
// (a warrant's attestation, a disclosure order).

/** The digest a judge's own credential signs (the WebAuthn challenge): SHA-256 of the canonical payload. */
export function attestationDigest(content: WarrantRequestContent, agencyOrganisationId: string): string {
  return sha256Hex(canonicalJson(warrantAttestationPayload(content, agencyOrganisationId)));
}

/** A judge credential's assertion packed into the attestation's one signature string, and back. */
export function packOwnerSignature(a: {
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
}): string {
  return `wa1.${a.authenticatorData}.${a.clientDataJSON}.${a.signature}`;
}
export function unpackOwnerSignature(
  s: string,
): { authenticatorData: string; clientDataJSON: string; signature: string } | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts[0] !== 'wa1') return undefined;
  const [, authenticatorData = '', clientDataJSON = '', signature = ''] = parts;
  return { authenticatorData, clientDataJSON, signature };
}

/** The assertion of an owner-held credential over a digest (./verification.ts checks it with WebAuthn). */
export type OwnerCheck = (
  key: PublicKeyRecord,
  digestHex: string,
  sig: { credentialId: string; authenticatorData: string; clientDataJSON: string; signature: string },
) => boolean;

/**
 * Whether a judge's own credential made a packed signature over `digestHex`: the key is a signing key
 * of a user of the court, valid and not revoked at `at` (UTC ISO), and its assertion verifies.
 * `verifyOwner` is passed in so this module stays free of the WebAuthn verifier (the browser uses it).
 */
export function judgeSignatureVerifies(
  key: PublicKeyRecord,
  courtOrganisationId: string,
  at: string,
  digestHex: string,
  own: NonNullable<ReturnType<typeof unpackOwnerSignature>>,
  verifyOwner: OwnerCheck,
): boolean {
  return (
    signingKeyOf(key, { ownerType: 'user', organisationId: courtOrganisationId }) &&
    keyValidAt(key, at) &&
    !keyRevokedBy(key, at) &&
    verifyOwner(key, digestHex, { credentialId: key.credential?.id ?? '', ...own })
  );
}

/**
 * Whether a judge's signature over an order (a disclosure order, an ancillary order) verifies: the key
 * is the one named, a judge's own credential of the order's court, valid and not revoked when the order
 * was made, and its packed assertion signs `digestHex`.
 */
export function judgeOrderVerifies(
  order: { courtOrganisationId: string; orderedAt: string },
  digestHex: string,
  attestation: { keyId: string; signature: string },
  judgeKey: PublicKeyRecord | undefined,
  verifyOwner: OwnerCheck,
): boolean {
  if (!judgeKey || judgeKey.id !== attestation.keyId) return false;
  const own = unpackOwnerSignature(attestation.signature);
  const at = new Date(order.orderedAt);
  if (!own || Number.isNaN(at.getTime())) return false;
  return judgeSignatureVerifies(judgeKey, order.courtOrganisationId, at.toISOString(), digestHex, own, verifyOwner);
}

/** The court a warrant names, by its directory name, and the judge whose own credential attested it. */
export interface AttestingCourt {
  name: Bilingual;
  judge: string | null;
}

/**
 * The words of a warrant that verifies: who attested it — the court by its name in the directory, and the
 * judge when the judge's own credential signed — so the provider reads whose signature it checked.
 */
export function warrantAttested(warrantNumber: string, court: AttestingCourt | undefined): Bilingual {
  if (!court) {
    return {
      ja: `裁判所の電子署名は有効です（令状番号 ${warrantNumber}）`,
      en: `the court's attestation is valid (warrant ${warrantNumber})`,
    };
  }
  // The judge by the name the directory lists (it may carry the title: 裁判官 山本).
  const by = court.judge
    ? { ja: `${court.name.ja}（${court.judge}）`, en: `${court.name.en} (${court.judge})` }
    : court.name;
  return {
    ja: `${by.ja}の電子署名は有効です（令状番号 ${warrantNumber}）`,
    en: `the attestation by ${by.en} is valid (warrant ${warrantNumber})`,
  };
}

/** Why the hub refuses a judge's signature whose signer was no judge then, naming what was signed (`what`). */
export function hubNotJudgeMessage(what: Bilingual): Bilingual {
  return {
    ja: `${what.ja}に署名した者は、署名した時点でその裁判所の裁判官ではありませんでした（ハブの記録）`,
    en: `the signer of ${what.en} was not a judge of the court at the time of signing (as the hub records)`,
  };
}
