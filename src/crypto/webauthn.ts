import { createHash, createPublicKey, type JsonWebKey, type KeyObject, verify as nodeVerify } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { toB64u, tryFromB64u } from './encoding.ts';
import { fingerprintOfBytes } from './keys.ts';
import { assertionContextProblem, type WebAuthnProblem } from './webauthn-checks.ts';

export { originMatchesRpId, WEBAUTHN_PROBLEMS, type WebAuthnProblem } from './webauthn-checks.ts';

// WebAuthn (passkeys, security keys) as a signature scheme a verifier can check OFFLINE: the
// credential's COSE public key (as the directory publishes it) and the relying-party id are all it
// needs. The private part lives in the owner's authenticator and never anywhere else.
//
// What the authenticator signs: authenticatorData || SHA-256(clientDataJSON), where clientDataJSON
// names the challenge. shokai's challenge is a SHA-256 digest of what the person reviewed (the
// approval digest, the attestation digest, the answer digest), so the assertion is a signature over it.

/** An assertion as it travels in an envelope (every field base64url, no padding). */
export interface WebAuthnAssertion {
  credentialId: string;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
}

/** The WebAuthn challenge for a hex SHA-256 digest: its 32 bytes in base64url. */
export function digestChallenge(digestHex: string): string {
  return toB64u(Buffer.from(digestHex, 'hex'));
}

const COSE_KTY = 1;
const COSE_ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;

/** The signature algorithm and Node public key of a COSE_Key (ES256, EdDSA/Ed25519 or RS256). */
function importCose(cose: Uint8Array): { key: KeyObject; hash: 'sha256' | null; alg: string } | undefined {
  try {
    const m = isoCBOR.decodeFirst<Map<number, unknown>>(new Uint8Array(cose));
    if (!(m instanceof Map)) return undefined;
    const kty = m.get(COSE_KTY);
    const alg = m.get(COSE_ALG);
    const b64 = (v: unknown) => (v instanceof Uint8Array ? toB64u(Buffer.from(v)) : undefined);
    if (kty === 2 && alg === -7 && m.get(CRV) === 1) {
      const x = b64(m.get(X));
      const y = b64(m.get(Y));
      if (!x || !y) return undefined;
      return {
        key: createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' }),
        hash: 'sha256',
        alg: 'ES256',
      };
    }
    if (kty === 1 && alg === -8 && m.get(CRV) === 6) {
      const x = b64(m.get(X));
      if (!x) return undefined;
      return {
        key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }),
        hash: null,
        alg: 'EdDSA',
      };
    }
    if (kty === 3 && alg === -257) {
      const n = b64(m.get(-1));
      const e = b64(m.get(-2));
      if (!n || !e) return undefined;
      return { key: createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }), hash: 'sha256', alg: 'RS256' };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * A credential public key (base64url COSE_Key) as a JSON Web Key, for verifiers without a CBOR decoder
 * (the MLAT package's plain verifier); undefined when unsupported.
 */
export function coseToJwk(publicKey: string): JsonWebKey | undefined {
  const raw = tryFromB64u(publicKey);
  return raw ? importCose(raw)?.key.export({ format: 'jwk' }) : undefined;
}

/** The COSE algorithm name of a credential public key (base64url COSE_Key), or undefined when unsupported. */
export function coseAlgorithm(publicKey: string): string | undefined {
  const raw = tryFromB64u(publicKey);
  return raw ? importCose(raw)?.alg : undefined;
}

/** The fingerprint of a credential public key: the same form as keyFingerprint, over the COSE_Key bytes. */
export function credentialFingerprint(publicKey: string): string {
  return fingerprintOfBytes(tryFromB64u(publicKey) ?? Buffer.alloc(0));
}

/**
 * Verifies a WebAuthn assertion offline: the RP id hash, user presence AND user verification, the
 * type, the challenge (the digest the person reviewed), an origin belonging to the RP id, and the
 * signature under the credential's COSE public key. Never throws on hostile input; null means valid.
 */
export function verifyWebAuthnAssertion(
  credentialPublicKey: string,
  rpId: string,
  digestHex: string,
  a: WebAuthnAssertion,
): WebAuthnProblem | null {
  const authData = tryFromB64u(a.authenticatorData);
  const clientData = tryFromB64u(a.clientDataJSON);
  const signature = tryFromB64u(a.signature);
  if (!authData || !clientData || !signature || authData.length < 37) return 'malformed';
  const cose = tryFromB64u(credentialPublicKey);
  const key = cose ? importCose(cose) : undefined;
  if (!key) return 'key';
  const rpIdHash = createHash('sha256').update(rpId, 'utf8').digest();
  const context = assertionContextProblem(authData, clientData, rpId, rpIdHash, digestHex);
  if (context) return context;
  const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
  try {
    return nodeVerify(key.hash, signed, key.key, signature) ? null : 'signature';
  } catch {
    return 'signature';
  }
}
