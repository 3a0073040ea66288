import { z } from 'zod';
import { findUsers } from '../directory/directory.repository.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, toUtcIso } from '../domain/instant.ts';
import {
  MLAT_TREATY_FACTS,
  type MlatEventRecord,
  type MlatRouteHop,
  type MlatStage,
  mlatEventProblem,
  mlatReminder,
  mlatRoute,
  mlatStage,
  treatyLabel,
} from '../domain/mlat.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  type Bilingual,
  type DeadlineStatus,
  isOneOf,
  MLAT_EVENTS,
  MLAT_HOPS,
  MLAT_TREATIES,
  type MlatEvent,
  type MlatHop,
  type MlatTreaty,
} from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { MlatEventRow, RequestRow } from '../store/schema.ts';
import { STORED, storedOptional, storedValue, storedValueOrUnknown } from '../store/stored-values.ts';
import { insertMlatEvent, listMlatEvents, listMlatEventsOf } from './mlat.repository.ts';
import { contentOf, loadVisible } from './requests.ts';

// The route of an outgoing MLAT request after the unit head signed it (issue 15): the central
// authority's review, the Ministry of Foreign Affairs where no treaty applies, the foreign authority's
// acknowledgement and answer or refusal — recorded by the issuing unit as each arrives (the ministries
// and the foreign authority are not on this hub), ordered, dated with offsets, audited, with the
// reminder that is due computed from them.

export interface MlatTracking {
  requestId: string;
  reference: string;
  treaty: { code: MlatTreaty | null; label: Bilingual; inForce: string | null };
  assistance: 'evidence' | 'preservation';
  route: Array<MlatRouteHop & { state: 'done' | 'current' | 'waiting' | 'returned' }>;
  stage: MlatStage['stage'];
  events: Array<{
    seq: number;
    event: MlatEvent;
    hop: MlatHop | null;
    at: string;
    official: string | null;
    reference: string | null;
    note: string | null;
    recordedBy: string;
    recordedAt: string;
  }>;
  reminder: { awaiting: MlatEvent; from: MlatHop; dueAt: string; status: DeadlineStatus } | null;
  /** What may be recorded next (the screen offers these). */
  next: Array<{ event: MlatEvent; hop: MlatHop | null }>;
}

export const MlatEventInput = z.strictObject({
  event: z.enum(MLAT_EVENTS),
  /** The domestic hop that approved or returned it (approved, returned only). */
  hop: z.enum(MLAT_HOPS).optional(),
  /** When it happened, with its offset (a letter's date, a call's time). */
  at: InstantSchema,
  /** Who acted at that hop (name and title), as they signed or said. */
  official: z.string().trim().min(1).max(300).optional(),
  /** Their reference number (the NPA's, the foreign authority's case number). */
  reference: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().min(1).max(5000).optional(),
});

/**
 * Whether the unit withdrew the request (it may have been closed since): it no longer stands by it, so
 * nothing more goes on its route and no package of it is made.
 */
export const mlatWithdrawn = (row: Pick<RequestRow, 'state' | 'withdrawal_at'>): boolean =>
  row.state === 'withdrawn' || row.withdrawal_at !== null;

function treatyOf(row: RequestRow): {
  code: MlatTreaty | null;
  route: MlatRouteHop[];
  assistance: 'evidence' | 'preservation';
} {
  const content = contentOf(row);
  if (content.kind !== 'mlat') {
    throw new DomainError(
      'NOT_FOUND',
      { ja: 'この要請は国際捜査共助要請ではありません', en: 'this request is not a mutual legal assistance request' },
      { id: row.id },
    );
  }
  const m = content.mlat;
  const code = isOneOf(MLAT_TREATIES, m.treaty) ? m.treaty : null;
  // A request drafted before the closed list goes the diplomatic way unless it says otherwise.
  return { code, route: mlatRoute(code ?? 'diplomatic', m.centralAuthority), assistance: m.assistance ?? 'evidence' };
}

async function load(uow: UnitOfWork, p: Principal, id: string): Promise<RequestRow> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'agency' || row.kind !== 'mlat' || p.unitId !== row.unit_id) {
    throw new DomainError(
      side === 'agency' || row.kind !== 'mlat' ? 'NOT_FOUND' : 'FORBIDDEN',
      {
        ja: '国際捜査共助要請の経過は要請元の所属のみが扱えます',
        en: 'only the requesting unit tracks a mutual legal assistance request',
      },
      { id },
    );
  }
  return row;
}

