import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { type WarrantRequestContent, warrantAttestationPayload } from './request-content.ts';

// A warrant attested by the judge's own credential (WebAuthn): the digest it signs, and the assertion
// packed into the attestation's one signature string.

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
