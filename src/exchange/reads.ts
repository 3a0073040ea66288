import { answerHeldBack, presentedOrderStanding } from '../court/order-standing.ts';
import { DEVICE_SEAL_ALG } from '../crypto/device-seal.ts';
import { findOrganisations, findUnits, findUsers } from '../directory/directory.repository.ts';
import { keyById } from '../directory/key.repository.ts';
import { providerCategoryOf } from '../directory/lookups.ts';
import { documentFactsOf } from '../documents/facts.ts';
import {
  actionsFor,
  listScope,
  mayReadContent,
  type Principal,
  type RequestAccessFacts,
  type Side,
} from '../domain/access.ts';
import { doNotNotifyOf } from '../domain/confidentiality.ts';
import { documentsOffered } from '../domain/documents.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from '../domain/envelope.ts';
import {
  followUpStatus,
  PAPERWORK_DUE_SOON_MS,
  PAPERWORK_ESCALATION_MS,
  PRESERVATION_REMINDER_MS,
  paperworkDue,
} from '../domain/follow-up.ts';
import { allowedActions } from '../domain/lifecycle.ts';
import type { RequestContent } from '../domain/request-content.ts';
import type { Target } from '../domain/targets.ts';
import { renderedNotice } from '../domain/thread-notice.ts';
import type { VerificationReport } from '../domain/verification.ts';
import type { LinkSource, RequestKind, RequestState } from '../domain/vocabulary.ts';
import { hearingHeldInSystem } from '../hearing/hearing.repository.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestLinkRow, RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf, STORED, storedOptional, storedValueOrUnknown } from '../store/stored-values.ts';
import { dutyCoverOf } from './approval.ts';
import { deadlineOf } from './deadline-of.ts';
import { installationOf, offeredHere } from './installation-taken.ts';
import { mlatFollowUps } from './mlat-route.ts';
import type { ChainHop, RequestDetail, RequestSummary } from './read-models.ts';
import {
  findAnswer,
  findPaperworkFor,
  findPaperworkForMany,
  findRequest,
  linksOf,
  listMessages,
  listRequestRows,
} from './request.repository.ts';
import { contentOf, contentWithheld, loadVisible, secondCheckOf } from './requests.ts';
import { withdrawalOf } from './withdrawal.ts';

type Names = Map<string, { nameJa: string; nameEn: string }>;

async function names(db: Db | Tx, orgIds: string[], unitIds: string[]): Promise<{ orgs: Names; units: Names }> {
  const orgs: Names = new Map();
  const units: Names = new Map();
  for (const r of await findOrganisations(db, orgIds)) orgs.set(r.id, { nameJa: r.name_ja, nameEn: r.name_en });
  for (const r of await findUnits(db, unitIds)) units.set(r.id, { nameJa: r.name_ja, nameEn: r.name_en });
  return { orgs, units };
}

const ref = (m: Names, id: string) => ({ id, ...(m.get(id) ?? { nameJa: id, nameEn: id }) });

