import { z } from 'zod';
import { AssertionInput } from '../directory/credentials.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { type HeardRecord, requireProviderHeard } from '../domain/order-hearing.ts';
import { hearingDigest } from '../domain/order-hearing-signature.ts';
import type { SigningPreview } from '../domain/owner-signature.ts';
import { formatDateTime, JAPAN_ZONE } from '../domain/time.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { HEARD_PARTIES, HEARD_PARTY_LABELS, HEARING_MANNERS, type Locale } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderHearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { moveApplication, signingPreview, signingPreviewOf } from './application-kind.ts';
import type { DisclosureOrderApplication } from './disclosure-order-models.ts';
import { toView } from './disclosure-order-views.ts';
import { ORDER_APPLICATIONS, onSide, wrongState } from './disclosure-orders.ts';
import {
  hearingCheck,
  hearingRecordedPayload,
  hearingSignature,
  hearingWithdrawnPayload,
  signHearing,
} from './hearing-signature.ts';
import {
  findHearing,
  holdApplicationForHearings,
  insertHearing,
  listHearings,
  markHearingWithdrawn,
} from './order-hearing.repository.ts';

// The court hears the parties on a disclosure-order application (当事者の陳述聴取, art. 11(3)): a judge of
// the addressed court records whose statement was heard (the respondent provider or the petitioner), when,
// how (in writing or at a hearing date) and a short note, while the application is before the court. Each
// record is audited on the application like the court's other acts; the order is issued only once the
// provider was heard (disclosure-order-review.ts), a dismissal without any. A hearing recorded by mistake is
// withdrawn by a judge of the same court with the reason, while the application is before the court: the record
// stays, marked withdrawn (when, by whom, why; audited), and no longer counts for the order. Once an order was
// issued, its hearings stand as they were when the judge signed it (docs/decisions.md). Recording and withdrawing
// are signed with the acting judge's own passkey over the hearing's content (./hearing-signature.ts), checked
// before anything is kept; only a hearing whose signed record verifies counts for the order.

export const RecordHearingInput = z.strictObject({
  party: z.enum(HEARD_PARTIES),
  /** When the party was heard: an instant with its offset, not in the future, not before the filing. */
  heardAt: InstantSchema,
  manner: z.enum(HEARING_MANNERS),
  /** A short note: what was heard, or the paper it came in. */
  note: text(1, 1000),
  /** The judge's own credential's assertion over the hearing's digest (from the preview). */
  assertion: AssertionInput.optional(),
});

/** When the hearing was held, checked: not in the future, not before the application was filed. */
function checkHeardAt(heardAt: string, filedAt: string, now: Date): string {
  const at = parseInstant(heardAt, 'heardAt').epochMs;
  if (at > now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `陳述を聴いた日時（${heardAt}）が未来です`,
        en: `the time the party was heard (${heardAt}) is in the future`,
      },
      { field: 'heardAt', value: heardAt, now: now.toISOString() },
    );
  }
  if (at < Date.parse(filedAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `陳述を聴いた日時（${heardAt}）が申立て（${filedAt}）より前です`,
        en: `the time the party was heard (${heardAt}) is before the application was filed (${filedAt})`,
      },
      { field: 'heardAt', value: heardAt, earliest: filedAt },
    );
  }
  return new Date(at).toISOString();
}

/** The hearing the judge is about to record, checked, and what his passkey signs of it. */
async function recordInput(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  requirePermission(p, 'disclosure_order.decide');
  const row = await onSide(uow, p, id, 'court');
  if (row.state !== 'filed') throw wrongState(row, ['filed']);
  const input = parseOrThrow(RecordHearingInput, raw);
  const heardAt = checkHeardAt(input.heardAt, row.filed_at, uow.now);
  const hearing: DisclosureOrderHearingRow = {
    id: newId('dohr'),
    application_id: row.id,
    party: input.party,
    heard_at: heardAt,
    manner: input.manner,
    note: input.note,
    recorded_by: p.id,
    recorded_at: uow.now.toISOString(),
    withdrawn_at: null,
    withdrawn_by: null,
    withdraw_reason: null,
    record_key_id: null,
    record_signature: null,
    record_signed_at: null,
    withdraw_key_id: null,
    withdraw_signature: null,
    withdraw_signed_at: null,
  };
  const payload = hearingRecordedPayload(row, hearing);
  return { row, input, hearing, payload, digest: hearingDigest(payload) };
}

