import { sql } from 'kysely';
import {
  type AuditCheckpoint,
  type ChainedAuditEntry,
  chainEntryWithLeaf,
  GENESIS_HASH,
} from '../crypto/audit-chain.ts';
import type { StoredLogHead, StoredTreeNode } from '../crypto/audit-log.ts';
import { completedAt, MerkleFrontier, type NodePlan, type NodeRef } from '../crypto/merkle.ts';
import { type SignedTreeHead, signTreeHead } from '../crypto/tree-head.ts';
import type { ActorType, AuditAction } from '../domain/vocabulary.ts';
import type { Db, StoreDialect, Tx } from '../store/database.ts';
import type { AuditEntryRow } from '../store/schema.ts';
import { type AuditEvent, type AuditSigner, TREE_HEAD_EVERY, TREE_HEAD_MAX_AGE_MS } from './events.ts';

// All SQL of the audit log: the hash chain, the Merkle tree over it (perfect subtree hashes), the head
// row and the signed tree heads.

/**
 * The head of the log as a transaction holds it: the chain's last seq and hash, the Merkle tree's
 * right edge, and where the latest signed tree head stands. After its first read the transaction
 * holds the row's lock (PostgreSQL FOR UPDATE; SQLite has one writer), so it keeps this in memory.
 */
export interface AuditHeadState {
  seq: number;
  hash: string;
  frontier: MerkleFrontier;
  signedSize: number;
  signedAt: string | null;
}

async function lockHead(tx: Tx, dialect: StoreDialect): Promise<AuditHeadState> {
  const row =
    dialect === 'postgres'
      ? (
          await sql<{ seq: number; hash: string; frontier: string; signed_size: number; signed_at: string | null }>`
            SELECT seq, hash, frontier, signed_size, signed_at FROM audit_head WHERE id = 1 FOR UPDATE`.execute(tx)
        ).rows[0]
      : await tx
          .selectFrom('audit_head')
          .select(['seq', 'hash', 'frontier', 'signed_size', 'signed_at'])
          .where('id', '=', 1)
          .executeTakeFirst();
  if (!row) throw new Error('audit_head row missing: the store was not migrated');
  return {
    seq: Number(row.seq),
    hash: row.hash,
    frontier: MerkleFrontier.parse(Number(row.seq), row.frontier),
    signedSize: Number(row.signed_size),
    signedAt: row.signed_at,
  };
}

async function saveHead(tx: Tx, h: AuditHeadState): Promise<void> {
  await tx
    .updateTable('audit_head')
    .set({
      seq: h.seq,
      hash: h.hash,
      frontier: h.frontier.toString(),
      signed_size: h.signedSize,
      signed_at: h.signedAt,
    })
    .where('id', '=', 1)
    .execute();
}

/** The checkpoint policy: a tree head is signed by the append that reaches N entries or T seconds. */
function headDue(h: AuditHeadState, at: Date): boolean {
  return (
    h.signedAt === null ||
    h.seq - h.signedSize >= TREE_HEAD_EVERY ||
    at.getTime() - Date.parse(h.signedAt) >= TREE_HEAD_MAX_AGE_MS
  );
}

async function insertTreeHead(tx: Tx, signer: AuditSigner, h: AuditHeadState, at: string): Promise<SignedTreeHead> {
  const head = signTreeHead(signer.privateKey, signer.keyId, {
    size: h.seq,
    rootHash: h.frontier.root().toString('hex'),
    at,
  });
  await tx
    .insertInto('audit_tree_heads')
    .values({ size: head.size, at: head.at, root_hash: head.rootHash, key_id: head.keyId, signature: head.signature })
    .onConflict((oc) => oc.columns(['size', 'at']).doNothing())
    .execute();
  h.signedSize = h.seq;
  h.signedAt = at;
  return head;
}

/**
 * Appends one entry inside the caller's transaction (so the entry commits or rolls back with the change
 * it records): the chain entry, the Merkle tree nodes it completes, and — when the checkpoint policy
 * says so — a signed tree head, all in the same transaction. `state` is the head this transaction
 * already holds (from its previous append), so it is not read again.
 */
