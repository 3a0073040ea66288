import { z } from 'zod';
import { inclusionPlan, type NodePlan } from '../crypto/merkle.ts';
import { SignedTreeHeadSchema } from '../crypto/tree-head.ts';
import type { Principal } from '../domain/access.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { latestSeqOf, runOverStoredNodes } from './audit.repository.ts';
import { publishHead } from './audit-service.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

/**
 * A receipt of a change (a delivery, an answer): the signed tree head of the audit log right after the
 * change, the audit entry that records it, and the RFC 9162 inclusion proof of that entry in the head.
 * Whoever keeps it can later show that the log held that entry at that size, and — with a consistency
 * proof from the hub (GET /v1/audit/consistency?from=size) — that today's log still extends it:
 * a log shortened or rewritten below `treeHead.size` cannot produce one.
 */
export const AuditReceiptSchema = z
  .strictObject({
    treeHead: SignedTreeHeadSchema,
    publicKey: z.string().min(1).max(100),
    fingerprint: z.string().min(1).max(100),
    entry: z.strictObject({
      seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      subjectType: z.string().max(100),
      subjectId: z.string().max(200),
      action: z.string().max(100),
      leafHash: Hex64,
    }),
    inclusionProof: z.array(Hex64).max(64),
  })
  .meta({ id: 'AuditReceipt' });
export type AuditReceipt = z.infer<typeof AuditReceiptSchema>;

/**
 * Signs a tree head in this unit of work (entries of the change included) and hands it out with the
 * inclusion proof of the latest `action` entry about the subject. The caller is whoever just made the
 * change: it learns nothing but hashes and its own entry's position.
 */
export async function auditReceipt(
  uow: UnitOfWork,
  _p: Principal,
  subject: { type: string; id: string; action: string },
): Promise<AuditReceipt> {
  const head = await uow.checkpoint();
  const seq =
    uow.auditedSeq(subject.type, subject.id, subject.action) ??
    (await latestSeqOf(uow.tx, subject.type, subject.id, subject.action));
  if (!head || seq === null || seq > head.size) throw new Error('no audit entry of this change to give a receipt for');
  const proof = inclusionPlan(seq - 1, head.size);
  const withLeaf: NodePlan<{ proof: Buffer[]; leaf: Buffer }> = {
    refs: [...proof.refs, { level: 0, index: seq - 1 }],
    run: (source) => ({ proof: proof.run(source), leaf: source.get({ level: 0, index: seq - 1 }) }),
  };
  const r = await runOverStoredNodes(uow.tx, withLeaf);
  return {
    ...(await publishHead(uow.tx, head, uow.ctx.auditSigner)),
    entry: {
      seq,
      subjectType: subject.type,
      subjectId: subject.id,
      action: subject.action,
      leafHash: r.leaf.toString('hex'),
    },
    inclusionProof: r.proof.map((h) => h.toString('hex')),
  };
}