/** What the judge is about to sign when recording a hearing: canonical JSON and the digest his passkey signs. */
export const hearingPreview = signingPreviewOf(recordInput);

/**
 * A judge of the addressed court records that a party was heard on the application before the court, signed
 * with his own passkey; a missing or wrong signature refuses it, and nothing is kept.
 */
export async function recordHearing(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const { row, input, hearing, digest } = await recordInput(uow, p, id, raw);
  const signed = await signHearing(uow, p, row, 'record', digest, input.assertion);
  await refuseSameRecord(uow, row, digest);
  await insertHearing(uow.tx, {
    ...hearing,
    record_key_id: signed.keyId,
    record_signature: signed.signature,
    record_signed_at: signed.signedAt,
  });
  const moved = await moveApplication(uow, p, ORDER_APPLICATIONS, row, ['filed'], {}, 'disclosure_order.party_heard', {
    hearingId: hearing.id,
    party: input.party,
    heardAt: hearing.heard_at,
    manner: input.manner,
    keyId: signed.keyId,
    digest,
  });
  return toView(uow, p, moved, 'court');
}

/**
 * Refuses a record whose signed statement one already on the application has (withdrawn or not): the same
 * assertion sent again, or the same hearing recorded twice. What is signed names no hearing id, so a copy would
 * verify as well as the first; a record counts once (hearingSignature), and is kept once.
 */
async function refuseSameRecord(uow: UnitOfWork, row: DisclosureOrderApplicationRow, digest: string): Promise<void> {
  for (const h of await listHearings(uow.tx, row.id)) {
    if (hearingDigest(hearingRecordedPayload(row, h)) !== digest) continue;
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `${row.reference}: 同じ内容の陳述聴取の記録（${hearingInWords(h, 'ja')}）がすでにあります。` +
          '同じ署名を二度送ることはできません。取り消した記録をあらためて記録するときは、メモにその旨を書き添えてください',
        en:
          `${row.reference}: a record of the same content (${hearingInWords(h, 'en')}) is already there; ` +
          'the same signed record cannot be sent twice. To record a withdrawn hearing again, say so in the note',
      },
      { field: 'assertion', value: digest, hearingId: h.id },
    );
  }
}

/** Refuses to issue application `row`'s order made at `orderedAt` until the provider was heard (by then). */
export async function requireHeardBeforeOrder(
  uow: UnitOfWork,
  row: DisclosureOrderApplicationRow,
  orderedAt: string,
): Promise<void> {
  const heard: HeardRecord[] = [];
  const hearings = await listHearings(uow.tx, row.id);
  const check = await hearingCheck(uow, row, hearings);
  for (const h of hearings) {
    heard.push({
      party: storedValue(STORED.heardParty, h.party, h.id),
      heardAt: h.heard_at,
      withdrawn: h.withdrawn_at !== null,
      // Only a record the judge's signature verifies counts (checked now, never a stored verdict).
      verified: (await hearingSignature(uow, check, row, h, 'record')) === 'verified',
    });
  }
  requireProviderHeard(heard, parseInstant(orderedAt, 'orderedAt').epochMs, row.reference);
}

export const WithdrawHearingInput = z.strictObject({
  /** Why the record is withdrawn: what was recorded by mistake. */
  reason: text(1, 1000),
  /** The judge's own credential's assertion over the withdrawal's digest (from the preview). */
  assertion: AssertionInput.optional(),
});

/** A hearing in words, for a refusal: whose statement, heard when (in Japan). */
function hearingInWords(h: DisclosureOrderHearingRow, locale: Locale): string {
  const party = HEARD_PARTY_LABELS[storedValue(STORED.heardParty, h.party, h.id)][locale];
  const at = formatDateTime(new Date(h.heard_at), locale, JAPAN_ZONE);
  return locale === 'ja' ? `${party}の陳述聴取（${at}）` : `the hearing of ${party.toLowerCase()} (${at})`;
}

