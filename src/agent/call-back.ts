import { z } from 'zod';
import { ApiError, unwrap } from '../client/client.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { phoneWords } from '../domain/shown-text.ts';
import { parseWallTime, TimeError, utcIso } from '../domain/time.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { SecondCheck } from '../domain/verification.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { findAgentRequest } from './agent.repository.ts';
import { DIALLED_MISSING } from './call-back-texts.ts';
import type { HubLink } from './hub.ts';
import { type CallBackHere, ownCallBack, withOwnCallBack } from './own-call-back.ts';
import { REVIEW_ZONE, when } from './render.ts';
import { envelopeOf, requireAgentRequest } from './request-row.ts';
import type { AgentRuntime } from './runner.ts';

// The call-back the hub asks before an emergency signed with a young credential (or a role no second
// person countersigned) is answered: a person of the provider calls the issuing unit on the number the
// directory registers for it. The installation reads what the hub asks from the hub's view of the request
// (GET /v1/requests/{id}: `secondCheck`), shows it on the review page before approval, and records the
// call-back a named reviewer made through the hub's `confirm_second_check` transition (the machine client
// holds `request.review`): the note names the reviewer, when they called and the outcome, and the
// installation audits it too. The next cycle then sends the approved answer. An emergency the installation
// asks a call-back for by its own pin (./own-call-back.ts) is shown so whatever the hub says, its call-back is
// recorded here (the audit entry), with or without the hub, and its answer waits here until it is.

/** What the hub says of a request that the review page shows beside what the installation verified. */
export interface HubRequestFacts {
  /** The call-back the hub asks before an answer, and whether it is recorded; null: none asked. */
  secondCheck: SecondCheck | null;
  /** The answer's deadline the hub set at delivery (moved on by a clarification's wait once answered). */
  deadlineAt: string | null;
  /** Since when the request waits on the requester's clarification (its clock stands still); null: it does not. */
  clarificationAskedAt: string | null;
  /** The drafter's and the approver's names, as the hub gives them (the pinned log names nobody). */
  draftedBy: string | null;
  approvedBy: string | null;
  /** The call-back shown is the one the installation asks of itself (recorded here), not the hub's alone. */
  ownCallBack?: boolean;
  /** With ownCallBack: the hub asks one too, so recording it records at the hub as well. */
  hubAsksToo?: boolean;
}

/** The hub's view of the request; the hub's refusal, or its absence, as an ApiError. */
async function readHubFacts(hub: HubLink, requestId: string): Promise<HubRequestFacts> {
  const r = await unwrap(hub.api.GET('/v1/requests/{id}', { params: { path: { id: requestId } } }));
  return {
    secondCheck: r.secondCheck ?? null,
    deadlineAt: r.deadlineAt,
    clarificationAskedAt: r.state === 'clarification_requested' ? r.clarificationAskedAt : null,
    draftedBy: r.draftedBy.displayName,
    approvedBy: r.approvedBy?.displayName ?? null,
  };
}

/** The hub's view of the request; null when there is no hub or it cannot be read. */
async function hubFactsIfRead(hub: HubLink | null, requestId: string): Promise<HubRequestFacts | null> {
  if (!hub) return null;
  try {
    return await readHubFacts(hub, requestId);
  } catch {
    return null;
  }
}

/**
 * What the review page shows beside what the installation verified: the hub's view of the request (null when
 * there is no hub or it cannot be read), with the call-back the installation asks of itself in place of the
 * hub's word on it (./own-call-back.ts) — shown even when the hub is not read.
 */
export async function hubRequestFacts(
  ctx: AppContext,
  hub: HubLink | null,
  requestId: string,
): Promise<HubRequestFacts | null> {
  const read = await hubFactsIfRead(hub, requestId);
  const own = await inTransaction(ctx, async (uow) => {
    const row = await findAgentRequest(uow.tx, requestId);
    return row ? ownCallBack(uow, row) : null;
  });
  if (!own) return read;
  const none = { deadlineAt: null, clarificationAskedAt: null, draftedBy: null, approvedBy: null };
  const hubAsksToo = read?.secondCheck?.required === true && !read.secondCheck.confirmedAt;
  return { ...(read ?? none), secondCheck: withOwnCallBack(read?.secondCheck, own), ownCallBack: true, hubAsksToo };
}