const toRecord = (r: MlatEventRow): MlatEventRecord => ({
  event: storedValue(STORED.mlatEvent, r.event, r.id),
  hop: storedOptional(STORED.mlatHop, r.hop, r.id),
  at: r.at,
});

/** An event of a request among many, or null — logged — where its event or hop is a word this version does not know. */
function readableRecord(r: MlatEventRow): MlatEventRecord | null {
  const event = storedValueOrUnknown(STORED.mlatEvent, r.event, r.id);
  const hop = r.hop === null ? null : storedValueOrUnknown(STORED.mlatHop, r.hop, r.id);
  return event === null || (r.hop !== null && hop === null) ? null : { event, hop, at: r.at };
}

async function tracking(uow: UnitOfWork, row: RequestRow): Promise<MlatTracking> {
  const { code, route, assistance } = treatyOf(row);
  const rows = await listMlatEvents(uow.tx, row.id);
  const records = rows.map(toRecord);
  const stage = mlatStage(route, records);
  const names = new Map(
    (
      await findUsers(
        uow.tx,
        rows.map((r) => r.recorded_by),
      )
    ).map((u) => [u.id, u.display_name]),
  );
  const issuedAt = new Date(row.issued_at ?? row.created_at);
  const latest = new Date(Math.max(uow.now.getTime(), issuedAt.getTime(), ...records.map((r) => Date.parse(r.at))));
  const doneHops = new Set(records.filter((r) => r.event === 'approved').map((r) => r.hop));
  const sentAbroad = stage.stage !== 'domestic' && stage.stage !== 'ready' && stage.stage !== 'returned';
  const ended = stage.stage === 'answered' || stage.stage === 'refused';
  const hopState = (h: MlatHop): 'done' | 'current' | 'waiting' | 'returned' => {
    if (!row.issued_at) return h === 'unit' ? 'current' : 'waiting';
    if (h === 'unit' || doneHops.has(h)) return 'done';
    if (stage.stage === 'returned') return stage.at === h ? 'returned' : 'waiting';
    if (h === 'foreign') return ended ? 'done' : sentAbroad ? 'current' : 'waiting';
    return stage.stage === 'domestic' && stage.at === h ? 'current' : 'waiting';
  };
  const candidates: Array<{ event: MlatEvent; hop: MlatHop | null }> =
    stage.stage === 'domestic'
      ? [
          { event: 'approved', hop: stage.at },
          { event: 'returned', hop: stage.at },
          { event: 'reminded', hop: null },
        ]
      : stage.stage === 'ready'
        ? [
            { event: 'sent', hop: null },
            { event: 'reminded', hop: null },
          ]
        : [
            { event: 'acknowledged', hop: null },
            { event: 'reminded', hop: null },
            { event: 'answered', hop: null },
            { event: 'refused', hop: null },
          ];
  const issued = row.issued_at !== null && !mlatWithdrawn(row);
  return {
    requestId: row.id,
    reference: row.reference,
    treaty: {
      code,
      label: treatyLabel(code ?? contentTreaty(row)),
      inForce: code ? MLAT_TREATY_FACTS[code].inForce : null,
    },
    assistance,
    route: route.map((h) => ({ ...h, state: hopState(h.hop) })),
    stage: stage.stage,
    events: rows.map((r) => ({
      seq: r.seq,
      ...toRecord(r),
      official: r.official,
      reference: r.reference,
      note: r.note,
      recordedBy: names.get(r.recorded_by) ?? r.recorded_by,
      recordedAt: r.recorded_at,
    })),
    reminder: issued ? mlatReminder(code ?? 'diplomatic', route, records, issuedAt, uow.now) : null,
    // Which steps may come next is a question of order, not of clock: each is asked at the latest instant
    // already on the route (an event recorded a moment ahead of the hub's clock must not hide the next).
    next: issued
      ? candidates.filter((c) => mlatEventProblem(route, records, c.event, c.hop, latest, issuedAt, latest) === null)
      : [],
  };
}

