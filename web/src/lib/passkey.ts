// The person's passkey signing on their own device (WebAuthn, user verification required): what the
// approval, the warrant, the duty designation and the answer pages ask of it.
import { startAuthentication } from '@simplewebauthn/browser';

export type PasskeyRef = { credentialId: string; rpId: string };

/** A hex SHA-256 digest as a WebAuthn challenge: its 32 bytes in base64url. */
export function hexToB64u(hex: string): string {
  const bytes = hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? [];
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The passkey's assertion over `challenge` (base64url). */
export function passkeyAssertion(challenge: string, passkey: PasskeyRef) {
  return startAuthentication({
    optionsJSON: {
      challenge,
      rpId: passkey.rpId,
      allowCredentials: [{ id: passkey.credentialId, type: 'public-key' }],
      userVerification: 'required',
      timeout: 120_000,
    },
  });
}

/** The passkey's assertion over a hex digest (what the person reviewed). */
export function signDigest(digest: string, passkey: PasskeyRef) {
  return passkeyAssertion(hexToB64u(digest), passkey);
}