export const CallBackInput = z.strictObject({
  /** When the reviewer called, on the installation's clock (`YYYY-MM-DDThh:mm`, in its zone). */
  calledAt: z.string().trim().min(1, 'calledAt: when you called').max(40),
  /** Whom they reached and what the unit confirmed. */
  outcome: z.string().trim().min(1, 'outcome: whom you reached and what they confirmed').max(2000),
  /** The unit confirmed it issued the request: only then is the call-back recorded at the hub. */
  confirmed: z.literal('yes', { message: 'confirmed: tick it only when the unit confirmed it issued the request' }),
  /** The number the reviewer dialled (required when the installation asks the call-back itself). */
  dialled: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+\-() ]*$/, 'dialled: digits, +, -, ( ) and spaces only')
    .optional(),
});

/** The note the hub keeps with the call-back: who called, when, the number and the outcome (both languages). */
function noteOf(reviewer: string, calledAt: string, phone: string | null, outcome: string, dialled: string | null) {
  const number = (locale: 'ja' | 'en') => (phone ? ` ${phoneWords(phone, locale)}` : '');
  if (dialled) {
    return [
      `自社設置で記録: ${reviewer} が ${when(calledAt)} に照会元所属へ折り返し確認（電話した番号 ${dialled}）。結果: ${outcome}`,
      `Recorded at the provider's installation: ${reviewer} called the issuing unit back on ${dialled} ` +
        `at ${when(calledAt)}. Outcome: ${outcome}`,
    ].join('\n');
  }
  return [
    `自社設置で記録: ${reviewer} が ${when(calledAt)} に照会元所属の登録番号${number('ja')}へ折り返し確認。結果: ${outcome}`,
    `Recorded at the provider's installation: ${reviewer} called the issuing unit back on ` +
      `its registered number${number('en')} at ${when(calledAt)}. Outcome: ${outcome}`,
  ].join('\n');
}

/**
 * A reviewer records the call-back they made: refused in words when the hub asks none, it is already
 * recorded, the time is not a time or lies ahead, or the unit did not confirm; recorded at the hub, then
 * audited here with who, when and the outcome.
 */
