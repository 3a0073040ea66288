import { verifyAuditChain, type AuditVerification, type ChainedAuditEntry } from '../crypto/audit-chain.ts';
import type { Store } from '../store/database.ts';
import { fromRow } from './audit-log.ts';

const PAGE = 5000;

async function* entriesOf(store: Store): AsyncIterable<ChainedAuditEntry> {
  // Paged by position (OFFSET), not by seq value, so that a removed or reordered row is seen as such
  // by the verifier instead of being skipped by the query.
  for (let offset = 0; ; offset += PAGE) {
    const rows = await store.db.selectFrom('audit_entries').selectAll().orderBy('seq').limit(PAGE).offset(offset).execute();
    for (const r of rows) yield fromRow(r);
    if (rows.length < PAGE) return;
  }
}

/** Verifies the whole audit log of a store offline: chain links, hashes and signed checkpoints. */
export async function verifyStoreAudit(store: Store): Promise<AuditVerification> {
  const checkpoints = (await store.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute()).map((c) => ({
    seq: Number(c.seq),
    at: c.at,
    headHash: c.head_hash,
    keyId: c.key_id,
    signature: c.signature,
  }));
  const keys = await store.db.selectFrom('keys').select(['id', 'public_key']).where('owner_type', '=', 'system').where('purpose', '=', 'signing').execute();
  const byId = new Map(keys.map((k) => [k.id, k.public_key]));
  return verifyAuditChain(entriesOf(store), checkpoints, (id) => byId.get(id));
}
