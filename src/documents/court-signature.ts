import { keyFingerprint } from '../crypto/keys.ts';
import { verifyCanonical } from '../crypto/signatures.ts';
import { credentialFingerprint, verifyWebAuthnAssertion } from '../crypto/webauthn.ts';
import { attestationDigest, unpackOwnerSignature } from '../domain/attestation.ts';
import {
  WARRANT_ATTESTATION_PURPOSE,
  type WarrantRequestContent,
  warrantAttestationPayload,
} from '../domain/request-content.ts';
import type { DocumentSigner } from './model.ts';

/**
 * Whether the court's key printed on a warrant's document verifies the warrant's attestation for the
 * agency: the judge's own passkey (`wa1.`, an assertion over the attestation digest, checked against
 * the credential's COSE key and RP id), or a court key of before (Ed25519). The key id and the printed
 * fingerprint must be the key's.
 */
export function courtSignatureVerifies(court: DocumentSigner, warrant: WarrantRequestContent, agency: string): boolean {
  const w = warrant.warrant;
  const own = unpackOwnerSignature(w.attestation.signature);
  let fingerprint = '';
  try {
    fingerprint = own ? credentialFingerprint(court.publicKey) : keyFingerprint(court.publicKey);
  } catch {
    return false; // not a key of that kind
  }
  if (court.keyId !== w.attestation.keyId || fingerprint !== court.fingerprint) return false;
  return own
    ? verifyWebAuthnAssertion(court.publicKey, court.rpId ?? '', attestationDigest(warrant, agency), {
        credentialId: '',
        ...own,
      }) === null
    : verifyCanonical(
        court.publicKey,
        WARRANT_ATTESTATION_PURPOSE,
        warrantAttestationPayload(warrant, agency),
        w.attestation.signature,
      );
}
