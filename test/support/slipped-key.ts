import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { insertKey, newKeyRow } from '../../src/directory/key.repository.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';

// What an operator with the hub's database can do behind the API: write a key row, filed as a passkey
// credential of a person of an organisation, that no person registered. The hub's next signed log carries
// it; the key watches (the installation's, `shokai directory watch`) are there to notice it.

/** The key row written: its id, public key and the fingerprint computed from it. */
export interface SlippedKeyRow {
  id: string;
  publicKey: string;
  fingerprint: string;
}

/** Writes a signing key of the operator's making for person `ownerId` of `organisationId`, valid from now. */
export async function slipPersonKey(
  ctx: AppContext,
  k: { id: string; organisationId: string; ownerId: string },
): Promise<SlippedKeyRow> {
  const publicKey = generateSigningKeyPair().publicKey;
  const fingerprint = keyFingerprint(publicKey);
  await run(ctx, (uow) =>
    insertKey(
      uow.tx,
      newKeyRow(uow.now.toISOString(), {
        id: k.id,
        organisation_id: k.organisationId,
        owner_type: 'user',
        owner_id: k.ownerId,
        purpose: 'signing',
        algorithm: 'Ed25519',
        public_key: publicKey,
        private_key_wrapped: null,
        fingerprint,
        credential_id: `cred_${k.id}`,
        rp_id: 'localhost',
      }),
    ),
  );
  return { id: k.id, publicKey, fingerprint };
}
