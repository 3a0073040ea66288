// What the crypto tests do to a value to see it refused: the error they expect, and one byte changed; and a
// custody key made off the hub.
import {
  custodyKeyId,
  deviceKeyFingerprint,
  exportDevicePrivateKey,
  exportDevicePublicKey,
  generateDeviceKeyPair,
} from '../../src/crypto/device-seal.ts';
import { type CryptoErrorCode, isCryptoError } from '../../src/crypto/errors.ts';

/** For `assert.throws`: the error is the crypto module's, with `code`. */
export const isCode = (code: CryptoErrorCode) => (err: unknown) => isCryptoError(err, code);

/** A base64url value with the bits `mask` of its byte `index` flipped, encoded again (canonical base64url). */
export function flipByte(b64u: string, index = 0, mask = 0x01): string {
  const buf = Buffer.from(b64u, 'base64url');
  buf[index] = buf[index]! ^ mask;
  return buf.toString('base64url');
}

/**
 * A custody key made off the hub (by a device, or by a hub's operator posing as one): its id, public key and
 * fingerprint as a device records a key it made, and its private key as PKCS#8, to wrap to a device.
 */
export async function madeCustodyKey(): Promise<{
  id: string;
  publicKey: string;
  fingerprint: string;
  pkcs8: Uint8Array;
}> {
  const pair = await generateDeviceKeyPair(true);
  const publicKey = await exportDevicePublicKey(pair.publicKey);
  return {
    id: await custodyKeyId(publicKey),
    publicKey,
    fingerprint: await deviceKeyFingerprint(publicKey),
    pkcs8: await exportDevicePrivateKey(pair.privateKey),
  };
}
