import { type AssertionInput, checkAssertion } from '../directory/credentials.ts';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import type { Principal } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import { judgeRecordSignature } from '../domain/judge-record-signature.ts';
import {
  HEARING_RECORDED_PURPOSE,
  HEARING_WITHDRAWN_PURPOSE,
  type HearingRecordedPayload,
  type HearingSignature,
  type HearingWithdrawnPayload,
  hearingDigest,
} from '../domain/order-hearing-signature.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { judgeCredential } from '../exchange/warrants.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderHearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';

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
    const signature = packOwnerSignature(await checkAssertion(uow, own, digest, assertion));
    return { keyId: own.id, signature, signedAt: uow.now.toISOString() };
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
  return { keyId, signature, signedAt, digest: hearingDigest(payload) };
}

/** The signature of `act` on hearing `h` as its page shows it: the verdict checked now, the key, when, the digest. */
export async function shownHearingSignature(
  uow: Pick<UnitOfWork, 'tx' | 'now'>,
  app: Application,
  h: Hearing,
  act: HearingAct,
): Promise<{ verdict: HearingSignature; keyId: string | null; signedAt: string | null; digest: string }> {
  const { keyId, signedAt, digest } = storedSignature(app, h, act);
  const verdict = (await hearingSignature(uow, app, h, act)) ?? 'unsigned';
  return { verdict, keyId, signedAt, digest };
}

/**
 * Whether the judge's signature over hearing `h`'s record (`record`) or its withdrawal (`withdraw`) verifies,
 * checked now against the key it names (a judge's own credential of the application's court, valid when he
 * signed), the payload rebuilt from the stored row; `not_judge` when it verifies but its signer held no judge's
 * role at the court then. Null for a withdrawal of a hearing not withdrawn.
 */
export async function hearingSignature(
  uow: Pick<UnitOfWork, 'tx' | 'now'>,
  app: Application,
  h: Hearing,
  act: HearingAct,
): Promise<HearingSignature | null> {
  if (act === 'withdraw' && h.withdrawn_at === null) return null;
  const { keyId, signature, signedAt, digest } = storedSignature(app, h, act);
  if (!keyId || !signature) return 'unsigned';
  const row = await keyById(uow.tx, keyId);
  const key = row ? toPublicKey(row) : undefined;
  const verdict = judgeRecordSignature(
    { keyId, signature },
    key,
    app.court_organisation_id,
    signedAt,
    digest,
    ownerSignatureVerifies,
  );
  if (verdict !== 'verified' || !key || !signedAt) return verdict === 'verified' ? 'failed' : verdict;
  const refusal = await hubJudgeRefusal(uow.tx, uow.now, key, app.court_organisation_id, signedAt);
  return refusal === null ? 'verified' : 'not_judge';
}
