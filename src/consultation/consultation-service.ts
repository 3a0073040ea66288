import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { detectUrgency, firstStepOf, PLAYBOOKS, type Playbook } from '../domain/consultation.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { shownInput } from '../domain/shown-text.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_CHANNELS,
  CONSULTATION_REFERRALS,
  CONSULTATION_STATES,
  CONSULTATION_URGENCIES,
  type ConsultationCategory,
  type ConsultationChannel,
  type ConsultationReferral,
  type ConsultationState,
  type ConsultationUrgency,
} from '../domain/vocabulary.ts';
import { MAIL_LIMITS } from '../evidence/mail/headers.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { nextYearlyReference } from '../store/counters.ts';
import type { ConsultationRow } from '../store/schema.ts';
import { STORED, storedValue, storedValuesKnown } from '../store/stored-values.ts';
import {
  findConsultation,
  insertConsultation,
  listConsultationRows,
  updateConsultation,
} from './consultation.repository.ts';

// The consultation desk as use cases: record what a person tells the desk, close it with advice and
// referrals, or open a case whose first request is drafted from what was recorded.

export const RecordConsultationInput = z.strictObject({
  category: z.enum(CONSULTATION_CATEGORIES),
  channel: z.enum(CONSULTATION_CHANNELS),
  /** When the person came or called; now when absent. Never in the future. */
  receivedAt: InstantSchema.optional(),
  person: z.strictObject({ name: text(1, 200).optional(), contact: text(1, 300).optional() }).optional(),
  /** What the person said happened, in the desk's words. */
  account: text(1, 10000),
  /** What the account points at: a post's URL, an e-mail address, an account, a telephone number. */
  targets: z.array(TargetSchema).max(20).default([]),
  /** The header block of an e-mail the person received, as it came. */
  mailHeaders: z.string().min(1).max(MAIL_LIMITS.maxHeaderBytes).optional(),
  /** The desk's own judgement of urgency; what the account says can only raise it. */
  urgency: z.enum(CONSULTATION_URGENCIES).default('none'),
});

export const AdviseConsultationInput = z.strictObject({
  referrals: z.array(z.enum(CONSULTATION_REFERRALS)).max(CONSULTATION_REFERRALS.length),
  note: text(1, 5000).optional(),
});

export const ConsultationListQuery = z.strictObject({
  state: z.enum(CONSULTATION_STATES).optional(),
  category: z.enum(CONSULTATION_CATEGORIES).optional(),
});

export interface MailOrigin {
  originatingIp: string | null;
  /** The source port written with it (`[ip]:port`); absent in origins stored before it was kept. */
  originatingPort?: number | null;
  at: string | null;
  warnings: number;
}

export interface ConsultationSummary {
  id: string;
  reference: string;
  category: ConsultationCategory;
  channel: ConsultationChannel;
  state: ConsultationState;
  urgency: ConsultationUrgency;
  receivedAt: string;
  caseId: string | null;
}

export interface Consultation extends ConsultationSummary {
  person: { name: string | null; contact: string | null };
  account: string;
  targets: Target[];
  hasMailHeaders: boolean;
  urgencySignals: string[];
  referrals: ConsultationReferral[];
  adviceNote: string | null;
  firstRequests: string[];
  mailOrigin: MailOrigin | null;
  firstStep: 'board_inquiry' | 'mail_analysis' | 'none';
  playbook: Playbook;
  createdAt: string;
  updatedAt: string;
}

const toSummary = (r: ConsultationRow): ConsultationSummary => ({
  id: r.id,
  reference: r.reference,
  category: storedValue(STORED.consultationCategory, r.category, r.id),
  channel: storedValue(STORED.consultationChannel, r.channel, r.id),
  state: storedValue(STORED.consultationState, r.state, r.id),
  urgency: storedValue(STORED.consultationUrgency, r.urgency, r.id),
  receivedAt: r.received_at,
  caseId: r.case_id,
});