export async function appendAudit(
  tx: Tx,
  dialect: StoreDialect,
  at: Date,
  event: AuditEvent,
  signer: AuditSigner | null,
  state?: AuditHeadState,
): Promise<{ entry: ChainedAuditEntry; state: AuditHeadState }> {
  const head = state ?? (await lockHead(tx, dialect));
  const { entry, leaf } = chainEntryWithLeaf(head.hash, {
    seq: head.seq + 1,
    at: at.toISOString(),
    actorType: event.actor.type,
    actorId: event.actor.id,
    organisationId: event.actor.organisationId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details ?? {},
  });
  const nodes = head.frontier.append(leaf);
  head.seq = entry.seq;
  head.hash = entry.hash;
  await tx.insertInto('audit_entries').values(toRow(entry)).execute();
  await tx
    .insertInto('audit_tree_nodes')
    .values(nodes.map((n) => ({ size: n.size, level: n.level, hash: n.hash.toString('hex') })))
    .execute();
  if (signer && headDue(head, at)) await insertTreeHead(tx, signer, head, entry.at);
  await saveHead(tx, head);
  return { entry, state: head };
}

/**
 * Signs a tree head of the log as it stands in this transaction (on demand: a receipt, a backup, the
 * timer of a quiet server). The latest head is handed back when it already covers every entry.
 * `onlyIfOlderThanMs` signs only a tail that has waited that long (the timer). Null for an empty log.
 */
export async function signTreeHeadNow(
  tx: Tx,
  dialect: StoreDialect,
  signer: AuditSigner,
  at: Date,
  state?: AuditHeadState,
  onlyIfOlderThanMs?: number,
): Promise<{ head: SignedTreeHead | null; state: AuditHeadState }> {
  const h = state ?? (await lockHead(tx, dialect));
  if (h.seq === 0) return { head: null, state: h };
  if (h.signedSize === h.seq) {
    const latest = await latestTreeHead(tx);
    if (latest && latest.size === h.seq) return { head: latest, state: h };
  }
  if (onlyIfOlderThanMs !== undefined && h.signedAt && at.getTime() - Date.parse(h.signedAt) < onlyIfOlderThanMs) {
    return { head: null, state: h };
  }
  const head = await insertTreeHead(tx, signer, h, at.toISOString());
  await saveHead(tx, h);
  return { head, state: h };
}

function fromHeadRow(r: {
  size: number;
  at: string;
  root_hash: string;
  key_id: string;
  signature: string;
}): SignedTreeHead {
  return { size: Number(r.size), at: r.at, rootHash: r.root_hash, keyId: r.key_id, signature: r.signature };
}

/** The latest signed tree head (largest size, then latest time), if any. */
export async function latestTreeHead(db: Db | Tx): Promise<SignedTreeHead | undefined> {
  const r = await db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .orderBy('size', 'desc')
    .orderBy('at', 'desc')
    .executeTakeFirst();
  return r ? fromHeadRow(r) : undefined;
}

/** Every signed tree head, in order of size. */
export async function listTreeHeads(db: Db | Tx): Promise<SignedTreeHead[]> {
  const rows = await db.selectFrom('audit_tree_heads').selectAll().orderBy('size').orderBy('at').execute();
  return rows.map(fromHeadRow);
}

/** Stored tree nodes with after < size ≤ upTo, ordered as they were completed (verification). */
export async function treeNodesBetween(
  db: Db | Tx,
  after: number,
  upTo: number,
  limit: number,
): Promise<StoredTreeNode[]> {
  const rows = await db
    .selectFrom('audit_tree_nodes')
    .selectAll()
    .where('size', '>', after)
    .where('size', '<=', upTo)
    .orderBy('size')
    .orderBy('level')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ size: Number(r.size), level: Number(r.level), hash: r.hash }));
}

