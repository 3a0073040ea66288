import { type KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { canonicalJson } from './canonical.ts';
import { toB64u, toBytes, tryFromB64u } from './encoding.ts';
import { CryptoError } from './errors.ts';
import { importPrivateKey, tryImportPublicKey } from './keys.ts';

/**
 * Purposes the project signs for. `signCanonical` accepts any string matching PURPOSE_PATTERN, but
 * using these names keeps the set of domains visible in one place (docs/security.md lists them).
 */
export const SIGNATURE_PURPOSES = {
  /** A request as approved by the unit head (所属長). */
  requestApproval: 'request.approval',
  /** A request as issued by the unit. */
  requestUnit: 'request.unit',
  /** A duty approver's designation, as signed by the designating unit head (hub-held key, v1). */
  dutyDesignation: 'duty.designation',
  /** An answer as signed by the provider. */
  answer: 'answer',
  /** A provision notice's body as signed by the content provider (inside the box to the access provider). */
  provisionNotice: 'provision-notice',
  /** A signed audit-log checkpoint (the hash chain's head; written before the Merkle tree log). */
  auditCheckpoint: 'audit.checkpoint',
  /** A signed tree head of the audit log's Merkle tree (RFC 9162 style). */
  auditTreeHead: 'audit.tree-head',
} as const;

/** Lower-case ASCII words separated by '.', '-' or '_': no newline can end up inside a prefix. */
export const PURPOSE_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const DOMAIN = 'shokai/v1\n';

function assertPurpose(purpose: string): void {
  if (typeof purpose !== 'string' || purpose.length > 64 || !PURPOSE_PATTERN.test(purpose)) {
    throw new CryptoError('INVALID_PURPOSE', `invalid signature purpose ${JSON.stringify(purpose)}`);
  }
}

/** The exact bytes signed by signCanonical: "shokai/v1\n" + purpose + "\n" + RFC 8785 JSON. */
export function canonicalSigningInput(purpose: string, value: unknown): Buffer {
  assertPurpose(purpose);
  return Buffer.from(`${DOMAIN}${purpose}\n${canonicalJson(value)}`, 'utf8');
}

/**
 * Ed25519 signature (base64url, 64 bytes) over raw bytes; strings are signed as UTF-8. The key is a
 * PKCS#8 base64url string (imported for this one signature) or a KeyObject a long-lived signer holds.
 */
export function sign(privateKey: string | KeyObject, message: Uint8Array | string): string {
  const key = typeof privateKey === 'string' ? importPrivateKey('ed25519', privateKey) : privateKey;
  return toB64u(nodeSign(null, toBytes(message), key));
}

/**
 * Verify an Ed25519 signature. Never throws on malformed input: a key that is not a 32-byte Ed25519
 * key, or a signature that is not exactly 64 bytes of canonical base64url, yields false.
 */
export function verify(publicKey: string, message: Uint8Array | string, signature: string): boolean {
  const key = tryImportPublicKey('ed25519', publicKey);
  if (key === undefined) return false;
  const sig = tryFromB64u(signature, 64);
  if (sig === undefined) return false;
  try {
    return nodeVerify(null, toBytes(message), key, sig);
  } catch {
    return false;
  }
}

/**
 * Sign a JSON value under a purpose (domain separation): a signature made for one purpose never
 * verifies for another, so a signed request cannot be replayed as an answer or a checkpoint.
 */
export function signCanonical(privateKey: string | KeyObject, purpose: string, value: unknown): string {
  return sign(privateKey, canonicalSigningInput(purpose, value));
}

/**
 * Verify a signCanonical signature. Throws INVALID_PURPOSE for an invalid purpose (a programming
 * error); returns false for a bad key or signature, and also for a value that cannot be
 * canonicalised (e.g. a lone surrogate in untrusted JSON), since nothing valid can have signed it.
 */
export function verifyCanonical(publicKey: string, purpose: string, value: unknown, signature: string): boolean {
  assertPurpose(purpose);
  let input: Buffer;
  try {
    input = canonicalSigningInput(purpose, value);
  } catch {
    return false;
  }
  return verify(publicKey, input, signature);
}
