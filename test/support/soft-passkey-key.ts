// A software passkey written straight into the keys table as a person's signing credential, as an operator
// with the hub's database (or a hub that lies) could write one, and what it signs.
import { credentialFingerprint } from '../../src/crypto/webauthn.ts';
import { challengeOf, type SoftCredential, softAssert, softPublicKey } from '../../src/demo/soft-authenticator.ts';
import { insertKey, newKeyRow } from '../../src/directory/key.repository.ts';
import { packOwnerSignature } from '../../src/domain/attestation.ts';
import type { Db } from '../../src/store/database.ts';

/**
 * Writes `credential` into the keys table as signing key `id` of person `ownerId` of organisation
 * `organisationId`, valid from `validFrom`, scoped to the credential's relying party.
 */
export async function insertSoftPasskeyKey(
  db: Db,
  validFrom: string,
  k: { id: string; organisationId: string; ownerId: string; credential: SoftCredential },
): Promise<void> {
  const publicKey = softPublicKey(k.credential);
  await insertKey(
    db,
    newKeyRow(validFrom, {
      id: k.id,
      organisation_id: k.organisationId,
      owner_type: 'user',
      owner_id: k.ownerId,
      purpose: 'signing',
      algorithm: 'webauthn-ES256',
      public_key: publicKey,
      private_key_wrapped: null,
      fingerprint: credentialFingerprint(publicKey),
      credential_id: k.credential.credentialId,
      rp_id: k.credential.rpId,
      sign_count: 0,
    }),
  );
}

/** `credential`'s packed passkey signature over `digestHex`, made in a browser at `origin`. */
export const softSignature = (credential: SoftCredential, origin: string, digestHex: string): string =>
  packOwnerSignature(softAssert(credential, challengeOf(digestHex), origin).response);
