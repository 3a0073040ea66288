import { b64uToBytes } from './device-seal.ts';

// A passkey's COSE_Key read without Node's modules (the browser verifies and renders with it too): the map
// itself, and the signature algorithm it names, as a document prints it beside the signer.

/** A minimal CBOR reader: enough for a COSE_Key (a map of small integers to integers and byte strings). */
export function readCoseKey(bytes: Uint8Array): Map<number, number | Uint8Array> | undefined {
  let at = 0;
  const head = (): { major: number; value: number } | undefined => {
    const b = bytes[at++];
    if (b === undefined) return undefined;
    const major = b >> 5;
    const info = b & 31;
    if (info < 24) return { major, value: info };
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
    if (size === 0 || at + size > bytes.length) return undefined;
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (bytes[at++] ?? 0);
    return { major, value };
  };
  const item = (): number | Uint8Array | undefined => {
    const h = head();
    if (!h) return undefined;
    if (h.major === 0) return h.value;
    if (h.major === 1) return -1 - h.value;
    if (h.major === 2) {
      if (at + h.value > bytes.length) return undefined;
      const out = bytes.slice(at, at + h.value);
      at += h.value;
      return out;
    }
    return undefined;
  };
  const top = head();
  if (top?.major !== 5 || top.value > 20) return undefined;
  const m = new Map<number, number | Uint8Array>();
  for (let i = 0; i < top.value; i++) {
    const k = item();
    const v = item();
    if (typeof k !== 'number' || v === undefined) return undefined;
    m.set(k, v);
  }
  return m;
}

/** The signature algorithm a COSE_Key names: ES256 (ECDSA P-256), EdDSA (Ed25519) or RS256; undefined otherwise. */
export function coseKeyAlgorithm(publicKey: string): 'ES256' | 'EdDSA' | 'RS256' | undefined {
  const bytes = b64uToBytes(publicKey);
  const m = bytes ? readCoseKey(bytes) : undefined;
  if (!m) return undefined;
  const kty = m.get(1);
  const alg = m.get(3);
  if (kty === 2 && alg === -7 && m.get(-1) === 1) return 'ES256';
  if (kty === 1 && alg === -8 && m.get(-1) === 6) return 'EdDSA';
  if (kty === 3 && alg === -257) return 'RS256';
  return undefined;
}
