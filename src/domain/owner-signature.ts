import { z } from 'zod';

const B64u = z.string().min(1).max(20000);

/**
 * A signature made on the signer's own device (WebAuthn): the assertion over the digest the person
 * reviewed, with what an offline verifier needs besides the directory's credential public key. An
 * approver signs an envelope this way (v2), and a unit head a duty designation.
 */
export const WebAuthnSignatureSchema = z.strictObject({
  keyId: z.string().min(1).max(200),
  credentialId: B64u,
  authenticatorData: B64u,
  clientDataJSON: B64u,
  signature: B64u,
});
export type WebAuthnSignature = z.infer<typeof WebAuthnSignatureSchema>;

/**
 * What a person is about to sign with their own passkey: the canonical payload, the digest their
 * credential signs (the WebAuthn challenge), and the credential that must sign it (null: none held).
 */
export interface SigningPreview {
  canonical: string;
  digest: string;
  passkey: { credentialId: string; rpId: string } | null;
}