/** Why a hearing of `row` cannot be withdrawn now: the order was issued on it, or the court decided otherwise. */
function refuseAfterDecision(row: DisclosureOrderApplicationRow, h: DisclosureOrderHearingRow): DomainError {
  if (row.state !== 'issued') return wrongState(row, ['filed']);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja:
        `${row.reference}: 開示命令（${row.case_number ?? ''}）が発令された後は、${hearingInWords(h, 'ja')}の記録を` +
        '取り消せません。発令の前提となった記録は、署名された命令とともにそのまま残ります' +
        '（命令に不服のある当事者は異議の訴えによります）',
      en:
        `${row.reference}: once the order (${row.case_number ?? ''}) was issued, ${hearingInWords(h, 'en')} ` +
        'can no longer be withdrawn; the records the order was issued on stay as they were when it was signed ' +
        '(a party who disputes the order brings an objection suit)',
    },
    { field: 'state', value: row.state, hearingId: h.id },
  );
}

/** The withdrawal the judge is about to make of hearing `hearingId`, checked, and what his passkey signs of it. */
async function withdrawInput(uow: UnitOfWork, p: Principal, id: string, hearingId: string, raw: unknown) {
  requirePermission(p, 'disclosure_order.decide');
  // Taken before the application is read: an order issued meanwhile is seen, and an issue waits for this.
  await holdApplicationForHearings(uow.tx, uow.dialect, id);
  const row = await onSide(uow, p, id, 'court');
  const hearing = await findHearing(uow.tx, row.id, hearingId);
  if (!hearing) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `${row.reference} に、取り消そうとした陳述聴取の記録はありません`,
        en: `${row.reference} has no record of the hearing to be withdrawn`,
      },
      { field: 'hearingId', value: hearingId },
    );
  }
  if (row.state !== 'filed') throw refuseAfterDecision(row, hearing);
  const input = parseOrThrow(WithdrawHearingInput, raw);
  const already = () =>
    new DomainError(
      'CONFLICT',
      {
        ja: `${hearingInWords(hearing, 'ja')}の記録は、すでに取り消されています`,
        en: `${hearingInWords(hearing, 'en')} was already withdrawn`,
      },
      { field: 'hearingId', value: hearingId },
    );
  if (hearing.withdrawn_at !== null) throw already();
  const payload = hearingWithdrawnPayload(row, hearing, input.reason);
  return { row, hearing, input, already, payload, digest: hearingDigest(payload) };
}

/** What the judge is about to sign when withdrawing a hearing: canonical JSON and the digest his passkey signs. */
export async function withdrawHearingPreview(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  hearingId: string,
  raw: unknown,
): Promise<SigningPreview> {
  return signingPreview(uow, p, await withdrawInput(uow, p, id, hearingId, raw));
}

/**
 * A judge of the addressed court (the one who recorded it, or another of the same court) withdraws a hearing
 * recorded by mistake, saying why, while the application is before the court, signed with his own passkey. The
 * record is kept, marked withdrawn; it no longer counts for the order (requireHeardBeforeOrder). Audited on the
 * application.
 */
export async function withdrawHearing(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  hearingId: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  const { row, hearing, input, already, digest } = await withdrawInput(uow, p, id, hearingId, raw);
  const signed = await signHearing(uow, p, row, 'withdraw', digest, input.assertion);
  const withdrawal = {
    withdrawn_at: uow.now.toISOString(),
    withdrawn_by: p.id,
    withdraw_reason: input.reason,
    withdraw_key_id: signed.keyId,
    withdraw_signature: signed.signature,
    withdraw_signed_at: signed.signedAt,
  };
  if (!(await markHearingWithdrawn(uow.tx, hearing.id, withdrawal))) throw already();
  const moved = await moveApplication(
    uow,
    p,
    ORDER_APPLICATIONS,
    row,
    ['filed'],
    {},
    'disclosure_order.hearing_withdrawn',
    {
      hearingId: hearing.id,
      party: hearing.party,
      heardAt: hearing.heard_at,
      reason: input.reason,
      keyId: signed.keyId,
      digest,
    },
  );
  return toView(uow, p, moved, 'court');
}
