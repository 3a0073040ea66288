import { type AuditVerification, type ChainedAuditEntry, verifyAuditChain } from '../crypto/audit-chain.ts';
import type { Store } from '../store/database.ts';
import { fromRow } from './audit-log.ts';

const PAGE = 5000;

async function* entriesOf(store: Store): AsyncIterable<ChainedAuditEntry> {
  // Keyset paging on seq: the verifier compares sequence numbers and links, so a removed row is
  // still reported (as a gap) and a changed row by its hash.
  let after = 0;
  for (;;) {
    const rows = await store.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const r of rows) yield fromRow(r);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = Number(last.seq);
  }
}

/** Verifies the whole audit log of a store offline: chain links, hashes and signed checkpoints. */
export async function verifyStoreAudit(store: Store): Promise<AuditVerification> {
  const checkpoints = (await store.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute()).map(
    (c) => ({
      seq: Number(c.seq),
      at: c.at,
      headHash: c.head_hash,
      keyId: c.key_id,
      signature: c.signature,
    }),
  );
  const keys = await store.db
    .selectFrom('keys')
    .select(['id', 'public_key', 'valid_from', 'revoked_at'])
    .where('owner_type', '=', 'system')
    .where('purpose', '=', 'signing')
    .execute();
  const byId = new Map(keys.map((k) => [k.id, k]));
  // A checkpoint key counts only if it existed and was not revoked when the checkpoint was signed.
  const atOf = new Map<string, string[]>();
  for (const c of checkpoints) atOf.set(c.keyId, [...(atOf.get(c.keyId) ?? []), c.at]);
  return verifyAuditChain(entriesOf(store), checkpoints, (id) => {
    const k = byId.get(id);
    if (!k) return undefined;
    const ats = atOf.get(id) ?? [];
    const ok = ats.every((at) => k.valid_from <= at && (k.revoked_at === null || k.revoked_at > at));
    return ok ? k.public_key : undefined;
  });
}
