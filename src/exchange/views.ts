import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { Principal } from '../app/principal.ts';
import { deadlineStatus } from '../domain/deadlines.ts';
import { allowedActions } from '../domain/lifecycle.ts';
import type { RequestKind, RequestState } from '../domain/vocabulary.ts';
import type { Db } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import { actionsFor } from './request-service.ts';

// The API's read models of requests, as zod schemas (they also describe /openapi.json).

const Bi = z.object({ ja: z.string(), en: z.string() });
export const OrgRefSchema = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() });
export const DeadlineSchema = z.object({
  status: z.enum(['none', 'on_time', 'due_soon', 'overdue', 'escalated']),
  remainingMs: z.number().nullable(),
});

export const RequestSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.string(),
  state: z.string(),
  agency: OrgRefSchema,
  unit: OrgRefSchema,
  provider: OrgRefSchema.nullable(),
  caseId: z.string().nullable(),
  caseReference: z.string(),
  offence: z.string(),
  targetCount: z.number(),
  categories: z.array(z.string()),
  emergency: z.boolean(),
  verified: z.boolean().nullable(),
  issuedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  deadline: DeadlineSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const VerificationSchema = z.object({
  ok: z.boolean(),
  verifiedAt: z.string(),
  checks: z.array(z.object({ name: z.string(), status: z.enum(['pass', 'fail', 'not_applicable']), message: Bi })),
});