export async function recordCallBack(rt: AgentRuntime, p: Principal, requestId: string, raw: unknown): Promise<void> {
  requirePermission(p, 'request.answer');
  const input = parseOrThrow(CallBackInput, raw);
  const row = await requireAgentRequest(rt.ctx.store.db, requestId);
  const hub = rt.hub;
  // The installation's own ask (by its pin) is recorded here, with or without the hub.
  const own = await inTransaction(rt.ctx, (uow) => ownCallBack(uow, row));
  const ownAsks = own !== null && own.recorded === null;
  if (!hub && !ownAsks) {
    if (own?.recorded) throw nothingToRecord(row.reference, own.recorded, null);
    throw new DomainError('ILLEGAL_TRANSITION', {
      ja: 'この設置はハブに接続していないため（ファイル連携）、折り返し確認はハブの画面で記録してください',
      en: "this installation does not reach the hub (file mode): record the call-back in the hub's pages",
    });
  }
  // The hub's registered number is the hub's word: the installation's own ask records a number the reviewer
  // knows apart from the hub (./call-back-texts.ts).
  const dialled = input.dialled ? input.dialled : null;
  if (ownAsks && !dialled) throw new DomainError('VALIDATION_FAILED', DIALLED_MISSING, { field: 'dialled' });
  let calledAt: string;
  try {
    calledAt = utcIso(parseWallTime(input.calledAt, REVIEW_ZONE).epochMs);
  } catch (err) {
    if (!(err instanceof TimeError)) throw err;
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: err.ja, en: err.en },
      { field: 'calledAt', value: input.calledAt },
    );
  }
  if (Date.parse(calledAt) > rt.ctx.clock().getTime() + 60_000) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `架電日時（${input.calledAt}）が未来です`,
        en: `the time of the call (${input.calledAt}) is in the future`,
      },
      { field: 'calledAt', value: input.calledAt },
    );
  }
  // A call before the request was issued (or, were it dated ahead, before it arrived here) confirmed nothing of
  // it. The form gives minutes: a call in the minute of the issue stands.
  const issuedAt = envelopeOf(row).payload.issuedAt;
  const since = Math.min(Date.parse(issuedAt), Date.parse(row.received_at));
  if (Date.parse(calledAt) < since - 60_000) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `架電日時（${input.calledAt}）が、要請の発出日時（${when(new Date(since).toISOString())}）より前です`,
        en:
          `the time of the call (${input.calledAt}) is before the request was issued ` +
          `(${when(new Date(since).toISOString())})`,
      },
      { field: 'calledAt', value: input.calledAt },
    );
  }
  let check: SecondCheck | null = null;
  try {
    if (hub) check = (await readHubFacts(hub, requestId)).secondCheck;
  } catch (err) {
    // Not read is not "none asked": the call-back waits until the hub says what it asks. A hub that
    // answered with a refusal of its own (the request gone, no longer the provider's) says it in its words.
    if (!(err instanceof ApiError)) throw err;
    // The installation's own ask needs no hub: recorded here (the hub's, if it asks one, waits for its pages).
    if (ownAsks) check = null;
    else if (err.status !== 0) throw new DomainError('CONFLICT', err.bilingual, { field: 'calledAt' });
    else
      throw new DomainError(
        'CONFLICT',
        {
          ja: `ハブから要請 ${row.reference} の折り返し確認の状況を読めないため、記録していません（${err.bilingual.ja}）。ハブに接続できるようになってから、もう一度記録してください`,
          en:
            `the call-back is not recorded: the hub's view of request ${row.reference} could ` +
            `not be read (${err.bilingual.en}); record it again once the hub can be reached`,
        },
        { field: 'calledAt' },
      );
  }
  const hubAsks = check?.required === true && !check.confirmedAt;
  if (!ownAsks && !hubAsks) throw nothingToRecord(row.reference, own?.recorded ?? null, check);
  // The hub's ask is recorded at the hub too; the installation's own only here (the hub asks none).
  if (hub && hubAsks) {
    const note = noteOf(p.displayName, calledAt, check?.callbackPhone ?? null, input.outcome, dialled);
    const body = { action: 'confirm_second_check' as const, note };
    try {
      await unwrap(hub.api.POST('/v1/requests/{id}/transitions', { params: { path: { id: requestId } }, body }));
    } catch (err) {
      // The hub's refusal in its words (the hub not reached: said as such by the transport's words).
      if (err instanceof ApiError) throw new DomainError('CONFLICT', err.bilingual, { field: 'calledAt' });
      throw err;
    }
  }
  await inTransaction(rt.ctx, (uow) =>
    uow.auditBy(p, 'agent.callback_recorded', ['request', requestId], {
      calledAt,
      outcome: input.outcome,
      // The number the page gave to call (the hub's registered number for the unit), when it gave one.
      number: check?.callbackPhone ?? null,
      // The number the reviewer says they dialled (null: not given).
      dialled,
    }),
  );
}

/** Why no call-back is to be recorded: recorded here already, the hub asks none, or the hub recorded it. */
function nothingToRecord(reference: string, here: CallBackHere | null, check: SecondCheck | null): DomainError {
  if (here) {
    return new DomainError(
      'CONFLICT',
      {
        ja: `折り返し確認はこの設置で記録済みです（${here.by}、${when(here.calledAt)}）`,
        en: `the call-back is already recorded here (${here.by}, ${when(here.calledAt)})`,
      },
      { field: 'calledAt' },
    );
  }
  if (!check?.required) {
    return new DomainError('ILLEGAL_TRANSITION', {
      ja: `ハブは要請 ${reference} に折り返し確認を求めていません`,
      en: `the hub asks no call-back for request ${reference}`,
    });
  }
  return new DomainError(
    'CONFLICT',
    {
      ja: `折り返し確認は記録済みです（${check.confirmedBy ?? ''}、${when(check.confirmedAt ?? '')}）`,
      en: `the call-back is already recorded (${check.confirmedBy ?? ''}, ${when(check.confirmedAt ?? '')})`,
    },
    { field: 'calledAt' },
  );
}
