import { sql } from 'kysely';
import { type AuditCheckpoint, type ChainedAuditEntry, chainEntryWithLeaf } from '../crypto/audit-chain.ts';
import type { StoredLogHead } from '../crypto/audit-log.ts';
import { completedAt, MerkleFrontier, type NodePlan, type NodeRef } from '../crypto/merkle.ts';
import { type SignedTreeHead, signTreeHead } from '../crypto/tree-head.ts';
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
  /** Whether the head row changed since it was last written (it is written once per transaction). */
  dirty: boolean;
  /** The tree head this transaction signed last, if any (a receipt right after it needs no query). */
  latest?: SignedTreeHead;
  /** The seq of the last entry this transaction wrote per subject and action (for receipts). */
  written: Map<string, number>;
}

/** The key of `written`. */
export function writtenKey(subjectType: string, subjectId: string | null, action: string): string {
  return `${subjectType}\n${subjectId ?? ''}\n${action}`;
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
    dirty: false,
    written: new Map(),
  };
}

/** Writes the head row the appends and heads of a transaction changed: once, before COMMIT. */
export async function flushAudit(tx: Tx, h: AuditHeadState): Promise<void> {
  if (h.dirty) await saveHead(tx, h);
  h.dirty = false;
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
  h.latest = head;
  return head;
}

/**
 * Appends one entry inside the caller's transaction (so the entry commits or rolls back with the change
 * it records): the chain entry with the Merkle tree nodes its append completes, and — when the
 * checkpoint policy says so — a signed tree head, all in the same transaction. `state` is the head this
 * transaction already holds (from its previous append), so it is not read again; the head row is
 * written by flushAudit before COMMIT.
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
  head.dirty = true;
  await tx
    .insertInto('audit_entries')
    .values(toRow(entry, treeNodesText(nodes)))
    .execute();
  if (signer && headDue(head, at)) await insertTreeHead(tx, signer, head, entry.at);
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
    const latest = h.latest ?? (await latestTreeHead(tx));
    if (latest && latest.size === h.seq) return { head: latest, state: h };
  }
  if (onlyIfOlderThanMs !== undefined && h.signedAt && at.getTime() - Date.parse(h.signedAt) < onlyIfOlderThanMs) {
    return { head: null, state: h };
  }
  const head = await insertTreeHead(tx, signer, h, at.toISOString());
  h.dirty = true;
  // Called on its own (not by a unit of work that flushes at its end): write the head row now.
  if (!state) await flushAudit(tx, h);
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

/** The stored form of the nodes an append completed: their hashes, leaf first, as concatenated hex. */
export function treeNodesText(nodes: ReadonlyArray<{ hash: Buffer }>): string {
  return nodes.map((n) => n.hash.toString('hex')).join('');
}

/**
 * Runs a Merkle computation (root, inclusion or consistency proof) over the stored nodes it needs: one
 * query. Node (level, index) is stored with the entry whose append completed it, entry
 * (index + 1)·2^level, at position `level` of its tree_nodes.
 */
export async function runOverStoredNodes<T>(db: Db | Tx, plan: NodePlan<T>): Promise<T> {
  const bySeq = new Map<number, string>();
  const seqs = [...new Set(plan.refs.map(completedAt))];
  if (seqs.length > 0) {
    const rows = await db.selectFrom('audit_entries').select(['seq', 'tree_nodes']).where('seq', 'in', seqs).execute();
    for (const r of rows) bySeq.set(Number(r.seq), r.tree_nodes);
  }
  return plan.run({
    get: (ref: NodeRef) => {
      const hex = bySeq.get(completedAt(ref))?.slice(ref.level * 64, ref.level * 64 + 64) ?? '';
      if (hex.length !== 64) throw new Error(`audit tree node ${ref.level}/${ref.index} is missing from the store`);
      return Buffer.from(hex, 'hex');
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

/**
 * Whether the store's audit log has begun: an entry, a head past zero, a tree head or a checkpoint, or an
 * organisation or user (nothing is created before the first start's audit key). Only a store where
 * none exists may be given a new audit key at start; in any other, a missing key means a rewrite.
 */
export async function storeHasBegun(db: Db | Tx): Promise<boolean> {
  const found = await Promise.all([
    db.selectFrom('audit_entries').select('seq').limit(1).executeTakeFirst(),
    db.selectFrom('audit_head').select('id').where('seq', '>', 0).limit(1).executeTakeFirst(),
    db.selectFrom('audit_tree_heads').select('size').limit(1).executeTakeFirst(),
    db.selectFrom('audit_checkpoints').select('seq').limit(1).executeTakeFirst(),
    db.selectFrom('organisations').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
  ]);
  return found.some((row) => row !== undefined);
}

/**
 * Entries with seq > after, in order, at most `limit` (keyset paging for the verifier), each with the
 * tree nodes stored with it.
 */
export async function auditEntriesAfter(
  db: Db | Tx,
  after: number,
  limit: number,
): Promise<Array<{ entry: ChainedAuditEntry; treeNodes: string }>> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entry: fromRow(r), treeNodes: r.tree_nodes }));
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
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.seq) : null;
}

/**
 * The audit entries (`a`) joined to who acted: the user (`u`) or machine client (`c`) by the entry's
 * actor type, and the organisation (`o`) it was recorded for. The timeline and the oversight search
 * both read entries this way.
 */
export function entriesWithActors(db: Db | Tx) {
  return db
    .selectFrom('audit_entries as a')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.actor_id').on('a.actor_type', '=', 'user'))
    .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'a.actor_id').on('a.actor_type', '=', 'client'))
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id');
}

export function toRow(e: ChainedAuditEntry, treeNodes: string): AuditEntryRow {
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
    tree_nodes: treeNodes,
  };
}

/**
 * A stored row back into a chained entry; a details column that is not JSON stays a string so the hash check
 * fails loudly.
 */
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
