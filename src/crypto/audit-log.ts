import {
  type AuditCheckpoint,
  type AuditProblemReport,
  type AuditVerification,
  type ChainedAuditEntry,
  type VerifyAuditOptions,
  verifyAuditChain,
} from './audit-chain.ts';
import { auditProblem } from './audit-messages.ts';
import { MerkleFrontier } from './merkle.ts';
import { type SignedTreeHead, verifyTreeHeadSignature } from './tree-head.ts';

/**
 * The whole audit log, verified offline: the hash chain (audit-chain.ts), and over the same entries the
 * Merkle tree log — the tree nodes stored with every entry recomputed, every signed tree head checked against the root
 * recomputed at its size with a *trusted* key only, the stored head compared with the recomputed one,
 * and the unsigned tail bounded by the checkpoint policy. Streams the entries (constant memory).
 */

/** The store's own idea of the log's end: the single head row. */
export type StoredLogHead = { seq: number; hash: string; frontier: string; signedSize: number };

export interface AuditLogSource {
  entries: Iterable<ChainedAuditEntry> | AsyncIterable<ChainedAuditEntry>;
  /**
   * The tree nodes stored with an entry: the hashes of the perfect subtrees its append completed, leaf
   * first (level 0, 1, …), as concatenated hex.
   */
  treeNodesOf(entry: ChainedAuditEntry): string;
  /** The signed tree heads the store keeps. */
  treeHeads: SignedTreeHead[];
  /** The chain checkpoints written before the Merkle tree log existed. */
  checkpoints: AuditCheckpoint[];
  head: StoredLogHead | undefined;
}

export interface AuditLogOptions extends Pick<VerifyAuditOptions, 'onProgress' | 'progressEvery'> {
  /**
   * The public keys trusted for a key id: empty when the key is not a trusted audit key (for instance a
   * key that exists only in the database while the audit key is pinned elsewhere).
   */
  trustedKeys: (keyId: string) => string[];
  /** At most this many entries may follow the latest signed tree head (the checkpoint policy). */
  maxUnsigned: number;
  /** Signed heads seen outside the store (receipts): each must be consistent with the log, like a stored one. */
  knownHeads?: SignedTreeHead[];
}

export type AuditLogVerification = AuditVerification & {
  /** Entries in the Merkle tree as verified, its recomputed root, and the signed tree heads verified. */
  treeSize: number;
  rootHash: string;
  treeHeads: number;
};

export async function verifyAuditLog(source: AuditLogSource, options: AuditLogOptions): Promise<AuditLogVerification> {
  const storedHeads = new Set(source.treeHeads);
  const heads = [...source.treeHeads, ...(options.knownHeads ?? [])].sort((a, b) => a.size - b.size);
  const frontier = MerkleFrontier.empty();
  let headIndex = 0;
  let headsVerified = 0;
  let latestSigned = 0;

  // A head counts only when it is signed by a trusted key; then it must match the recomputed root.
  const authentic = (h: SignedTreeHead): AuditProblemReport | undefined => {
    const keys = options.trustedKeys(h.keyId);
    if (keys.length === 0) return auditProblem(h.size, 'untrusted_tree_head_key', undefined, h.keyId);
    if (!keys.some((k) => verifyTreeHeadSignature(k, h))) return auditProblem(h.size, 'tree_head_signature_invalid');
    return undefined;
  };
  const headsUpTo = (size: number): AuditProblemReport | undefined => {
    let root: string | undefined;
    while (headIndex < heads.length && (heads[headIndex] as SignedTreeHead).size <= size) {
      const h = heads[headIndex] as SignedTreeHead;
      const problem = authentic(h);
      if (problem) return problem;
      root ??= frontier.root().toString('hex');
      if (h.size !== size || h.rootHash !== root) return auditProblem(h.size, 'tree_head_mismatch', root, h.rootHash);
      if (storedHeads.has(h)) latestSigned = Math.max(latestSigned, h.size);
      headsVerified++;
      headIndex++;
    }
    return undefined;
  };

  const onAccept = (e: ChainedAuditEntry, leaf: Buffer): AuditProblemReport | undefined => {
    const before = frontier.size === 0 ? headsUpTo(0) : undefined;
    if (before) return before;
    const nodes = frontier
      .append(leaf)
      .map((n) => n.hash.toString('hex'))
      .join('');
    const stored = source.treeNodesOf(e);
    if (stored !== nodes) return auditProblem(e.seq, 'tree_node_mismatch', nodes, stored === '' ? 'none' : stored);
    return headsUpTo(frontier.size);
  };

  const onEnd = (): AuditProblemReport | undefined => {
    const size = frontier.size;
    const last = headsUpTo(size);
    if (last) return last;
    if (headIndex < heads.length) {
      const h = heads[headIndex] as SignedTreeHead;
      return authentic(h) ?? auditProblem(h.size, 'tree_head_beyond_end', String(h.size), String(size));
    }
    const head = source.head;
    const root = frontier.root().toString('hex');
    const recomputed = `${size} ${root}`;
    if (!head) return auditProblem(size, 'head_mismatch', recomputed, 'none');
    let storedRoot: string;
    try {
      storedRoot = MerkleFrontier.parse(head.seq, head.frontier).root().toString('hex');
    } catch {
      storedRoot = '(unreadable frontier)';
    }
    if (head.seq !== size || storedRoot !== root || head.frontier !== frontier.toString()) {
      return auditProblem(size, 'head_mismatch', recomputed, `${head.seq} ${storedRoot}`);
    }
    if (head.signedSize !== latestSigned) {
      return auditProblem(size, 'tree_head_missing', String(head.signedSize), String(latestSigned));
    }
    if (size - latestSigned > options.maxUnsigned) {
      return auditProblem(size, 'unsigned_tail', String(options.maxUnsigned), String(latestSigned));
    }
    return undefined;
  };

  const trustedKey = (keyId: string): string | undefined => options.trustedKeys(keyId)[0];
  const chain = await verifyAuditChain(source.entries, source.checkpoints, trustedKey, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}),
    onAccept,
    onEnd,
  });
  return {
    ...chain,
    // Signed tree heads are this log's checkpoints; legacy chain checkpoints count as well.
    checkpoints: chain.checkpoints + headsVerified,
    treeSize: frontier.size,
    rootHash: frontier.root().toString('hex'),
    treeHeads: headsVerified,
  };
}
