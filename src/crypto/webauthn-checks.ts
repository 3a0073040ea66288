// The checks of a WebAuthn assertion that need no signature primitive, in one place for both verifiers:
// the hub's (src/crypto/webauthn.ts, node:crypto) and the browser's (src/client/webauthn-verify.ts,
// WebCrypto). Browser-safe: no Node module.
import { bytesToB64u } from './device-seal.ts';

/** Why an assertion does not verify: a closed list, for the reasons shown to people. */
export const WEBAUTHN_PROBLEMS = [
  'malformed',
  'key',
  'rp_id',
  'user_presence',
  'user_verification',
  'type',
  'challenge',
  'origin',
  'signature',
] as const;
export type WebAuthnProblem = (typeof WEBAUTHN_PROBLEMS)[number];

/** An origin a browser may have used for this RP id: https on the id or a subdomain, http only on localhost. */
export function originMatchesRpId(origin: string, rpId: string): boolean {
  try {
    const u = new URL(origin);
    const hostOk = u.hostname === rpId || u.hostname.endsWith(`.${rpId}`);
    return hostOk && (u.protocol === 'https:' || (u.protocol === 'http:' && u.hostname === 'localhost'));
  } catch {
    return false;
  }
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

/**
 * Everything but the signature, in the order both verifiers report it: the RP id hash (`rpIdHash`, the
 * SHA-256 of `rpId`), user presence AND user verification, the type, the challenge (the digest the
 * person reviewed) and an origin belonging to the RP id. Null when all hold.
 */
export function assertionContextProblem(
  authData: Uint8Array,
  clientDataJSON: Uint8Array,
  rpId: string,
  rpIdHash: Uint8Array,
  digestHex: string,
): WebAuthnProblem | null {
  if (!sameBytes(rpIdHash, authData.subarray(0, 32))) return 'rp_id';
  const flags = authData[32] ?? 0;
  if (!(flags & FLAG_UP)) return 'user_presence';
  if (!(flags & FLAG_UV)) return 'user_verification';
  let parsed: { type?: unknown; challenge?: unknown; origin?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(clientDataJSON)) as typeof parsed;
  } catch {
    return 'malformed';
  }
  if (parsed.type !== 'webauthn.get') return 'type';
  if (!/^[0-9a-f]{64}$/.test(digestHex) || parsed.challenge !== bytesToB64u(hexToBytes(digestHex))) return 'challenge';
  if (typeof parsed.origin !== 'string' || !originMatchesRpId(parsed.origin, rpId)) return 'origin';
  return null;
}