/** Runs a Merkle computation (root, inclusion or consistency proof) over the stored nodes it needs: one query. */
export async function runOverStoredNodes<T>(db: Db | Tx, plan: NodePlan<T>): Promise<T> {
  const found = new Map<string, Buffer>();
  if (plan.refs.length > 0) {
    const rows = await db
      .selectFrom('audit_tree_nodes')
      .selectAll()
      .where((eb) => eb.or(plan.refs.map((r) => eb.and([eb('size', '=', completedAt(r)), eb('level', '=', r.level)]))))
      .execute();
    for (const r of rows) found.set(`${Number(r.size)}/${Number(r.level)}`, Buffer.from(r.hash, 'hex'));
  }
  return plan.run({
    get: (ref: NodeRef) => {
      const h = found.get(`${completedAt(ref)}/${ref.level}`);
      if (!h) throw new Error(`audit tree node ${ref.level}/${ref.index} is missing from the store`);
      return h;
    },
  });
}

/** The head row as verification compares it. */
export async function storedLogHead(db: Db | Tx): Promise<StoredLogHead | undefined> {
  const r = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'frontier', 'signed_size'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash, frontier: r.frontier, signedSize: Number(r.signed_size) } : undefined;
}

/** The head of the chain: its last sequence number, hash and time (seq 0 and the genesis hash when empty). */
export async function auditHead(db: Db | Tx): Promise<{ seq: number; hash: string; at: string | null }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) === 0) return { seq: 0, hash: head?.hash ?? GENESIS_HASH, at: null };
  const last = await db.selectFrom('audit_entries').select('at').where('seq', '=', head.seq).executeTakeFirst();
  return { seq: Number(head.seq), hash: head.hash, at: last?.at ?? null };
}

/** Entries with seq > after, in order, at most `limit` (keyset paging for the verifier). */
export async function auditEntriesAfter(db: Db | Tx, after: number, limit: number): Promise<ChainedAuditEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/** The chain checkpoints signed before the Merkle tree log (still verified; no longer written). */
export async function listCheckpoints(db: Db | Tx): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map((c) => ({
    seq: Number(c.seq),
    at: c.at,
    headHash: c.head_hash,
    keyId: c.key_id,
    signature: c.signature,
  }));
}

export interface SubjectAuditRow {
  seq: number;
  at: string;
  action: AuditAction;
  actorType: ActorType;
  actorId: string | null;
  actorName: string | null;
  details: unknown;
}

/** The sequence number of the latest entry of an action on a subject, or null. */
export async function latestSeqOf(
  db: Db | Tx,
  subjectType: string,
  subjectId: string,
  action: string,
): Promise<number | null> {
  const r = await db
    .selectFrom('audit_entries')
    .select('seq')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return r ? Number(r.seq) : null;
}

/** Every entry about one subject from `fromSeq` on, with the acting user's display name. */
export async function subjectEntries(
  db: Db | Tx,
  subjectType: string,
  subjectId: string,
  fromSeq: number,
): Promise<SubjectAuditRow[]> {
  const rows = await db
    .selectFrom('audit_entries as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.action', 'a.actor_type', 'a.actor_id', 'a.details', 'u.display_name'])
    .where('a.subject_type', '=', subjectType)
    .where('a.subject_id', '=', subjectId)
    .where('a.seq', '>=', fromSeq)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    // Written only from the closed lists (events.ts), read back as what they are.
    action: r.action as AuditAction,
    actorType: r.actor_type as ActorType,
    actorId: r.actor_id,
    actorName: r.display_name ?? null,
    details: JSON.parse(r.details) as unknown,
  }));
}

export function toRow(e: ChainedAuditEntry): AuditEntryRow {
  return {
    seq: e.seq,
    at: e.at,
    actor_type: e.actorType,
    actor_id: e.actorId,
    organisation_id: e.organisationId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    details: JSON.stringify(e.details ?? {}),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** A stored row back into a chained entry; a details column that is not JSON stays a string so the hash check fails loudly. */
export function fromRow(r: AuditEntryRow): ChainedAuditEntry {
  let details: unknown;
  try {
    details = JSON.parse(r.details);
  } catch {
    details = r.details;
  }
  return {
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    organisationId: r.organisation_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
