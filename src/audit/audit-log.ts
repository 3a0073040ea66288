import { sql } from 'kysely';
import { type AuditCheckpoint, type ChainedAuditEntry, chainEntry, signCheckpoint } from '../crypto/audit-chain.ts';
import type { Db, Store, StoreDialect, Tx } from '../store/database.ts';
import type { AuditEntryRow } from '../store/schema.ts';

/** Who did something: a person, a machine client of an organisation, or the system itself. */
export type ActorRef =
  | { type: 'user'; id: string; organisationId: string }
  | { type: 'client'; id: string; organisationId: string }
  | { type: 'system'; id: null; organisationId: null };

export const SYSTEM_ACTOR: ActorRef = { type: 'system', id: null, organisationId: null };

/** The audited actions: a closed union, so a typo is a compile error. */
export type AuditAction =
  | 'organisation.created'
  | 'unit.created'
  | 'user.created'
  | 'user.disabled'
  | 'user.login'
  | 'user.login_failed'
  | 'user.logout'
  | 'key.created'
  | 'key.revoked'
  | 'policy.published'
  | 'networks.declared'
  | 'case.created'
  | 'request.drafted'
  | 'request.updated'
  | 'request.viewed'
  | 'request.transition'
  | 'request.signed'
  | 'request.received'
  | 'request.intake_rejected'
  | 'request.message'
  | 'answer.sealed'
  | 'answer.read'
  | 'audit.checkpoint';

export interface AuditEvent {
  actor: ActorRef;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** The key that signs checkpoints, unwrapped in memory for the server's lifetime. */
export interface AuditSigner {
  keyId: string;
  privateKey: string;
}

export const CHECKPOINT_EVERY = 100;

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

/** Signs a checkpoint of the current head now (e.g. before a backup, or at shutdown). */
export async function checkpointNow(store: Store, signer: AuditSigner): Promise<AuditCheckpoint | null> {
  return store.transaction(async (tx) => {
    const head = await tx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    if (Number(head.seq) === 0) return null;
    const last = await tx
      .selectFrom('audit_entries')
      .select('at')
      .where('seq', '=', head.seq)
      .executeTakeFirstOrThrow();
    return writeCheckpoint(tx, signer, Number(head.seq), last.at, head.hash);
  });
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

/** Parses a stored row back into a chained entry; a details column that is not JSON stays a string so the hash check fails loudly. */
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
