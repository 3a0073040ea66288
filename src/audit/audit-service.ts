import type { AuditCheckpoint, ChainedAuditEntry } from '../crypto/audit-chain.ts';
import { type AuditLogVerification, verifyAuditLog } from '../crypto/audit-log.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { consistencyPlan } from '../crypto/merkle.ts';
import type { SignedTreeHead } from '../crypto/tree-head.ts';
import { keyById, systemSigningKeys } from '../directory/key.repository.ts';
import { type Caller, type Principal, requirePermission } from '../domain/access.ts';
import { keyTrustedFor } from '../domain/key-trust.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import type { Db, Tx } from '../store/database.ts';
import {
  auditEntriesAfter,
  latestTreeHead,
  listCheckpoints,
  listTreeHeads,
  runOverStoredNodes,
  signTreeHeadNow,
  storedLogHead,
} from './audit.repository.ts';
import { type AuditSigner, TREE_HEAD_EVERY, TREE_HEAD_MAX_AGE_MS } from './events.ts';
import { type ExpectedKey, expectedKeyMatches } from './key-pin.ts';

const PAGE = 5000;

/** The entries in order, each remembered with its stored tree nodes until the verifier has read them. */
function entriesOf(db: Db | Tx): {
  entries: AsyncIterable<ChainedAuditEntry>;
  treeNodesOf(e: ChainedAuditEntry): string;
} {
  const nodes = new WeakMap<ChainedAuditEntry, string>();
  async function* entries(): AsyncIterable<ChainedAuditEntry> {
    // Keyset paging on seq: the verifier compares sequence numbers and links, so a removed row is
    // still reported (as a gap) and a changed row by its hash.
    let after = 0;
    for (;;) {
      const rows = await auditEntriesAfter(db, after, PAGE);
      for (const r of rows) {
        nodes.set(r.entry, r.treeNodes);
        yield r.entry;
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = last.entry.seq;
    }
  }
  return { entries: entries(), treeNodesOf: (e) => nodes.get(e) ?? '' };
}

export type StoreAuditVerification = AuditLogVerification & {
  /** Which keys the tree heads were checked against: pinned (outside the database) or the database's own. */
  trust: { source: 'pinned' | 'database'; fingerprints: string[] };
};

/**
 * Verifies the whole audit log of a store offline: chain links and hashes, the Merkle tree and its
 * stored nodes, every signed tree head (and legacy checkpoint) against the trusted audit keys, the
 * stored head against the recomputed one, and the unsigned tail against the checkpoint policy.
 * `trust` names the audit key (a pin, `--expect-key`); without it the database's own system keys are
 * used, which someone who can write the database can add to. `knownHeads` are heads seen elsewhere
 * (receipts): a log shorter than one, or that disagrees with one, fails.
 */
export async function verifyStoreAudit(
  db: Db | Tx,
  options: { trust?: ExpectedKey; knownHeads?: SignedTreeHead[] } = {},
): Promise<StoreAuditVerification> {
  const [checkpoints, treeHeads, head, keyRows] = await Promise.all([
    listCheckpoints(db),
    listTreeHeads(db),
    storedLogHead(db),
    systemSigningKeys(db),
  ]);
  const keys = new Map(keyRows.map((k) => [k.id, k]));
  const now = new Date();
  // A key counts only if it was trusted when each head or checkpoint it signed was signed.
  const signedAt = new Map<string, string[]>();
  const signed: Array<Pick<AuditCheckpoint, 'keyId' | 'at'>> = [
    ...checkpoints,
    ...treeHeads,
    ...(options.knownHeads ?? []),
  ];
  for (const c of signed) signedAt.set(c.keyId, [...(signedAt.get(c.keyId) ?? []), c.at]);
  const trust = options.trust;
  const trustedKeys = (keyId: string): string[] => {
    const row = keys.get(keyId);
    if (!row) return trust && 'keys' in trust ? trust.keys : [];
    if (trust && !expectedKeyMatches(trust, row.public_key)) return [];
    const validity = {
      validFrom: row.valid_from,
      validTo: row.valid_to,
      revokedAt: row.revoked_at,
      revocationReason: row.revocation_reason,
    };
    return (signedAt.get(keyId) ?? []).every((at) => keyTrustedFor(validity, at, now)) ? [row.public_key] : [];
  };
  const result = await verifyAuditLog(
    {
      ...entriesOf(db),
      treeHeads,
      checkpoints,
      head,
    },
    {
      trustedKeys,
      maxUnsigned: TREE_HEAD_EVERY - 1,
      ...(options.knownHeads ? { knownHeads: options.knownHeads } : {}),
    },
  );
  const fingerprints = !trust
    ? keyRows.filter((k) => k.owner_id === 'audit').map((k) => keyFingerprint(k.public_key))
    : 'keys' in trust
      ? trust.keys.map((k) => keyFingerprint(k))
      : [trust.fingerprint];
  return { ...result, trust: { source: trust ? 'pinned' : 'database', fingerprints } };
}

/**
 * The whole-log check belongs to the hub's oversight body (it reads every entry). It pages through
 * the log outside any transaction: a long verification must not hold the store's writer. Tree heads
 * count only when signed by the pinned audit key.
 */
export async function verifyAudit(ctx: AppContext, caller: Caller): Promise<StoreAuditVerification> {
  requirePermission(caller, 'audit.verify');
  return verifyStoreAudit(ctx.store.db, { trust: { keys: ctx.auditTrust.keys } });
}

/** Signs a tree head of the current log now (e.g. before a backup, or at shutdown); null for an empty log. */
export async function checkpointNow(ctx: AppContext): Promise<SignedTreeHead | null> {
  return ctx.store.transaction(
    async (tx) => (await signTreeHeadNow(tx, ctx.store.dialect, ctx.auditSigner, ctx.clock())).head,
  );
}

/**
 * A quiet server signs a waiting tail too: every half period, a tail older than TREE_HEAD_MAX_AGE_MS
 * gets a tree head, so no entry waits much longer than that for one. Returns the stop function.
 */
export function startCheckpointTimer(ctx: AppContext): () => void {
  const tick = () =>
    ctx.store
      .transaction((tx) =>
        signTreeHeadNow(tx, ctx.store.dialect, ctx.auditSigner, ctx.clock(), undefined, TREE_HEAD_MAX_AGE_MS),
      )
      .catch((err: unknown) =>
        logger.error('audit tree head timer failed', { error: err instanceof Error ? err.message : String(err) }),
      );
  const timer = setInterval(tick, TREE_HEAD_MAX_AGE_MS / 2);
  timer.unref();
  return () => clearInterval(timer);
}

/** A signed tree head with the public key that verifies it and that key's fingerprint. */
export type PublishedTreeHead = { treeHead: SignedTreeHead; publicKey: string; fingerprint: string };

/** The head with its key: the signer's own when it signed it, else the key row it names. */
export async function publishHead(db: Db | Tx, head: SignedTreeHead, signer?: AuditSigner): Promise<PublishedTreeHead> {
  if (signer && head.keyId === signer.keyId) {
    return { treeHead: head, publicKey: signer.publicKey, fingerprint: signer.fingerprint };
  }
  const key = await keyById(db, head.keyId);
  if (!key) throw new Error(`the audit key ${head.keyId} of a signed tree head is not in the store`);
  return { treeHead: head, publicKey: key.public_key, fingerprint: keyFingerprint(key.public_key) };
}

/**
 * The latest signed tree head, for any signed-in party (an organisation holding a receipt, a
 * provider's system): it shows only the size and root of the log. Null before the first entry.
 */
export async function currentTreeHead(ctx: AppContext, _caller: Caller): Promise<PublishedTreeHead | null> {
  const head = await latestTreeHead(ctx.store.db);
  return head ? publishHead(ctx.store.db, head, ctx.auditSigner) : null;
}

/**
 * The RFC 9162 consistency proof from the tree of `from` entries to the latest signed tree head. A
 * holder of a head of size `from` checks that the log it saw is a prefix of today's; `proof` is null
 * when today's log is shorter than `from` — the log was truncated (or the head is from another log).
 */
export async function consistencyProof(
  ctx: AppContext,
  _caller: Principal,
  from: number,
): Promise<(PublishedTreeHead & { from: number; proof: string[] | null }) | null> {
  const db = ctx.store.db;
  const head = await latestTreeHead(db);
  if (!head) return null;
  const proof =
    from <= head.size
      ? (await runOverStoredNodes(db, consistencyPlan(from, head.size))).map((h) => h.toString('hex'))
      : null;
  return { ...(await publishHead(db, head, ctx.auditSigner)), from, proof };
}