function contentTreaty(row: RequestRow): string {
  const c = contentOf(row);
  return c.kind === 'mlat' ? c.mlat.treaty : '';
}

/** The route and the foreign reply of an outgoing request, as its unit sees them. */
export async function mlatTracking(uow: UnitOfWork, p: Principal, id: string): Promise<MlatTracking> {
  return tracking(uow, await load(uow, p, id));
}

/** The unit records what happened on the route (audited); the order of the route is enforced. */
export async function recordMlatEvent(uow: UnitOfWork, p: Principal, id: string, raw: unknown): Promise<MlatTracking> {
  requirePermission(p, 'request.track_mlat');
  const row = await load(uow, p, id);
  const input = parseOrThrow(MlatEventInput, raw);
  if (mlatWithdrawn(row)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: 'この国際捜査共助要請は取り下げられています。経過は記録できません',
        en: 'this mutual-legal-assistance request was withdrawn: nothing more is recorded on its route',
      },
      { id, state: row.state },
    );
  }
  if (!row.issued_at || row.state === 'draft' || row.state === 'awaiting_approval') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: '所属長の決裁（電子署名）の後に経過を記録できます',
        en: 'the route is recorded once the unit head has signed the request',
      },
      { id, state: row.state },
    );
  }
  const { route } = treatyOf(row);
  const existing = await listMlatEvents(uow.tx, row.id);
  const at = toUtcIso(input.at, 'at');
  const needsHop = input.event === 'approved' || input.event === 'returned';
  const hop = needsHop ? (input.hop ?? null) : input.event === 'reminded' ? (input.hop ?? null) : 'foreign';
  if (needsHop && !input.hop) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: 'どこで承認・差戻しされたかを指定してください', en: 'say where it was approved or returned' },
      { field: 'hop' },
    );
  }
  const problem = mlatEventProblem(
    route,
    existing.map(toRecord),
    input.event,
    hop,
    new Date(at),
    new Date(row.issued_at),
    uow.now,
  );
  if (problem) throw new DomainError('ILLEGAL_TRANSITION', problem, { field: 'event', value: input.event });
  if ((input.event === 'returned' || input.event === 'refused') && !input.note) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '差戻し・拒否の理由を記録してください', en: 'record why it was returned or refused' },
      { field: 'note' },
    );
  }
  const seq = (existing.at(-1)?.seq ?? 0) + 1;
  await insertMlatEvent(uow.tx, {
    id: newId('mle'),
    request_id: row.id,
    seq,
    event: input.event,
    hop,
    at,
    official: input.official ?? null,
    reference: input.reference ?? null,
    note: input.note ?? null,
    recorded_by: p.id,
    recorded_at: uow.now.toISOString(),
  });
  await uow.auditBy(p, 'mlat.event_recorded', ['request', row.id], {
    seq,
    event: input.event,
    hop,
    at,
    ...(input.reference ? { reference: input.reference } : {}),
  });
  return tracking(uow, row);
}

/**
 * What each issued MLAT request of a list awaits and when a reminder is due (for the lists the unit
 * works from, like the other follow-ups): one query for the page.
 */
export async function mlatFollowUps(
  db: Db | Tx,
  rows: readonly RequestRow[],
  now: Date,
): Promise<Map<string, { dueAt: string; status: DeadlineStatus; remainingMs: number }>> {
  const live = rows.filter((r) => r.kind === 'mlat' && r.issued_at && r.state !== 'withdrawn' && r.state !== 'closed');
  const events = await listMlatEventsOf(
    db,
    live.map((r) => r.id),
  );
  const out = new Map<string, { dueAt: string; status: DeadlineStatus; remainingMs: number }>();
  for (const r of live) {
    const { code, route } = treatyOf(r);
    // A list shows no reminder for a request with an event this version cannot read (logged).
    const mine = events.filter((e) => e.request_id === r.id).map(readableRecord);
    if (!mine.every((e) => e !== null)) continue;
    const reminder = mlatReminder(code ?? 'diplomatic', route, mine, new Date(r.issued_at ?? r.created_at), now);
    if (reminder) {
      out.set(r.id, {
        dueAt: reminder.dueAt,
        status: reminder.status,
        remainingMs: Date.parse(reminder.dueAt) - now.getTime(),
      });
    }
  }
  return out;
}