/** A request's summary; its kind and state as read (checked) by the caller. */
function summary(
  row: RequestRow,
  { kind, state }: { kind: RequestKind; state: RequestState },
  content: RequestContent,
  n: { orgs: Names; units: Names },
  now: Date,
  followUp: RequestSummary['followUp'] = null,
): RequestSummary {
  const verification = row.verification ? (JSON.parse(row.verification) as VerificationReport) : null;
  return {
    id: row.id,
    reference: row.reference,
    kind,
    state,
    agency: ref(n.orgs, row.agency_organisation_id),
    unit: ref(n.units, row.unit_id),
    provider: row.provider_organisation_id ? ref(n.orgs, row.provider_organisation_id) : null,
    caseId: row.case_id,
    caseReference: content.caseReference,
    offence: content.offence,
    targetCount: content.targets.length,
    categories: content.categories,
    emergency: row.kind === 'emergency',
    verified: verification ? verification.ok : null,
    issuedAt: row.issued_at,
    deadlineAt: row.deadline_at,
    ...deadlineOf(row, { kind, state }, now),
    followUp,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Summaries for a list, in the rows' order; `metadataOnly` (the oversight body's lists) leaves out the case reference
 * and offence. A row whose kind or state this version does not know is left out (logged): match by id, not index.
 */
export async function toSummaries(
  db: Db | Tx,
  rows: RequestRow[],
  now: Date,
  metadataOnly = false,
): Promise<RequestSummary[]> {
  const n = await names(
    db,
    rows.flatMap((r) => [
      r.agency_organisation_id,
      ...(r.provider_organisation_id ? [r.provider_organisation_id] : []),
    ]),
    rows.map((r) => r.unit_id),
  );
  // Stored content was validated when it was written: lists read it without parsing it again.
  // What must follow an answer shows in lists too (the head sees the paperwork escalate there): the
  // paperwork of all the page's answered emergencies in one query.
  const paperwork = await findPaperworkForMany(
    db,
    rows.filter((r) => r.kind === 'emergency' && r.answered_at),
  );
  const mlat = await mlatFollowUps(db, rows, now);
  const out: RequestSummary[] = [];
  for (const r of rows) {
    const kind = storedValueOrUnknown(STORED.requestKind, r.kind, r.id);
    const state = kind === null ? null : storedValueOrUnknown(STORED.requestState, r.state, r.id);
    if (kind === null || state === null) continue;
    const s = summary(
      r,
      { kind, state },
      JSON.parse(r.content) as RequestContent,
      n,
      now,
      await followUpOf(db, r, now, paperwork, mlat),
    );
    out.push(metadataOnly ? { ...s, caseReference: null, offence: null, followUp: null } : s);
  }
  return out;
}

/**
 * A request as this principal may see it: the provider never sees the agency's internal notes; the
 * oversight body sees metadata and the timeline, and the content only through a recorded break-glass.
 */
export async function toDetail(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  side: Side,
  facts: RequestAccessFacts,
): Promise<RequestDetail> {
  const readable = mayReadContent(side, facts);
  const db = uow.tx;
  const n = await names(
    db,
    [row.agency_organisation_id, ...(row.provider_organisation_id ? [row.provider_organisation_id] : [])],
    [row.unit_id],
  );
  const people = await findUsers(db, [row.drafted_by, ...(row.approved_by ? [row.approved_by] : [])]);
  const users = new Map(people.map((u) => [u.id, u.display_name]));
  const messages = await listMessages(db, row.id, side === 'provider' ? ['internal_note'] : []);
  const installation = await installationOf(db, row, side);
  const ans = await findAnswer(db, row.id);
  let answer: RequestDetail['answer'] = null;
  if (ans) {
    const box = JSON.parse(ans.sealed) as { recipientKeyId?: string; alg?: string };
    const signer = await keyById(db, ans.signing_key_id);
    const recipient = box.recipientKeyId ? await keyById(db, box.recipientKeyId) : undefined;
    answer = {
      outcome: ans.outcome,
      signedBy: signer?.fingerprint ?? '',
      createdAt: ans.created_at,
      sealedFor: recipient?.fingerprint ?? '',
      opensOn: box.alg === DEVICE_SEAL_ALG ? 'device' : 'hub',
    };
  }
  const content = contentOf(row);
  const known = { kind: requestKindOf(row), state: requestStateOf(row) };
  const base = summary(row, known, content, n, uow.now, await followUpOf(db, row, uow.now));
  const orderStanding = readable ? await presentedOrderStanding(uow, content, row) : null;
  const answerable = !orderStanding || answerHeldBack(orderStanding, '') === null;
  // A hearing held through its letter (or recorded impossible): the provider's page shows it (and asks for it only
  // then), and it records the opinion by its decision only.
  const hearingHeld = side === 'provider' && (await hearingHeldInSystem(db, row.id));
  const byHearing = row.state === 'awaiting_opinion' && hearingHeld;
  return {
    ...base,
    ...(readable ? {} : { caseReference: null, offence: null }),
    draftedBy: { id: row.drafted_by, displayName: users.get(row.drafted_by) ?? row.drafted_by },
    approvedBy: row.approved_by
      ? { id: row.approved_by, displayName: users.get(row.approved_by) ?? row.approved_by }
      : null,
    content: readable ? content : null,
    contentWithheld: !readable,
    receivedAt: row.received_at,
    opinionDeadlineAt: row.opinion_deadline_at,
    hearingHeld,
    documents: documentsOffered(side, (await documentFactsOf(db, p, row, facts)).facts),
    preservationUntil: row.preservation_until,
    preservationExtended: row.preservation_extended === 1,
    declineReason: storedOptional(STORED.declineReason, row.decline_reason, row.id),
    // The provider's own words are content too: the oversight body reads that it declined, and why by code.
    declineNote: readable ? row.decline_note : null,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    envelopeId: row.envelope_id,
    verification: row.verification ? (JSON.parse(row.verification) as VerificationReport) : null,
    // The agency sees that a call-back was asked and made; the provider sees the number to call; the
    // oversight body (content withheld) that it was asked and made, by whom and when, not the number or note.
    secondCheck: secondCheckOf(row, readable),
    // Thread bodies are content too: the oversight body sees who wrote when, not what.
    // A notice of the system is rendered in both languages; the reader's interface shows theirs.
    messages: messages.map((m) => ({
      ...m,
      body: readable ? m.body : '',
      notice: readable ? renderedNotice(m.notice) : null,
    })) as RequestDetail['messages'],
    answer,
    viewerSide: side,
    providerCategory: await providerCategoryOf(db, row.provider_organisation_id),
    courtOrderStanding: orderStanding,
    installation,
    withdrawal: readable ? await withdrawalOf(uow, row) : null,
    // A request marked do-not-notify offers no hearing of the subscriber (秘匿).
    allowedActions: actionsFor(p, facts, allowedActions(base.kind, base.state), {
      covers: row.state === 'awaiting_approval' && side === 'agency' && (await dutyCoverOf(uow, p, row)) !== undefined,
    })
      .filter((a) => a !== 'start_opinion_hearing' || doNotNotifyOf(content) === undefined)
      .filter((a) => a !== 'record_opinion' || !byHearing)
      .filter((a) => (a !== 'answer' || answerable) && offeredHere(p, installation, a)),
    chain: side === 'agency' && readable ? await chainOf(db, row) : { follows: [], followedBy: [] },
  };
}

/** The paperwork an emergency answer calls for, or the end of a preservation, with its status now. */
async function followUpOf(
  db: Db | Tx,
  row: RequestRow,
  now: Date,
  known?: Map<string, Pick<RequestRow, 'id' | 'reference'>>,
  mlat?: Awaited<ReturnType<typeof mlatFollowUps>>,
): Promise<RequestDetail['followUp']> {
  if (row.kind === 'mlat') {
    // The foreign reply (or a central authority's step) awaited, with its reminder.
    const m = (mlat ?? (await mlatFollowUps(db, [row], now))).get(row.id);
    return m ? { kind: 'mlat_reply', ...m, doneBy: null } : null;
  }
  if (row.kind === 'emergency' && row.answered_at) {
    const due = paperworkDue(new Date(row.answered_at));
    const done = (known ? known.get(row.id) : await findPaperworkFor(db, row)) ?? null;
    const s = followUpStatus(due, now, done !== null, PAPERWORK_DUE_SOON_MS, PAPERWORK_ESCALATION_MS);
    return { kind: 'paperwork', dueAt: due.toISOString(), ...s, doneBy: done };
  }
  if (row.kind === 'preservation' && row.preservation_until) {
    const settled = row.state === 'closed' || row.state === 'withdrawn';
    const s = followUpStatus(new Date(row.preservation_until), now, settled, PRESERVATION_REMINDER_MS, null);
    return { kind: 'preservation_end', dueAt: row.preservation_until, ...s, doneBy: null };
  }
  return null;
}

/** The links whose source this version knows: one it does not is left out of a list (and logged). */
function readableLinks(links: RequestLinkRow[]) {
  return links.flatMap((l) => {
    const source = storedValueOrUnknown(STORED.linkSource, l.source, l.id);
    return source === null ? [] : [{ ...l, source }];
  });
}

/** What a request follows and what follows it: links to requests of the same agency only. */
async function chainOf(db: Db | Tx, row: RequestRow): Promise<RequestDetail['chain']> {
  const links = readableLinks(await linksOf(db, [row.id]));
  const others = new Map<string, RequestRow>();
  for (const l of links) {
    for (const id of [l.from_request_id, l.to_request_id]) {
      if (id && id !== row.id && !others.has(id)) {
        const other = await findRequest(db, id);
        if (other && other.agency_organisation_id === row.agency_organisation_id) others.set(id, other);
      }
    }
  }
  const hop = (id: string | null, l: (typeof links)[number]): ChainHop => ({
    requestId: id,
    reference: id ? (others.get(id)?.reference ?? null) : null,
    source: l.source,
    identifier: JSON.parse(l.identifier) as Target,
    at: l.created_at,
  });
  return {
    follows: links
      .filter((l) => l.to_request_id === row.id && (l.from_request_id === null || others.has(l.from_request_id)))
      .map((l) => hop(l.from_request_id, l)),
    followedBy: links
      .filter((l) => l.from_request_id === row.id && others.has(l.to_request_id))
      .map((l) => hop(l.to_request_id, l)),
  };
}

/** Opens a request for reading: its content names people and their identifiers, so every read is audited. */
export async function viewRequest(uow: UnitOfWork, p: Principal, id: string): Promise<RequestDetail> {
  const { row, side, facts } = await loadVisible(uow.tx, p, id, uow.now);
  await uow.auditBy(p, 'request.viewed', ['request', id], {
    side,
    content: mayReadContent(side, facts) ? 'read' : 'withheld',
  });
  return toDetail(uow, p, row, side, facts);
}

/** The detail of a request the principal just changed (still theirs to see, or NOT_FOUND). */
export async function detailAfterChange(uow: UnitOfWork, p: Principal, row: RequestRow): Promise<RequestDetail> {
  const { side, facts } = await loadVisible(uow.tx, p, row.id, uow.now);
  return toDetail(uow, p, row, side, facts);
}

export interface ListRequestsInput {
  states?: RequestState[];
  kinds?: RequestKind[];
  caseId?: string;
  limit: number;
  cursor?: { updatedAt: string; id: string };
}

/** The requests in the principal's scope, newest first; one extra row tells whether more follow. */
export async function listRequests(
  uow: UnitOfWork,
  p: Principal,
  input: ListRequestsInput,
): Promise<{ items: RequestSummary[]; next: { updatedAt: string; id: string } | null }> {
  const scope = listScope(p);
  if (scope.kind === 'none') return { items: [], next: null };
  const rows = await listRequestRows(uow.tx, {
    scope,
    limit: input.limit + 1,
    ...(input.states ? { states: input.states } : {}),
    ...(input.kinds ? { kinds: input.kinds } : {}),
    ...(input.caseId ? { caseId: input.caseId } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: await toSummaries(uow.tx, page, uow.now, scope.kind === 'all'),
    next: rows.length > input.limit && last ? { updatedAt: last.updated_at, id: last.id } : null,
  };
}

/** The signed envelope of a request (its content names people): reading it is audited. */
export async function readEnvelope(uow: UnitOfWork, p: Principal, id: string): Promise<SignedEnvelope | null> {
  const { row, side, facts } = await loadVisible(uow.tx, p, id, uow.now);
  if (!mayReadContent(side, facts)) throw contentWithheld(id);
  await uow.auditBy(p, 'request.viewed', ['request', id], { envelope: true, side });
  return row.envelope ? SignedEnvelopeSchema.parse(JSON.parse(row.envelope)) : null;
}

/**
 * The chain of one case (the case page): its requests with what each asks about, and the links
 * between them — which request followed from which answer or e-mail, about which identifier.
 */
export async function caseChain(
  uow: UnitOfWork,
  p: Principal,
  caseId: string,
): Promise<{ requests: Array<RequestSummary & { targets: Target[] }>; links: CaseLink[] }> {
  const scope = listScope(p);
  if (scope.kind !== 'agency') return { requests: [], links: [] };
  const rows = await listRequestRows(uow.tx, { scope, caseId, limit: 500 });
  const summaries = await toSummaries(uow.tx, rows, uow.now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const visible = new Set(summaries.map((s) => s.id)); // a request left out of the list links to nothing
  const links = readableLinks(await linksOf(uow.tx, [...visible]))
    .filter((l) => visible.has(l.to_request_id) && (l.from_request_id === null || visible.has(l.from_request_id)))
    .map((l) => ({
      from: l.from_request_id,
      to: l.to_request_id,
      source: l.source,
      identifier: JSON.parse(l.identifier) as Target,
      at: l.created_at,
    }));
  return {
    requests: summaries.map((s) => ({
      ...s,
      targets: (JSON.parse(byId.get(s.id)?.content ?? '{}') as RequestContent).targets,
    })),
    links,
  };
}

export interface CaseLink {
  from: string | null;
  to: string;
  source: LinkSource;
  identifier: Target;
  at: string;
}
