import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SIGNATURE_PURPOSES, signCanonical, verifyCanonical } from './signatures.ts';

/**
 * A signed tree head (RFC 9162 §4.10, in this project's signing format): the audit log's Merkle tree
 * had `size` entries and root `rootHash` at `at`, signed with the audit key `keyId` under the purpose
 * 'audit.tree-head'. Anyone holding one can later ask for a consistency proof to the current head:
 * a log that was shortened or rewritten below `size` cannot give one.
 */
export const SignedTreeHeadSchema = z.strictObject({
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/, 'rootHash: 64 lower-case hex digits'),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'at: ISO-8601 UTC with milliseconds'),
  keyId: z.string().min(1).max(200),
  signature: z.string().min(1).max(200),
});
export type SignedTreeHead = z.infer<typeof SignedTreeHeadSchema>;
export type TreeHead = Pick<SignedTreeHead, 'size' | 'rootHash' | 'at'>;

function payload(h: TreeHead & { keyId: string }) {
  return { size: h.size, rootHash: h.rootHash, at: h.at, keyId: h.keyId };
}

export function signTreeHead(privateKey: string | KeyObject, keyId: string, head: TreeHead): SignedTreeHead {
  const p = payload({ ...head, keyId });
  return { ...p, signature: signCanonical(privateKey, SIGNATURE_PURPOSES.auditTreeHead, p) };
}

/** Never throws: a malformed key, head or signature is simply not valid. */
export function verifyTreeHeadSignature(publicKey: string, head: SignedTreeHead): boolean {
  return verifyCanonical(publicKey, SIGNATURE_PURPOSES.auditTreeHead, payload(head), head.signature);
}
