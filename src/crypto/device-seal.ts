import { z } from 'zod';
import { DeviceKeyError, DEVICE_KEY_WORDS as SAID } from './errors.ts';

// Sealing for keys held on the members' own devices (issue 11, answers in device custody). Browser-safe:
// only WebCrypto (globalThis.crypto.subtle), which Node 24 and chromium both have, so the same code
// seals on the hub, opens in the browser and opens in the typed client (CLI, machine clients).
//
//   box = ECIES over P-256: a fresh ephemeral ECDH P-256 key per box, HKDF-SHA256 bound to both public
//         keys, AES-256-GCM with the caller's context (aad) and the box header authenticated.
//
// The same box carries an answer to a unit's custody key and a unit's custody key to one device.

export const DEVICE_SEAL_ALG = 'ECDH-P256-HKDF-SHA256-A256GCM';
/** The algorithm name of a custody key in the directory (`keys.algorithm`). */
export const CUSTODY_KEY_ALGORITHM = 'ECDH-P256';

export interface DeviceBox {
  v: 1;
  alg: typeof DEVICE_SEAL_ALG;
  recipientKeyId: string;
  /** The ephemeral public key, raw uncompressed point (65 bytes), base64url. */
  epk: string;
  iv: string;
  /** Ciphertext with the 16-byte GCM tag appended (WebCrypto's form). */
  ct: string;
}

// The WebCrypto types, named the same way under Node's types and the DOM's (the web's tsconfig).
type Subtle = typeof globalThis.crypto.subtle;
export type WebKey = Awaited<ReturnType<Subtle['importKey']>>;
export interface WebKeyPair {
  publicKey: WebKey;
  privateKey: WebKey;
}

const B64U = /^[A-Za-z0-9_-]*$/;

/** Node's Buffer where there is one (its base64url is native; btoa over a binary string is slow for megabytes). */
type NodeBuffer = {
  from(b: Uint8Array): { toString(encoding: 'base64url'): string };
  from(s: string, encoding: 'base64url'): Uint8Array;
};
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function bytesToB64u(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes).toString('base64url');
  // In chunks: one character per byte appended singly is slow for a file of megabytes.
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x2000) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x2000)));
  }
  return btoa(parts.join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url: only the one canonical spelling of a byte string is accepted. */
export function b64uToBytes(s: unknown, length?: number): Uint8Array | undefined {
  if (typeof s !== 'string' || !B64U.test(s) || s.length % 4 === 1) return undefined;
  let out: Uint8Array;
  if (nodeBuffer) {
    out = new Uint8Array(nodeBuffer.from(s, 'base64url'));
  } else {
    let bin: string;
    try {
      bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    } catch {
      return undefined;
    }
    out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  }
  // Strict: only the canonical spelling (Node's decoder is lenient about trailing bits).
  if (bytesToB64u(out) !== s) return undefined;
  if (length !== undefined && out.length !== length) return undefined;
  return out;
}

/** A base64url string in its one canonical spelling, of `bytes` bytes when given (a box's fields, keys). */
export const b64uSchema = (bytes?: number) =>
  z.string().refine((s) => b64uToBytes(s, bytes) !== undefined, {
    message: bytes === undefined ? 'expected base64url' : `expected ${bytes} bytes of base64url`,
  });

/** Shape and encodings of a stored or received box (openBox authenticates it). */
export const DeviceBoxSchema = z.object({
  v: z.literal(1),
  alg: z.literal(DEVICE_SEAL_ALG),
  recipientKeyId: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[A-Za-z0-9_.:-]+$/),
  epk: b64uSchema(65),
  iv: b64uSchema(12),
  ct: b64uSchema(),
});

/** A P-256 public key as the directory keeps it: the raw uncompressed point, base64url (65 bytes). */
export const DevicePublicKeySchema = b64uSchema(65);

const subtle = (): Subtle => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new DeviceKeyError('INVALID_INPUT', SAID.noWebCrypto);
  return s;
};
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const enc = new TextEncoder();
const SALT = enc.encode('shokai/v1 device-seal salt');
const INFO_PREFIX = enc.encode(`shokai/v1 device-seal ${DEVICE_SEAL_ALG}\n`);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const copy = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/** The header and the caller's context, authenticated with the ciphertext (JSON of strings: unambiguous). */
function headerAad(recipientKeyId: string, epk: string, aad: string): Uint8Array<ArrayBuffer> {
  return enc.encode(JSON.stringify(['shokai/v1 device-seal', DEVICE_SEAL_ALG, recipientKeyId, epk, aad]));
}

async function importPublic(publicKey: string): Promise<WebKey> {
  const raw = b64uToBytes(publicKey, 65);
  if (raw?.[0] !== 4) throw new DeviceKeyError('INVALID_KEY', SAID.notPublicKey);
  try {
    return await subtle().importKey('raw', copy(raw), ECDH, true, []);
  } catch (cause) {
    throw new DeviceKeyError('INVALID_KEY', SAID.notOnCurve, { cause });
  }
}