export const RequestDetailSchema = RequestSummarySchema.extend({
  draftedBy: z.object({ id: z.string(), displayName: z.string() }),
  approvedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  content: z.record(z.string(), z.unknown()),
  receivedAt: z.string().nullable(),
  opinionDeadlineAt: z.string().nullable(),
  preservationUntil: z.string().nullable(),
  preservationExtended: z.boolean(),
  declineReason: z.string().nullable(),
  declineNote: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  envelopeId: z.string().nullable(),
  verification: VerificationSchema.nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      side: z.string(),
      purpose: z.string(),
      body: z.string(),
      author: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  answer: z
    .object({ outcome: z.string(), signedBy: z.string(), createdAt: z.string(), sealedFor: z.string() })
    .nullable(),
  viewerSide: z.enum(['agency', 'provider', 'oversight']),
  allowedActions: z.array(z.string()),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

type Names = Map<string, { nameJa: string; nameEn: string }>;

async function names(db: Db, orgIds: string[], unitIds: string[]): Promise<{ orgs: Names; units: Names }> {
  const orgs: Names = new Map();
  const units: Names = new Map();
  const o = orgIds.length
    ? await db
        .selectFrom('organisations')
        .select(['id', 'name_ja', 'name_en'])
        .where('id', 'in', [...new Set(orgIds)])
        .execute()
    : [];
  const u = unitIds.length
    ? await db
        .selectFrom('units')
        .select(['id', 'name_ja', 'name_en'])
        .where('id', 'in', [...new Set(unitIds)])
        .execute()
    : [];
  for (const r of o) orgs.set(r.id, { nameJa: r.name_ja, nameEn: r.name_en });
  for (const r of u) units.set(r.id, { nameJa: r.name_ja, nameEn: r.name_en });
  return { orgs, units };
}

const ref = (m: Names, id: string) => ({ id, ...(m.get(id) ?? { nameJa: id, nameEn: id }) });

function summary(row: RequestRow, n: { orgs: Names; units: Names }, now: Date): RequestSummary {
  const content = JSON.parse(row.content) as {
    caseReference?: string;
    offence?: string;
    targets?: unknown[];
    categories?: string[];
  };
  const verification = row.verification ? (JSON.parse(row.verification) as { ok: boolean }) : null;
  const deadline = deadlineStatus(row.deadline_at ? new Date(row.deadline_at) : null, now, row.state as RequestState, {
    kind: row.kind as RequestKind,
    ...(row.received_at ? { startedAt: new Date(row.received_at) } : {}),
  });
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    state: row.state,
    agency: ref(n.orgs, row.agency_organisation_id),
    unit: ref(n.units, row.unit_id),
    provider: row.provider_organisation_id ? ref(n.orgs, row.provider_organisation_id) : null,
    caseId: row.case_id,
    caseReference: content.caseReference ?? '',
    offence: content.offence ?? '',
    targetCount: content.targets?.length ?? 0,
    categories: content.categories ?? [],
    emergency: row.kind === 'emergency',
    verified: verification ? verification.ok : null,
    issuedAt: row.issued_at,
    deadlineAt: row.deadline_at,
    deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function toSummaries(db: Db, rows: RequestRow[], now: Date): Promise<RequestSummary[]> {
  const n = await names(
    db,
    rows.flatMap((r) => [
      r.agency_organisation_id,
      ...(r.provider_organisation_id ? [r.provider_organisation_id] : []),
    ]),
    rows.map((r) => r.unit_id),
  );
  return rows.map((r) => summary(r, n, now));
}

export async function toDetail(
  ctx: AppContext,
  p: Principal,
  row: RequestRow,
  side: 'agency' | 'provider' | 'oversight',
): Promise<RequestDetail> {
  const db = ctx.store.db;
  const now = ctx.clock();
  const n = await names(
    db,
    [row.agency_organisation_id, ...(row.provider_organisation_id ? [row.provider_organisation_id] : [])],
    [row.unit_id],
  );
  const userIds = [row.drafted_by, ...(row.approved_by ? [row.approved_by] : [])];
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [
      u.id,
      u.display_name,
    ]),
  );
  const msgs = await db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.side', 'm.purpose', 'm.body', 'm.created_at', 'u.display_name'])
    .where('m.request_id', '=', row.id)
    .$if(side === 'provider', (q) => q.where('m.purpose', '!=', 'internal_note'))
    .orderBy('m.created_at')
    .execute();
  const ans = await db
    .selectFrom('answers as a')
    .innerJoin('keys as k', 'k.id', 'a.signing_key_id')
    .select(['a.outcome', 'a.created_at', 'a.sealed', 'k.fingerprint'])
    .where('a.request_id', '=', row.id)
    .executeTakeFirst();
  let sealedFor = '';
  if (ans) {
    const box = JSON.parse(ans.sealed) as { recipientKeyId?: string };
    const k = box.recipientKeyId
      ? await db.selectFrom('keys').select('fingerprint').where('id', '=', box.recipientKeyId).executeTakeFirst()
      : undefined;
    sealedFor = k?.fingerprint ?? '';
  }
  return {
    ...summary(row, n, now),
    draftedBy: { id: row.drafted_by, displayName: users.get(row.drafted_by) ?? row.drafted_by },
    approvedBy: row.approved_by
      ? { id: row.approved_by, displayName: users.get(row.approved_by) ?? row.approved_by }
      : null,
    content: JSON.parse(row.content) as Record<string, unknown>,
    receivedAt: row.received_at,
    opinionDeadlineAt: row.opinion_deadline_at,
    preservationUntil: row.preservation_until,
    preservationExtended: row.preservation_extended === 1,
    declineReason: row.decline_reason,
    declineNote: row.decline_note,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    envelopeId: row.envelope_id,
    verification: row.verification ? VerificationSchema.parse(JSON.parse(row.verification)) : null,
    messages: msgs.map((m) => ({
      id: m.id,
      side: m.side,
      purpose: m.purpose,
      body: m.body,
      author: m.display_name ?? null,
      createdAt: m.created_at,
    })),
    answer: ans ? { outcome: ans.outcome, signedBy: ans.fingerprint, createdAt: ans.created_at, sealedFor } : null,
    viewerSide: side,
    allowedActions: actionsFor(p, row, allowedActions(row.kind as RequestKind, row.state as RequestState)),
  };
}

export const AuditItemSchema = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  details: z.unknown(),
});

/**
 * Every audit event of a request. The provider side sees the request's life from its signing on: how
 * the agency drafted and discussed it internally is the agency's own business.
 */
export async function requestTimeline(
  db: Db,
  requestId: string,
  side: 'agency' | 'provider' | 'oversight',
): Promise<z.infer<typeof AuditItemSchema>[]> {
  let fromSeq = 0;
  if (side === 'provider') {
    const signed = await db
      .selectFrom('audit_entries')
      .select('seq')
      .where('subject_type', '=', 'request')
      .where('subject_id', '=', requestId)
      .where('action', '=', 'request.signed')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    fromSeq = signed ? Number(signed.seq) : Number.MAX_SAFE_INTEGER;
  }
  const rows = await db
    .selectFrom('audit_entries as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.seq', 'a.at', 'a.action', 'a.actor_type', 'a.actor_id', 'a.details', 'u.display_name'])
    .where('a.subject_type', '=', 'request')
    .where('a.subject_id', '=', requestId)
    .where('a.seq', '>=', fromSeq)
    .orderBy('a.seq')
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    action: r.action,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.display_name ?? null,
    details: JSON.parse(r.details) as unknown,
  }));
}
