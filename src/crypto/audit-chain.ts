import { createHash, type KeyObject } from 'node:crypto';
import { type AuditProblemReport, auditProblem } from './audit-messages.ts';
import { canonicalJson } from './canonical.ts';
import { CryptoError } from './errors.ts';
import { leafHash } from './merkle.ts';

export type { AuditProblem, AuditProblemReport } from './audit-messages.ts';

import { SIGNATURE_PURPOSES, signCanonical, verifyCanonical } from './signatures.ts';

/**
 * The tamper-evident audit log. Each entry's hash covers its content and the previous entry's hash,
 * so changing, removing or reordering any entry breaks every later link; checkpoints (the head hash
 * at some seq, signed with an audit key) pin the chain so that recomputing it, or truncating its
 * tail, is detected as well. Sequence numbers start at 1; the first entry's prevHash is GENESIS_HASH.
 */
export type AuditEntryContent = {
  seq: number;
  /** ISO-8601 UTC with milliseconds, as Date.prototype.toISOString() prints it. */
  at: string;
  actorType: string;
  actorId: string | null;
  organisationId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Any JSON value (RFC 8785-canonicalisable); undefined is hashed as null. */
  details: unknown;
};

export type ChainedAuditEntry = AuditEntryContent & { prevHash: string; hash: string };

export type AuditCheckpoint = { seq: number; at: string; headHash: string; keyId: string; signature: string };

export type AuditVerification = {
  ok: boolean;
  /** Entries read and verified before the first problem (all of them when ok). */
  entries: number;
  /** Checkpoints verified (before the first problem). */
  checkpoints: number;
  /** Hash of the last verified entry (GENESIS_HASH for an empty log). */
  headHash: string;
  /**
   * The first problem. Everything with a sequence number below `seq` is verified intact. For entry
   * problems `seq` is the position where the expected entry was missing, out of place or altered;
   * for checkpoint problems it is the checkpoint's seq.
   */
  firstBad?: AuditProblemReport;
};

export const GENESIS_HASH = '0'.repeat(64);

const ENTRY_DOMAIN = 'shokai/v1 audit-entry\n';
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The content as it is hashed and stored: absent ids and details are null. */
function normalised(c: AuditEntryContent): AuditEntryContent {
  return {
    seq: c.seq,
    at: c.at,
    actorType: c.actorType,
    actorId: c.actorId ?? null,
    organisationId: c.organisationId ?? null,
    action: c.action,
    subjectType: c.subjectType,
    subjectId: c.subjectId ?? null,
    details: c.details === undefined ? null : c.details,
  };
}

/** Only the listed fields are hashed, so extra columns a store adds (ids, indexes) never matter. */
export function hashedFields(prevHash: string, c: AuditEntryContent): Record<string, unknown> {
  return { prevHash, ...normalised(c) };
}

/**
 * The canonical JSON that entryHash hashes: RFC 8785 of hashedFields(prevHash, content). The
 * top-level keys are fixed, so they are written in their (already sorted) canonical order directly
 * rather than sorted per entry: verification of a long log spends its time here. A test asserts the
 * result equals canonicalJson(hashedFields(...)).
 */
export function entryCanonicalJson(prevHash: string, c: AuditEntryContent): string {
  return (
    `{"action":${canonicalJson(c.action)}` +
    `,"actorId":${canonicalJson(c.actorId ?? null)}` +
    `,"actorType":${canonicalJson(c.actorType)}` +
    `,"at":${canonicalJson(c.at)}` +
    `,"details":${canonicalJson(c.details === undefined ? null : c.details)}` +
    `,"organisationId":${canonicalJson(c.organisationId ?? null)}` +
    `,"prevHash":${canonicalJson(prevHash)}` +
    `,"seq":${canonicalJson(c.seq)}` +
    `,"subjectId":${canonicalJson(c.subjectId ?? null)}` +
    `,"subjectType":${canonicalJson(c.subjectType)}}`
  );
}

/** SHA-256 hex over "shokai/v1 audit-entry\n" + RFC 8785 JSON of { prevHash, ...content }. */
export function entryHash(prevHash: string, content: AuditEntryContent): string {
  return createHash('sha256').update(ENTRY_DOMAIN).update(entryCanonicalJson(prevHash, content)).digest('hex');
}

