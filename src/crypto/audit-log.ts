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
 * Merkle tree log — every stored tree node recomputed, every signed tree head checked against the root
 * recomputed at its size with a *trusted* key only, the stored head compared with the recomputed one,
 * and the unsigned tail bounded by the checkpoint policy. Streams the entries (constant memory).
 */

/** A perfect subtree hash as a store keeps it: completed when the tree reached `size` entries. */
export type StoredTreeNode = { size: number; level: number; hash: string };

/** The store's own idea of the log's end: the single head row. */
export type StoredLogHead = { seq: number; hash: string; frontier: string; signedSize: number };

export interface AuditLogSource {
  entries: Iterable<ChainedAuditEntry> | AsyncIterable<ChainedAuditEntry>;
  /** Stored nodes with after < size ≤ upTo, ordered by (size, level); may return fewer past the end. */
  nodes(after: number, upTo: number): Promise<StoredTreeNode[]> | StoredTreeNode[];
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

const NODE_PAGE = 4096;

export async function verifyAuditLog(source: AuditLogSource, options: AuditLogOptions): Promise<AuditLogVerification> {
  const stored = new Set(source.treeHeads);
  const heads = [...source.treeHeads, ...(options.knownHeads ?? [])].sort((a, b) => a.size - b.size);
  const frontier = MerkleFrontier.empty();
  let headIndex = 0;
  let headsVerified = 0;
  let latestSigned = 0;
  let buffer: StoredTreeNode[] = [];
  let bufferAt = 0;
  let fetchedUpTo = 0;

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
      if (stored.has(h)) latestSigned = Math.max(latestSigned, h.size);
      headsVerified++;
      headIndex++;
    }
    return undefined;
  };

  // The entries stream through the chain verifier; the stored nodes are paged in alongside.
  async function* withNodes(): AsyncIterable<ChainedAuditEntry> {
    for await (const e of source.entries) {
      if (typeof e.seq === 'number' && e.seq > fetchedUpTo) {
        const upTo = Math.max(e.seq, fetchedUpTo + NODE_PAGE);
        buffer = [...buffer.slice(bufferAt), ...(await source.nodes(fetchedUpTo, upTo))];
        bufferAt = 0;
        fetchedUpTo = upTo;
      }
      yield e;
    }
  }

  const onAccept = (e: ChainedAuditEntry, leaf: Buffer): AuditProblemReport | undefined => {
    const before = frontier.size === 0 ? headsUpTo(0) : undefined;
    if (before) return before;
    for (const node of frontier.append(leaf)) {
      const s = buffer[bufferAt];
      const hash = node.hash.toString('hex');
      if (!s || s.size !== node.size || s.level !== node.level || s.hash !== hash) {
        return auditProblem(e.seq, 'tree_node_mismatch', hash, s ? `${s.size}/${s.level} ${s.hash}` : 'none');
      }
      bufferAt++;
    }
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
    if (bufferAt < buffer.length) {
      const s = buffer[bufferAt] as StoredTreeNode;
      return auditProblem(s.size, 'tree_node_mismatch', 'none', `${s.size}/${s.level} ${s.hash}`);
    }
    if (size - latestSigned > options.maxUnsigned) {
      return auditProblem(size, 'unsigned_tail', String(options.maxUnsigned), String(latestSigned));
    }
    return undefined;
  };

  const trustedKey = (keyId: string): string | undefined => options.trustedKeys(keyId)[0];
  const chain = await verifyAuditChain(withNodes(), source.checkpoints, trustedKey, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}),
    onAccept,
    onEnd: async () => {
      // Nodes stored past the last entry: one more page shows whether there are any.
      const extra = await source.nodes(fetchedUpTo, Number.MAX_SAFE_INTEGER);
      buffer = [...buffer.slice(bufferAt), ...extra.slice(0, NODE_PAGE)];
      bufferAt = 0;
      return onEnd();
    },
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