async function contentKey(
  privateKey: WebKey,
  peer: WebKey,
  epk: Uint8Array,
  recipient: Uint8Array,
  usage: 'encrypt' | 'decrypt',
): Promise<WebKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  // The info binds the key to both public keys (as HPKE's kem_context does).
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: concat(INFO_PREFIX, epk, recipient) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** A device's (or a custody key's) key pair; the private part non-extractable unless asked otherwise. */
export async function generateDeviceKeyPair(extractable = false): Promise<WebKeyPair> {
  const pair = await subtle().generateKey(ECDH, true, ['deriveBits']);
  if (extractable) return pair;
  // generateKey's flag applies to the private key only; re-import it as non-extractable.
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  const privateKey = await subtle().importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  pkcs8.fill(0);
  return { publicKey: pair.publicKey, privateKey };
}

export async function exportDevicePublicKey(key: WebKey): Promise<string> {
  return bytesToB64u(new Uint8Array(await subtle().exportKey('raw', key)));
}

/** PKCS#8 bytes of an extractable private key (a key file of a CLI client, a custody key being wrapped). */
export async function exportDevicePrivateKey(key: WebKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle().exportKey('pkcs8', key));
}

export async function importDevicePrivateKey(pkcs8: Uint8Array, extractable = false): Promise<WebKey> {
  try {
    return await subtle().importKey('pkcs8', copy(pkcs8), ECDH, extractable, ['deriveBits']);
  } catch (cause) {
    throw new DeviceKeyError('INVALID_KEY', SAID.notPrivateKey, { cause });
  }
}

/** The public key of a PKCS#8 private key (through its JWK: x and y). */
export async function publicKeyOfPrivate(pkcs8: Uint8Array): Promise<string> {
  const k = await importDevicePrivateKey(pkcs8, true);
  const jwk = await subtle().exportKey('jwk', k);
  const x = b64uToBytes(jwk.x, 32);
  const y = b64uToBytes(jwk.y, 32);
  if (!x || !y) throw new DeviceKeyError('INVALID_KEY', SAID.notPrivateKey);
  return bytesToB64u(concat(Uint8Array.of(4), x, y));
}

/** SHA-256 of the raw public key, first 16 bytes as eight groups of four hex digits (as keyFingerprint). */
export async function deviceKeyFingerprint(publicKey: string): Promise<string> {
  const raw = b64uToBytes(publicKey, 65);
  if (!raw) throw new DeviceKeyError('INVALID_KEY', SAID.notPublicKey);
  const digest = new Uint8Array(await subtle().digest('SHA-256', copy(raw)));
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.replace(/.{4}(?=.)/g, '$&:');
}

/**
 * The id of a custody key, derived from its public part (`ck_` + 32 hex digits of SHA-256), so that a
 * device can bind the wraps it makes to the key before the hub has registered it.
 */
