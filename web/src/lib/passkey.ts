// The person's passkey signing on their own device (WebAuthn, user verification required): what the
// approval, the warrant, the duty designation and the answer pages ask of it.
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { useState } from 'react';
import { byLocalhostName } from '#shokai/host-names';
import { shownFingerprint } from '#shokai/shown-text';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

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

/** Signs a digest with the person's own passkey when one is registered; none otherwise (the hub says why). */
export async function signIfPasskey(digest: string, passkey: PasskeyRef | null) {
  return passkey ? signDigest(digest, passkey) : undefined;
}

/**
 * The browser refused the passkey for the page's address (a `SecurityError`: the hub opened by an IP address,
 * or by a host name that is not the passkeys' relying party). The same page by the host name people reach the
 * hub on — `localhost` for a hub opened on a loopback address — or null when there is none to suggest.
 */
export function passkeyWrongHost(e: unknown): { host: string; url: string } | null {
  if (!(e instanceof Error) || e.name !== 'SecurityError') return null;
  const here = new URL(window.location.href);
  const there = byLocalhostName(here.href) ?? here;
  return { host: here.host, url: `${there.origin}${there.pathname}` };
}

/**
 * The authenticator did not complete: the person cancelled, it timed out, or this device cannot do it.
 * The pages show `passkey.cancelled` (which says exactly that) instead of the browser's own error.
 */
export function passkeyFailed(e: unknown): boolean {
  return (
    e instanceof Error && (e.name === 'NotAllowedError' || e.name === 'AbortError' || e.name === 'NotSupportedError')
  );
}

type RegisterBody = Parameters<typeof api.registerCredential>[0];

/**
 * Registers a passkey of the signed-in person on this device (the ceremony the approval, warrant and
 * answer pages offer); `pending` when it counts only once a second person confirms it.
 */
export async function registerOwnPasskey(): Promise<{ fingerprint: string; pending: boolean }> {
  const optionsJSON = (await api.credentialOptions()) as Parameters<typeof startRegistration>[0]['optionsJSON'];
  const response = await startRegistration({ optionsJSON });
  const key = await api.registerCredential({ response: response as RegisterBody['response'] });
  return { fingerprint: key.fingerprint, pending: key.confirmation.state === 'pending' };
}

/**
 * The registration as a page offers it: `register` runs the ceremony (its failure is the caller's to
 * show), and `registered` then says the key's fingerprint and whether it counts only once confirmed.
 */
export function useRegisterPasskey(): { registered: string | null; register: () => Promise<void> } {
  const { t } = useI18n();
  const [registered, setRegistered] = useState<string | null>(null);
  const register = async () => {
    const key = await registerOwnPasskey();
    setRegistered(t(key.pending ? 'passkey.pending' : 'passkey.registered', { fp: shownFingerprint(key.fingerprint) }));
  };
  return { registered, register };
}
