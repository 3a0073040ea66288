// A WebAuthn assertion checked OFFLINE with WebCrypto only (browser-safe): the investigator's browser
// and the typed client verify a provider officer's passkey signature inside an answer without the hub.
// The checks without a key are shared with the hub's verifier (src/crypto/webauthn-checks.ts); here, the
// signature under the credential's COSE public key (ES256 or EdDSA) is checked with WebCrypto.
import { readCoseKey } from '../crypto/cose-key.ts';
import { b64uToBytes } from '../crypto/device-seal.ts';
import { assertionContextProblem, type WebAuthnProblem } from '../crypto/webauthn-checks.ts';

type Subtle = typeof globalThis.crypto.subtle;
const subtle = (): Subtle => globalThis.crypto.subtle;
const enc = new TextEncoder();

async function importCose(cose: Uint8Array): Promise<{ key: CryptoKeyLike; alg: 'ES256' | 'EdDSA' } | undefined> {
  const m = readCoseKey(cose);
  if (!m) return undefined;
  const x = m.get(-2);
  try {
    if (m.get(1) === 2 && m.get(3) === -7 && m.get(-1) === 1) {
      const y = m.get(-3);
      if (!(x instanceof Uint8Array) || !(y instanceof Uint8Array) || x.length !== 32 || y.length !== 32) return;
      const raw = new Uint8Array(65);
      raw[0] = 4;
      raw.set(x, 1);
      raw.set(y, 33);
      const key = await subtle().importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      return { key, alg: 'ES256' };
    }
    if (m.get(1) === 1 && m.get(3) === -8 && m.get(-1) === 6) {
      if (!(x instanceof Uint8Array) || x.length !== 32) return undefined;
      return { key: await subtle().importKey('raw', new Uint8Array(x), 'Ed25519', false, ['verify']), alg: 'EdDSA' };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
type CryptoKeyLike = Awaited<ReturnType<Subtle['importKey']>>;

/** An ECDSA signature in DER (as WebAuthn gives it) as the raw r||s WebCrypto verifies. */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (der[0] !== 0x30) return undefined;
  let at = 2;
  const out = new Uint8Array(64);
  for (let part = 0; part < 2; part++) {
    if (der[at] !== 0x02) return undefined;
    const len = der[at + 1] ?? 0;
    let v = der.slice(at + 2, at + 2 + len);
    at += 2 + len;
    while (v.length > 32 && v[0] === 0) v = v.slice(1);
    if (v.length > 32) return undefined;
    out.set(v, part * 32 + (32 - v.length));
  }
  return out;
}

/** Verifies an assertion over `digestHex` by the credential (COSE_Key, base64url); null means valid. */
export async function verifyAssertionOffline(
  credentialPublicKey: string,
  rpId: string,
  digestHex: string,
  a: { authenticatorData: string; clientDataJSON: string; signature: string },
): Promise<WebAuthnProblem | null> {
  const authData = b64uToBytes(a.authenticatorData);
  const clientData = b64uToBytes(a.clientDataJSON);
  const signature = b64uToBytes(a.signature);
  if (!authData || !clientData || !signature || authData.length < 37) return 'malformed';
  const cose = b64uToBytes(credentialPublicKey);
  const key = cose ? await importCose(cose) : undefined;
  if (!key) return 'key';
  const rpIdHash = new Uint8Array(await subtle().digest('SHA-256', enc.encode(rpId)));
  const context = assertionContextProblem(authData, clientData, rpId, rpIdHash, digestHex);
  if (context) return context;
  const cdHash = new Uint8Array(await subtle().digest('SHA-256', new Uint8Array(clientData)));
  const signed = new Uint8Array(authData.length + 32);
  signed.set(authData);
  signed.set(cdHash, authData.length);
  try {
    const ok =
      key.alg === 'ES256'
        ? await (async () => {
            const raw = derToRaw(signature);
            return !!raw && subtle().verify({ name: 'ECDSA', hash: 'SHA-256' }, key.key, raw, signed);
          })()
        : await subtle().verify('Ed25519', key.key, new Uint8Array(signature), signed);
    return ok ? null : 'signature';
  } catch {
    return 'signature';
  }
}