/**
 * The entry's chain hash and its Merkle leaf hash (RFC 9162: H(0x00 || entry)), over the same bytes:
 * "shokai/v1 audit-entry\n" + RFC 8785 JSON of { prevHash, ...content }. One canonicalisation for both.
 */
export function entryDigests(prevHash: string, content: AuditEntryContent): { hash: string; leaf: Buffer } {
  const bytes = ENTRY_DOMAIN + entryCanonicalJson(prevHash, content);
  return { hash: createHash('sha256').update(bytes).digest('hex'), leaf: leafHash(bytes) };
}

/**
 * Build the next entry. Validates what a verifier will later rely on (so a bad row is refused at
 * write time rather than discovered at audit time): positive integer seq, ISO UTC `at` with ms,
 * a 64-hex prevHash, canonicalisable details.
 */
export function chainEntry(prevHash: string, content: AuditEntryContent): ChainedAuditEntry {
  return chainEntryWithLeaf(prevHash, content).entry;
}

/** chainEntry, and the entry's Merkle leaf hash. */
export function chainEntryWithLeaf(
  prevHash: string,
  content: AuditEntryContent,
): { entry: ChainedAuditEntry; leaf: Buffer } {
  if (!HEX64.test(prevHash)) throw new CryptoError('INVALID_INPUT', 'prevHash must be 64 lower-case hex digits');
  if (!Number.isSafeInteger(content.seq) || content.seq < 1) {
    throw new CryptoError('INVALID_INPUT', `audit seq must be a positive integer, got ${String(content.seq)}`);
  }
  if (typeof content.at !== 'string' || !ISO_UTC_MS.test(content.at)) {
    throw new CryptoError(
      'INVALID_INPUT',
      `audit time must be ISO-8601 UTC with milliseconds, got ${String(content.at)}`,
    );
  }
  const entry = normalised(content);
  const { hash, leaf } = entryDigests(prevHash, entry);
  return { entry: { ...entry, prevHash, hash }, leaf };
}

function checkpointPayload(cp: { seq: number; at: string; headHash: string; keyId: string }) {
  return { seq: cp.seq, at: cp.at, headHash: cp.headHash, keyId: cp.keyId };
}

/** Sign the head of the log at `seq` (purpose 'audit.checkpoint'). */
export function signCheckpoint(
  privateKey: string | KeyObject,
  keyId: string,
  seq: number,
  at: string,
  headHash: string,
): AuditCheckpoint {
  const payload = { seq, at, headHash, keyId };
  return { ...payload, signature: signCanonical(privateKey, SIGNATURE_PURPOSES.auditCheckpoint, payload) };
}

export function verifyCheckpointSignature(publicKey: string, cp: AuditCheckpoint): boolean {
  return verifyCanonical(publicKey, SIGNATURE_PURPOSES.auditCheckpoint, checkpointPayload(cp), cp.signature);
}

export type VerifyAuditOptions = {
  /** Called every `progressEvery` entries (default 10 000) with the count so far. */
  onProgress?: (entries: number) => void;
  progressEvery?: number;
  /** Called for each entry once its sequence, link and hash are verified, with its Merkle leaf hash. */
  onAccept?: (entry: ChainedAuditEntry, leaf: Buffer) => AuditProblemReport | undefined;
  /** Called once every entry and checkpoint is verified: the last checks of a caller (the log's end). */
  onEnd?: () => AuditProblemReport | undefined | Promise<AuditProblemReport | undefined>;
};

type Bad = AuditProblemReport;
const bad = auditProblem;

/**
 * Streams entries (constant memory, any length) in the order the store returns them — which must be
 * ascending seq — and checks sequence, links, hashes and every checkpoint. Stops at the first
 * problem. `resolveKey` maps a checkpoint keyId to a raw base64url Ed25519 public key, or undefined
 * if the directory does not know it (it should also return undefined for a key that was not valid
 * at the checkpoint's time).
 */
