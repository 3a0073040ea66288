import { canonicalJson } from '../crypto/canonical.ts';
import { type AssertionInput, checkAssertion } from '../directory/credentials.ts';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { toPublicKey } from '../directory/key.repository.ts';
import { loggedKey, type SignedLog, signedLog } from '../directory/published-log.ts';
import type { Principal } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import { judgeRecordSignature } from '../domain/judge-record-signature.ts';
import { keyCompromisedBy } from '../domain/key-trust.ts';
import {
  HEARING_RECORDED_PURPOSE,
  HEARING_WITHDRAWN_PURPOSE,
  type HearingRecordedPayload,
  type HearingSignature,
  type HearingWithdrawnPayload,
  hearingDigest,
} from '../domain/order-hearing-signature.ts';
import { ownerSignatureVerifies, SKEW_MS } from '../domain/verification.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { judgeCredential } from '../exchange/warrants.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderHearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import type { PartyHeard } from './disclosure-order-models.ts';

// The judge's passkey signature over a hearing he records on a disclosure-order application, and over its
// withdrawal: the payload built from the hearing's columns (the row about to be saved when signing, the saved
// one when reading), the assertion checked against his current signing credential before anything is kept,
// and the verdict on a stored record, checked again whenever it is shown or counted (never a stored verdict).
// The hub holds no key to sign for the court (docs/security.md).

type Application = DisclosureOrderApplicationRow;
type Hearing = DisclosureOrderHearingRow;

/** What the judge signs when recording hearing `h` of application `app`. */
export function hearingRecordedPayload(
  app: Application,
  h: Pick<Hearing, 'id' | 'party' | 'heard_at' | 'manner' | 'note'>,
): HearingRecordedPayload {
  return {
    purpose: HEARING_RECORDED_PURPOSE,
    applicationId: app.id,
    reference: app.reference,
    courtOrganisationId: app.court_organisation_id,
    party: storedValue(STORED.heardParty, h.party, h.id),
    heardAt: h.heard_at,
    manner: storedValue(STORED.hearingManner, h.manner, h.id),
    note: h.note,
  };
}

/** What the judge signs when withdrawing hearing `h` of application `app` for `reason`. */
export function hearingWithdrawnPayload(app: Application, h: Hearing, reason: string): HearingWithdrawnPayload {
  return {
    purpose: HEARING_WITHDRAWN_PURPOSE,
    applicationId: app.id,
    reference: app.reference,
    courtOrganisationId: app.court_organisation_id,
    hearingDigest: hearingDigest(hearingRecordedPayload(app, h)),
    reason,
  };
}

/** The act a signature is over, in words for a refusal. */
const ACT_WORDS = {
  record: { ja: '陳述聴取の記録', en: 'the record of the hearing' },
  withdraw: { ja: '陳述聴取の記録の取消し', en: 'the withdrawal of the hearing' },
} as const satisfies Record<string, Bilingual>;

export type HearingAct = keyof typeof ACT_WORDS;

/**
 * Checks the judge's assertion over `digest` against his current signing credential, which must be one of
 * the court the application is before: the key, the packed signature and when he signed, to store with the
 * record. A missing or wrong signature refuses the act, saying which act and what is wrong (`assertion`).
 */
export async function signHearing(
  uow: UnitOfWork,
  p: Principal,
  app: Application,
  act: HearingAct,
  digest: string,
  assertion: AssertionInput | undefined,
): Promise<{ keyId: string; signature: string; signedAt: string }> {
  const what = ACT_WORDS[act];
  try {
    const own = await judgeCredential(uow, p);
    if (own.organisation_id !== app.court_organisation_id) {
      throw new DomainError(
        'FORBIDDEN',
        {
          ja: 'あなたの署名用認証器は、この申立てを審理している裁判所のものではありません',
          en: 'your signing credential is not one of the court the application is before',
        },
        { field: 'assertion', value: own.id },
      );
    }
    // A signature that would read `not_judge` the moment it is kept is refused now (as a warrant is).
    const now = uow.now.toISOString();
    if (await hubJudgeRefusal(uow.tx, uow.now, toPublicKey(own), app.court_organisation_id, now)) {
      throw new DomainError(
        'FORBIDDEN',
        {
          ja: 'ハブの記録では、あなたは現在この申立てを審理している裁判所の裁判官ではありません',
          en: "by the hub's record you are not now a judge of the court the application is before",
        },
        { field: 'assertion', value: own.id, reason: 'not_judge' },
      );
    }
    const signature = packOwnerSignature(await checkAssertion(uow, own, digest, assertion));
    return { keyId: own.id, signature, signedAt: now };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw new DomainError(
      e.code,
      {
        ja: `${app.reference}: ${what.ja}には、裁判官ご本人の認証器（パスキー）による署名が必要です。${e.messages.ja}`,
        en: `${app.reference}: ${what.en} must be signed with the judge's own credential (passkey); ${e.messages.en}`,
      },
      { ...e.details, field: 'assertion', act, digest },
      { cause: e },
    );
  }
}