export function toConsultation(r: ConsultationRow): Consultation {
  const summary = toSummary(r);
  const targets = JSON.parse(r.targets) as Target[];
  const hasMailHeaders = r.mail_headers !== null;
  return {
    ...summary,
    person: { name: r.person_name, contact: r.person_contact },
    account: r.account,
    targets,
    hasMailHeaders,
    urgencySignals: JSON.parse(r.urgency_signals) as string[],
    referrals: JSON.parse(r.referrals) as ConsultationReferral[],
    adviceNote: r.advice_note,
    firstRequests: JSON.parse(r.first_requests) as string[],
    mailOrigin: r.mail_origin ? (JSON.parse(r.mail_origin) as MailOrigin) : null,
    firstStep: firstStepOf({ targets, hasMailHeaders }),
    playbook: PLAYBOOKS[summary.category],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const notFound = (id: string) =>
  new DomainError(
    'NOT_FOUND',
    { ja: `相談 ${shownInput(id)} は存在しません`, en: `consultation ${shownInput(id)} does not exist` },
    { field: 'id', value: id },
  );

export async function loadOwnConsultation(uow: UnitOfWork, p: Principal, id: string): Promise<ConsultationRow> {
  const r = await findConsultation(uow.tx, id);
  if (!r || r.organisation_id !== p.organisationId) throw notFound(id);
  return r;
}

/** The desk records a consultation; the account is read for signs of a suicide notice or a threat. */
export async function recordConsultation(uow: UnitOfWork, p: Principal, raw: unknown): Promise<Consultation> {
  requirePermission(p, 'consultation.record');
  const input = parseOrThrow(RecordConsultationInput, raw);
  const at = uow.now.toISOString();
  let receivedAt = at;
  if (input.receivedAt !== undefined) {
    const parsed = parseInstant(input.receivedAt, 'receivedAt');
    if (parsed.epochMs > uow.now.getTime()) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `相談の受理日時（${input.receivedAt}）が未来の日時です`,
          en: `the time the consultation was received (${input.receivedAt}) is in the future`,
        },
        { field: 'receivedAt', value: input.receivedAt, now: at },
      );
    }
    receivedAt = new Date(parsed.epochMs).toISOString();
  }
  const finding = detectUrgency(input.account, input.urgency);
  const row: ConsultationRow = {
    id: newId('con'),
    reference: await nextYearlyReference(uow.tx, 'consultation', 'CON', uow.now),
    organisation_id: p.organisationId,
    unit_id: p.unitId,
    category: input.category,
    channel: input.channel,
    state: 'open',
    urgency: finding.urgency,
    urgency_signals: JSON.stringify(finding.signals),
    received_at: receivedAt,
    person_name: input.person?.name ?? null,
    person_contact: input.person?.contact ?? null,
    account: input.account,
    targets: JSON.stringify(input.targets),
    mail_headers: input.mailHeaders ?? null,
    referrals: '[]',
    advice_note: null,
    case_id: null,
    first_requests: '[]',
    mail_origin: null,
    recorded_by: p.id,
    created_at: at,
    updated_at: at,
  };
  await insertConsultation(uow.tx, row);
  await uow.auditBy(p, 'consultation.recorded', ['consultation', row.id], {
    reference: row.reference,
    category: row.category,
    urgency: row.urgency,
  });
  return toConsultation(row);
}

/** The organisation's consultations, newest first: no personal data, so the list is not a read of it. */
export async function listConsultations(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown = {},
): Promise<ConsultationSummary[]> {
  requirePermission(p, 'consultation.read');
  const q = parseOrThrow(ConsultationListQuery, raw);
  const rows = await listConsultationRows(uow.tx, {
    organisationId: p.organisationId,
    ...(q.state ? { state: q.state } : {}),
    ...(q.category ? { category: q.category } : {}),
    limit: 500,
  });
  // A row with a word this version does not know is left out of the list (and logged).
  const known = (r: ConsultationRow) =>
    storedValuesKnown(
      r.id,
      [STORED.consultationCategory, r.category],
      [STORED.consultationChannel, r.channel],
      [STORED.consultationState, r.state],
      [STORED.consultationUrgency, r.urgency],
    );
  return rows.filter(known).map(toSummary);
}

/** One consultation with what the person said: a read of personal data, audited. */
export async function getConsultation(uow: UnitOfWork, p: Principal, id: string): Promise<Consultation> {
  requirePermission(p, 'consultation.read');
  const r = await loadOwnConsultation(uow, p, id);
  await uow.auditBy(p, 'consultation.viewed', ['consultation', r.id]);
  return toConsultation(r);
}

export function requireOpen(r: ConsultationRow): void {
  if (r.state === 'case_opened') {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `相談 ${r.reference} は既に事件化されています`,
        en: `consultation ${r.reference} has already become a case`,
      },
      { field: 'state', value: r.state },
    );
  }
}

/** The desk closes a consultation with the advice given and the places the person was referred to. */
export async function adviseConsultation(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<Consultation> {
  requirePermission(p, 'consultation.record');
  const r = await loadOwnConsultation(uow, p, id);
  const input = parseOrThrow(AdviseConsultationInput, raw);
  requireOpen(r);
  const changes = {
    state: 'advised',
    referrals: JSON.stringify([...new Set(input.referrals)]),
    advice_note: input.note ?? null,
    updated_at: uow.now.toISOString(),
  } satisfies Partial<ConsultationRow>;
  await updateConsultation(uow.tx, r.id, changes);
  await uow.auditBy(p, 'consultation.advised', ['consultation', r.id], { referrals: input.referrals });
  return toConsultation({ ...r, ...changes });
}

/** The desk's playbook of every category (no personal data). */
export async function consultationPlaybooks(_uow: UnitOfWork, p: Principal): Promise<Playbook[]> {
  requirePermission(p, 'consultation.read');
  return CONSULTATION_CATEGORIES.map((c) => PLAYBOOKS[c]);
}