export async function custodyKeyId(publicKey: string): Promise<string> {
  const raw = b64uToBytes(publicKey, 65);
  if (!raw) throw new DeviceKeyError('INVALID_KEY', SAID.notPublicKey);
  const digest = new Uint8Array(await subtle().digest('SHA-256', copy(raw)));
  return `ck_${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Seal bytes to a P-256 public key. `aad` (a request id, a key/device pair) must be given again to open. */
export async function sealBox(
  recipientPublicKey: string,
  recipientKeyId: string,
  plaintext: Uint8Array | string,
  aad: string,
): Promise<DeviceBox> {
  if (!/^[A-Za-z0-9_.:-]{1,256}$/.test(recipientKeyId)) {
    throw new DeviceKeyError('INVALID_INPUT', SAID.keyId);
  }
  const recipient = await importPublic(recipientPublicKey);
  const recipientRaw = b64uToBytes(recipientPublicKey, 65) as Uint8Array;
  const eph = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const epkRaw = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const key = await contentKey(eph.privateKey, recipient, epkRaw, recipientRaw, 'encrypt');
  const epk = bytesToB64u(epkRaw);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const data = typeof plaintext === 'string' ? enc.encode(plaintext) : copy(plaintext);
  const ct = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: headerAad(recipientKeyId, epk, aad) }, key, data),
  );
  return { v: 1, alg: DEVICE_SEAL_ALG, recipientKeyId, epk, iv: bytesToB64u(iv), ct: bytesToB64u(ct) };
}

const openFailed = (cause?: unknown) => new DeviceKeyError('SEAL_OPEN_FAILED', SAID.openFailed, { cause });

/**
 * Open a box with the recipient's private key (non-extractable is fine) and its public key (bound
 * into the key derivation). One error, SEAL_OPEN_FAILED, for a wrong key, a wrong aad and tampering.
 */
export async function openBox(
  recipientPrivateKey: WebKey,
  recipientPublicKey: string,
  box: unknown,
  aad: string,
): Promise<Uint8Array> {
  const parsed = DeviceBoxSchema.safeParse(box);
  const recipientRaw = b64uToBytes(recipientPublicKey, 65);
  if (!parsed.success || !recipientRaw) throw openFailed();
  const b = parsed.data;
  const epkRaw = b64uToBytes(b.epk, 65) as Uint8Array;
  try {
    const epk = await importPublic(b.epk);
    const key = await contentKey(recipientPrivateKey, epk, epkRaw, recipientRaw, 'decrypt');
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: copy(b64uToBytes(b.iv, 12) as Uint8Array),
        additionalData: headerAad(b.recipientKeyId, b.epk, aad),
      },
      key,
      copy(b64uToBytes(b.ct) as Uint8Array),
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw openFailed(cause);
  }
}

/** The context a custody key's wrap for one device is bound to: it cannot be moved to another key or device. */
export const custodyWrapAad = (keyId: string, deviceId: string) => `shokai/custody/${keyId}/device/${deviceId}`;

/** Wrap a custody key (its PKCS#8 bytes) to one enrolled device. Runs on a member's device, never on the hub. */
export function wrapCustodyKey(
  custodyPrivatePkcs8: Uint8Array,
  keyId: string,
  device: { id: string; publicKey: string },
): Promise<DeviceBox> {
  return sealBox(device.publicKey, device.id, custodyPrivatePkcs8, custodyWrapAad(keyId, device.id));
}

/**
 * The PKCS#8 bytes of a custody key wrapped to this device (to re-wrap it for another device). A wrap that
 * does not open is SEAL_OPEN_FAILED saying so: most often a device key that is not the device's own.
 */
export function unwrapCustodyKeyBytes(
  device: { id: string; publicKey: string; privateKey: WebKey },
  keyId: string,
  wrapped: unknown,
): Promise<Uint8Array> {
  return openBox(device.privateKey, device.publicKey, wrapped, custodyWrapAad(keyId, device.id)).catch((cause) => {
    throw new DeviceKeyError('SEAL_OPEN_FAILED', SAID.unwrapFailed, { cause });
  });
}

/** Refuses (INVALID_KEY, in words) a public key that is not a P-256 point: a device's, before wrapping to it. */
export async function checkDevicePublicKey(publicKey: string): Promise<void> {
  await importPublic(publicKey);
}

/** A custody key wrapped to this device, imported non-extractable to open answers. */
export async function unwrapCustodyKey(
  device: { id: string; publicKey: string; privateKey: WebKey },
  keyId: string,
  wrapped: unknown,
): Promise<WebKey> {
  const bytes = await unwrapCustodyKeyBytes(device, keyId, wrapped);
  try {
    return await importDevicePrivateKey(bytes, false);
  } finally {
    bytes.fill(0);
  }
}

/** What a re-sealing device declares of a copy: which item, its context, the key it is sealed to, the SHA-256. */
export interface ResealDeclaration {
  kind: string;
  itemId: string;
  aad: string;
  keyId: string;
  contentSha256: string;
}

/**
 * The MAC key of re-sealed copies' declarations under one custody key: HKDF of the key's agreement with
 * its own public part (d·Q). Only a holder of the private part derives it; the hub, which has the public
 * part only, cannot, so it can neither forge a declaration nor fit one to a box it sealed itself.
 */
async function declarationKey(privateKey: WebKey, publicKey: string, usage: 'sign' | 'verify'): Promise<WebKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: await importPublic(publicKey) }, privateKey, 256);
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: enc.encode('shokai/v1 reseal-declaration') },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    [usage],
  );
}

const declarationText = (d: ResealDeclaration) =>
  enc.encode(JSON.stringify(['shokai/v1 reseal-declaration', d.kind, d.itemId, d.aad, d.keyId, d.contentSha256]));

/** The tag (base64url, 32 bytes) a device holding the custody key puts on a copy's declaration. */
export async function declarationTag(privateKey: WebKey, publicKey: string, d: ResealDeclaration): Promise<string> {
  const key = await declarationKey(privateKey, publicKey, 'sign');
  return bytesToB64u(new Uint8Array(await subtle().sign('HMAC', key, declarationText(d))));
}

/** Whether `tag` was made over this declaration by a holder of the custody key (checked in constant time). */
export async function declarationHolds(
  privateKey: WebKey,
  publicKey: string,
  d: ResealDeclaration,
  tag: string,
): Promise<boolean> {
  const bytes = b64uToBytes(tag, 32);
  if (!bytes) return false;
  const key = await declarationKey(privateKey, publicKey, 'verify');
  return subtle().verify('HMAC', key, copy(bytes), declarationText(d));
}

/**
 * The key a stored box (as written, JSON) is sealed to when it is a device box; null for one sealed the
 * legacy way (to a key the hub holds), a purged one, or none. Kept beside the box (`*_key_id`, 049).
 */
export function storedBoxRecipient(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    const parsed = DeviceBoxSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.alg === DEVICE_SEAL_ALG ? parsed.data.recipientKeyId : null;
  } catch {
    return null;
  }
}