/** The stored signature of `act` on hearing `h` (nulls when unsigned) and the digest it must sign. */
function storedSignature(app: Application, h: Hearing, act: HearingAct) {
  const [keyId, signature, signedAt] =
    act === 'record'
      ? [h.record_key_id, h.record_signature, h.record_signed_at]
      : [h.withdraw_key_id, h.withdraw_signature, h.withdraw_signed_at];
  const payload =
    act === 'record' ? hearingRecordedPayload(app, h) : hearingWithdrawnPayload(app, h, h.withdraw_reason ?? '');
  return { keyId, signature, signedAt, canonical: canonicalJson(payload), digest: hearingDigest(payload) };
}

/**
 * What the verdicts on an application's hearings are checked with: the hub's signed directory log (the keys a
 * signature may name), the digests of the records already counted, and those of the records withdrawn. What a
 * judge signs names no hearing id, so a copy of a record verifies as well as the record: a record counts once,
 * and a copy of a withdrawn one does not count (the withdrawal names the record's digest).
 */
export interface HearingCheck {
  log: SignedLog;
  counted: Set<string>;
  withdrawn: ReadonlySet<string>;
}

/** A check of the signatures of `hearings` (all of application `app`'s), against the hub's signed log now. */
export async function hearingCheck(uow: UnitOfWork, app: Application, hearings: Hearing[]): Promise<HearingCheck> {
  const withdrawn = new Set<string>();
  for (const h of hearings) if (h.withdrawn_at !== null) withdrawn.add(storedSignature(app, h, 'record').digest);
  return { log: await signedLog(uow), counted: new Set(), withdrawn };
}

/**
 * The signature of `act` on hearing `h` as its page shows it: the verdict checked now, the key, when, the digest.
 * The hearings of an application are shown with one `check`, in the order listHearings gives them.
 */
export async function shownHearingSignature(
  uow: UnitOfWork,
  check: HearingCheck,
  app: Application,
  h: Hearing,
  act: HearingAct,
): Promise<PartyHeard['signature']> {
  const { keyId, signedAt, canonical, digest, signature } = storedSignature(app, h, act);
  const verdict = (await hearingSignature(uow, check, app, h, act)) ?? 'unsigned';
  return { verdict, keyId, signedAt, canonical, digest, signature: keyId ? signature : null };
}

/** Whether `signedAt` of `act` on `h` lies where the act was done: after the hearing, by the row's own instant. */
function signedInTime(h: Hearing, act: HearingAct, signedAt: string, now: Date): boolean {
  const at = Date.parse(signedAt);
  if (Number.isNaN(at) || at > now.getTime() + SKEW_MS) return false;
  if (act === 'record') return Date.parse(h.heard_at) <= at && at <= Date.parse(h.recorded_at);
  return h.withdrawn_at !== null && at <= Date.parse(h.withdrawn_at);
}

/**
 * Whether the judge's signature over hearing `h`'s record (`record`) or its withdrawal (`withdraw`) verifies,
 * checked now against the key it names as the hub's signed directory log shows it (`not_in_log` when the log
 * does not, whatever the keys table holds): a judge's own credential of the application's court, valid when he
 * signed and never revoked as compromised (the passkey signs no instant: `signedAt` is the hub's word, so it must
 * also lie between the hearing and the row's own instant, and not in the future), the payload rebuilt from the
 * stored row; `not_judge` when it verifies but its signer held no judge's role at the court then. A record whose
 * digest an earlier verified record of the application has (`check.counted`), or a withdrawn one has, is a copy
 * of it: `copy` (its signature is good; it does not count). Null for a withdrawal of a hearing not withdrawn.
 */
export async function hearingSignature(
  uow: UnitOfWork,
  check: HearingCheck,
  app: Application,
  h: Hearing,
  act: HearingAct,
): Promise<HearingSignature | null> {
  if (act === 'withdraw' && h.withdrawn_at === null) return null;
  const { keyId, signature, signedAt, digest } = storedSignature(app, h, act);
  if (!keyId || !signature) return 'unsigned';
  const key = await loggedKey(uow, check.log, keyId);
  if (!key) return 'not_in_log';
  if (!signedAt || !signedInTime(h, act, signedAt, uow.now) || keyCompromisedBy(key, uow.now)) return 'failed';
  if (!check.log.courts.has(app.court_organisation_id)) return 'failed';
  const verdict = judgeRecordSignature(
    { keyId, signature },
    key,
    app.court_organisation_id,
    signedAt,
    digest,
    ownerSignatureVerifies,
  );
  if (verdict !== 'verified') return verdict === 'unsigned' ? 'failed' : verdict;
  const refusal = await hubJudgeRefusal(uow.tx, uow.now, key, app.court_organisation_id, signedAt);
  if (refusal !== null) return 'not_judge';
  if (act === 'record') {
    if (check.counted.has(digest) || (h.withdrawn_at === null && check.withdrawn.has(digest))) return 'copy';
    check.counted.add(digest);
  }
  return 'verified';
}
