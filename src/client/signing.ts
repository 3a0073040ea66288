import { createHash, randomBytes } from 'node:crypto';
import { sign } from '../crypto/signatures.ts';

/**
 * Machine-client request signing (a provider's own system calling the API). The client signs
 *
 *   shokai-client-v1 \n METHOD \n PATH?QUERY \n TIMESTAMP \n NONCE \n base64url(SHA-256(body))
 *
 * with its Ed25519 key and sends X-Shokai-Key (its key id), X-Shokai-Timestamp (ISO-8601, within ±5
 * minutes of the server's clock), X-Shokai-Nonce (16–128 characters [A-Za-z0-9_-], used once) and
 * X-Shokai-Signature (base64url). The server verifies the same string (src/auth/clients.ts).
 */
export function clientSigningString(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Uint8Array | string,
): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return `shokai-client-v1\n${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${digest}`;
}

export interface MachineKey {
  keyId: string;
  /** The raw Ed25519 private key, base64url (as crypto/keys.ts writes it). */
  privateKey: string;
}

/** The four headers of a signed machine request. */
export function signRequestHeaders(
  key: MachineKey,
  method: string,
  pathWithQuery: string,
  body: Uint8Array | string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = now.toISOString();
  const nonce = randomBytes(18).toString('base64url');
  return {
    'x-shokai-key': key.keyId,
    'x-shokai-timestamp': timestamp,
    'x-shokai-nonce': nonce,
    'x-shokai-signature': sign(key.privateKey, clientSigningString(method, pathWithQuery, timestamp, nonce, body)),
  };
}
