import type { AuditCheckpoint, AuditVerification, ChainedAuditEntry } from '../crypto/audit-chain.ts';
import { verifyAuditChain } from '../crypto/audit-chain.ts';
import { systemSigningKeys, toPublicKey } from '../directory/key.repository.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import { keyTrustedFor } from '../domain/key-trust.ts';
import type { AppContext } from '../kernel/context.ts';
import type { Db, Tx } from '../store/database.ts';
import { auditEntriesAfter, auditHead, listCheckpoints, writeCheckpoint } from './audit.repository.ts';

const PAGE = 5000;

async function* entriesOf(db: Db | Tx): AsyncIterable<ChainedAuditEntry> {
  // Keyset paging on seq: the verifier compares sequence numbers and links, so a removed row is
  // still reported (as a gap) and a changed row by its hash.
  let after = 0;
  for (;;) {
    const rows = await auditEntriesAfter(db, after, PAGE);
    for (const r of rows) yield r;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = last.seq;
  }
}

/** Verifies the whole audit log of a store offline: chain links, hashes and signed checkpoints. */
export async function verifyStoreAudit(db: Db | Tx): Promise<AuditVerification> {
  const checkpoints = await listCheckpoints(db);
  const keys = new Map((await systemSigningKeys(db)).map((k) => [k.id, toPublicKey(k)]));
  const now = new Date();
  // A checkpoint key counts only if it was trusted when each checkpoint it signed was signed.
  const atOf = new Map<string, string[]>();
  for (const c of checkpoints) atOf.set(c.keyId, [...(atOf.get(c.keyId) ?? []), c.at]);
  return verifyAuditChain(entriesOf(db), checkpoints, (id) => {
    const k = keys.get(id);
    if (!k) return undefined;
    const ok = (atOf.get(id) ?? []).every((at) => keyTrustedFor(k, at, now));
    return ok ? k.publicKey : undefined;
  });
}

/**
 * The whole-log check belongs to the hub's oversight body (it reads every entry). It pages through
 * the log outside any transaction: a long verification must not hold the store's writer.
 */
export async function verifyAudit(ctx: AppContext, caller: Caller): Promise<AuditVerification> {
  requirePermission(caller, 'audit.verify');
  return verifyStoreAudit(ctx.store.db);
}

/** Signs a checkpoint of the current head now (e.g. before a backup, or at shutdown). */
export async function checkpointNow(ctx: AppContext): Promise<AuditCheckpoint | null> {
  return ctx.store.transaction(async (tx) => {
    const head = await auditHead(tx);
    if (head.seq === 0 || head.at === null) return null;
    return writeCheckpoint(tx, ctx.auditSigner, head.seq, head.at, head.hash);
  });
}