export async function verifyAuditChain(
  entries: Iterable<ChainedAuditEntry> | AsyncIterable<ChainedAuditEntry>,
  checkpoints: AuditCheckpoint[],
  resolveKey: (keyId: string) => string | undefined,
  options: VerifyAuditOptions = {},
): Promise<AuditVerification> {
  const cps = [...checkpoints].sort((a, b) => a.seq - b.seq);
  let cpIndex = 0;
  let cpVerified = 0;
  let count = 0;
  let head = GENESIS_HASH;
  let lastSeq = 0;
  // An entry that arrived one position early is held back to tell a gap from a swap.
  let heldBack: ChainedAuditEntry | undefined;
  const every = Math.max(1, options.progressEvery ?? 10_000);

  const result = (firstBad?: Bad): AuditVerification => {
    const out: AuditVerification = {
      ok: firstBad === undefined,
      entries: count,
      checkpoints: cpVerified,
      headHash: head,
    };
    if (firstBad !== undefined) out.firstBad = firstBad;
    return out;
  };

  // Checkpoints at or before `seq` (whose head is now `head`) are checked.
  const checkCheckpointsUpTo = (seq: number): Bad | undefined => {
    for (let cp = cps[cpIndex]; cp !== undefined; cp = cps[cpIndex]) {
      if (cp.seq > seq) return undefined;
      const pub = resolveKey(cp.keyId);
      if (pub === undefined) return bad(cp.seq, 'unknown_checkpoint_key', undefined, cp.keyId);
      if (!verifyCheckpointSignature(pub, cp)) return bad(cp.seq, 'checkpoint_signature_invalid');
      // A checkpoint must sit exactly on an entry; seq < 1 or a non-integer can never match.
      if (cp.seq !== seq || cp.headHash !== head) return bad(cp.seq, 'checkpoint_mismatch', head, cp.headHash);
      cpVerified++;
      cpIndex++;
    }
    return undefined;
  };

  const accept = (e: ChainedAuditEntry): Bad | undefined => {
    const expectedSeq = lastSeq + 1;
    if (e.prevHash !== head) return bad(expectedSeq, 'prev_hash_mismatch', head, String(e.prevHash));
    let computed: { hash: string; leaf: Buffer };
    try {
      computed = entryDigests(e.prevHash, e);
    } catch {
      return bad(expectedSeq, 'hash_mismatch', '(not canonicalisable)', String(e.hash));
    }
    if (computed.hash !== e.hash) return bad(expectedSeq, 'hash_mismatch', computed.hash, String(e.hash));
    head = e.hash;
    lastSeq = e.seq;
    count++;
    if (count % every === 0) options.onProgress?.(count);
    return checkCheckpointsUpTo(lastSeq) ?? options.onAccept?.(e, computed.leaf);
  };

  // Returns a problem, or undefined when the entry was accepted or held back.
  const step = (e: ChainedAuditEntry): Bad | undefined => {
    const expectedSeq = lastSeq + 1;
    if (heldBack !== undefined) {
      const early = heldBack;
      heldBack = undefined;
      if (e.seq === expectedSeq) {
        return bad(expectedSeq, 'sequence_reordered', String(expectedSeq), String(early.seq));
      }
      return bad(expectedSeq, 'sequence_gap', String(expectedSeq), String(early.seq));
    }
    if (typeof e.seq !== 'number' || !Number.isSafeInteger(e.seq)) {
      return bad(expectedSeq, 'sequence_gap', String(expectedSeq), String(e.seq));
    }
    if (e.seq === expectedSeq) return accept(e);
    if (e.seq < expectedSeq) return bad(expectedSeq, 'sequence_reordered', String(expectedSeq), String(e.seq));
    heldBack = e;
    return undefined;
  };

  if (Symbol.asyncIterator in entries) {
    for await (const e of entries) {
      const problem = step(e);
      if (problem !== undefined) return result(problem);
    }
  } else {
    for (const e of entries) {
      const problem = step(e);
      if (problem !== undefined) return result(problem);
    }
  }
  if (heldBack !== undefined) {
    const expectedSeq = lastSeq + 1;
    return result(bad(expectedSeq, 'sequence_gap', String(expectedSeq), String(heldBack.seq)));
  }
  const pending = checkCheckpointsUpTo(lastSeq);
  if (pending !== undefined) return result(pending);
  const cp = cps[cpIndex];
  if (cp !== undefined) {
    // Truncation is only proven by a checkpoint that is itself authentic.
    const pub = resolveKey(cp.keyId);
    if (pub === undefined) return result(bad(cp.seq, 'unknown_checkpoint_key', undefined, cp.keyId));
    if (!verifyCheckpointSignature(pub, cp)) return result(bad(cp.seq, 'checkpoint_signature_invalid'));
    return result(bad(cp.seq, 'checkpoint_beyond_end', String(cp.seq), String(lastSeq)));
  }
  return result(await options.onEnd?.());
}
