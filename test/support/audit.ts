import assert from 'node:assert/strict';
import type { DemoRequest } from '../../src/demo/seed.ts';
import type { Db } from '../../src/store/database.ts';
import type { AuditEntryRow } from '../../src/store/schema.ts';
import type { TestHub } from './exchange.ts';

export interface AuditSeen {
  seq: number;
  action: string;
  actorType: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/** An audit entry's row as the tests read it. */
const seen = (r: AuditEntryRow): AuditSeen => ({
  seq: Number(r.seq),
  action: r.action,
  actorType: r.actor_type,
  actorId: r.actor_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** The audit entries after `afterSeq` (checkpoints left out), oldest first. */
export async function auditSince(db: Db, afterSeq = 0): Promise<AuditSeen[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>', afterSeq)
    .where('action', '!=', 'audit.checkpoint')
    .orderBy('seq')
    .execute();
  return rows.map(seen);
}

/** The audit entries of `action` (about `subjectId`, when given; `null`: about no subject), oldest first. */
export async function auditEntries(db: Db, action: string, subjectId?: string | null): Promise<AuditSeen[]> {
  let q = db.selectFrom('audit_entries').selectAll().where('action', '=', action);
  if (subjectId === null) q = q.where('subject_id', 'is', null);
  else if (subjectId !== undefined) q = q.where('subject_id', '=', subjectId);
  return (await q.orderBy('seq').execute()).map(seen);
}

/** The audit entries about `subjectId`, whatever their action, oldest first. */
export async function auditAbout(db: Db, subjectId: string): Promise<AuditSeen[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
  return rows.map(seen);
}

/** The sequence number of the newest audit entry (0 in an empty log). */
export async function auditHeadSeq(db: Db): Promise<number> {
  const r = await db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** The details of every audit entry of `action` (about `subjectId`, when given), parsed, oldest first. */
export async function auditDetails(db: Db, action: string, subjectId?: string): Promise<Record<string, unknown>[]> {
  return (await auditEntries(db, action, subjectId)).map((e) => e.details);
}

/**
 * The oversight body (the demo's auditor) reads the content of the demo's answered inquiry on `reason`
 * (a break-glass, recorded in the log): that request.
 */
export async function brokenGlassOnAnswered(hub: Pick<TestHub, 'demo' | 'as'>, reason: string): Promise<DemoRequest> {
  const answered = hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(answered);
  const glass = await (await hub.as('auditor')).call('POST', `/v1/requests/${answered.id}/break-glass`, {
    reason,
  });
  assert.equal(glass.status, 200, JSON.stringify(glass.body));
  return answered;
}
