import { sql } from 'kysely';
import {
  type AuditCheckpoint,
  type ChainedAuditEntry,
  chainEntry,
  GENESIS_HASH,
  signCheckpoint,
} from '../crypto/audit-chain.ts';
import type { ActorType, AuditAction } from '../domain/vocabulary.ts';
import type { Db, StoreDialect, Tx } from '../store/database.ts';
import type { AuditEntryRow } from '../store/schema.ts';
import { type AuditEvent, type AuditSigner, CHECKPOINT_EVERY } from './events.ts';

// All SQL of the audit log: the hash chain, its head and its signed checkpoints.

/**
 * Appends one entry to the hash chain, inside the caller's transaction (so the entry commits or rolls
 * back with the change it records). The single audit_head row serialises writers: on PostgreSQL it is
 * locked FOR UPDATE; SQLite has one writer anyway. Every CHECKPOINT_EVERY entries a signed checkpoint
 * of the head is written in the same transaction.
 */
export async function appendAudit(
  tx: Tx,
  dialect: StoreDialect,
  at: Date,
  event: AuditEvent,
  signer: AuditSigner | null,
  /** The head this same transaction wrote with its previous append: its lock is held, so it is current. */
  ownHead?: { seq: number; hash: string },
): Promise<ChainedAuditEntry> {
  const head =
    ownHead ??
    (dialect === 'postgres'
      ? (await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`.execute(tx))
          .rows[0]
      : await tx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst());
  if (!head) throw new Error('audit_head row missing: the store was not migrated');
  const entry = chainEntry(head.hash, {
    seq: Number(head.seq) + 1,
    at: at.toISOString(),
    actorType: event.actor.type,
    actorId: event.actor.id,
    organisationId: event.actor.organisationId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details ?? {},
  });
  await tx.insertInto('audit_entries').values(toRow(entry)).execute();
  await tx.updateTable('audit_head').set({ seq: entry.seq, hash: entry.hash }).where('id', '=', 1).execute();
  if (signer && entry.seq % CHECKPOINT_EVERY === 0) {
    await writeCheckpoint(tx, signer, entry.seq, entry.at, entry.hash);
  }
  return entry;
}

export async function writeCheckpoint(
  tx: Tx | Db,
  signer: AuditSigner,
  seq: number,
  at: string,
  headHash: string,
): Promise<AuditCheckpoint> {
  const cp = signCheckpoint(signer.privateKey, signer.keyId, seq, at, headHash);
  await tx
    .insertInto('audit_checkpoints')
    .values({ seq: cp.seq, at: cp.at, head_hash: cp.headHash, key_id: cp.keyId, signature: cp.signature })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
  return cp;
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
