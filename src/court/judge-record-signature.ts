import { type AssertionInput, checkAssertion } from '../directory/credentials.ts';
import { hubJudgeRefusal } from '../directory/judge-role.ts';
import { standingEntriesOf } from '../directory/order-set-asides.ts';
import { loggedKey, type SignedLog } from '../directory/published-log.ts';
import type { Principal } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import {
  type HubRecordSignature,
  judgeRecordDigest,
  OBJECTION_FILED_PURPOSE,
  type ObjectionFiledPayload,
  ORDER_FINAL_PURPOSE,
  type OrderFinalPayload,
} from '../domain/judge-record-signature.ts';
import { FinalPeriodSchema, keptPeriod, SuitPeriodSchema } from '../domain/objection-period.ts';
import { changedContentDigestOf, contestSignature } from '../domain/order-contest.ts';
import {
  OBJECTION_OUTCOME_PURPOSE,
  type ObjectionOutcomePayload,
  reasonDigestOf,
  setAsideSignature,
} from '../domain/order-set-aside.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import {
  isOneOf,
  OBJECTION_OUTCOMES,
  OBJECTION_PARTIES,
  type ObjectionParty,
  SET_ASIDE_GROUNDS,
} from '../domain/vocabulary.ts';
import { judgeCredential } from '../exchange/warrants.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow } from '../store/schema.ts';
import { issuedOrderRef } from './issued-order-digest.ts';

// The judge's passkey signature over what he records of an issued disclosure order after it was made —
// the objection suit filed, the order final without one, how the suit ended — made and checked in one
// place for the three. Each payload is built from the standing's stored columns (the record about to be
// saved when signing, the saved one when reading), so what was signed and what is checked cannot drift.

type Order = DisclosureOrderApplicationRow;
type Standing = DisclosureOrderStandingRow;

/** The records of a standing the judge signs. */
export type JudgeRecord = 'objection' | 'outcome' | 'final';

/** What the judge signs of a record of the standing `s` of order `row` (undefined: not recorded). */
export function judgeRecordPayload(
  row: Order,
  s: Standing,
  record: JudgeRecord,
): ObjectionFiledPayload | OrderFinalPayload | ObjectionOutcomePayload | undefined {
  if (record === 'objection') {
    if (!s.objection_filed_at || !isOneOf(OBJECTION_PARTIES, s.objection_by)) return undefined;
    const by: ObjectionParty = s.objection_by;
    return {
      purpose: OBJECTION_FILED_PURPOSE,
      ...issuedOrderRef(row),
      filedAt: s.objection_filed_at,
      by,
      caseNumber: s.objection_case_number ?? '',
      ...keptPeriod(SuitPeriodSchema, s.objection_period),
    } satisfies ObjectionFiledPayload;
  }
  if (record === 'final') {
    // Final without a suit only: an order final because the suit upheld or changed it is the outcome's.
    if (!s.final_at || s.outcome !== null) return undefined;
    return {
      purpose: ORDER_FINAL_PURPOSE,
      ...issuedOrderRef(row),
      finalAt: s.final_at,
      ...keptPeriod(FinalPeriodSchema, s.final_period),
    } satisfies OrderFinalPayload;
  }
  if (!isOneOf(OBJECTION_OUTCOMES, s.outcome) || !s.outcome_at) return undefined;
  return {
    purpose: OBJECTION_OUTCOME_PURPOSE,
    ...issuedOrderRef(row),
    outcome: s.outcome,
    decidedAt: s.outcome_at,
    ground: s.outcome === 'set_aside' && isOneOf(SET_ASIDE_GROUNDS, s.set_aside_ground) ? s.set_aside_ground : null,
    reasonDigest: reasonDigestOf(s.outcome_reason ?? ''),
    changedContent: s.changed_content,
  } satisfies ObjectionOutcomePayload;
}

/** The payload of `record` of the standing about to be saved, and the digest the judge's passkey signs. */
export function judgeRecordToSign(row: Order, s: Standing, record: JudgeRecord) {
  const payload = judgeRecordPayload(row, s, record);
  if (!payload) throw new Error(`the ${record} record is incomplete`);
  return { payload, digest: judgeRecordDigest(payload) };
}

/**
 * Checks the judge's assertion over `digest` against his current signing credential, which must be of
 * the court that made the order: the key, the packed signature and when he signed, to store with the
 * record. Without an assertion, or with one of another credential, the record is refused (`assertion`).
 */
export async function signJudgeRecord(
  uow: UnitOfWork,
  p: Principal,
  row: Order,
  digest: string,
  assertion: AssertionInput | undefined,
): Promise<{ keyId: string; signature: string; signedAt: string }> {
  const own = await judgeCredential(uow, p);
  if (own.organisation_id !== row.court_organisation_id) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: 'あなたの署名用認証器は、この命令を発した裁判所のものではありません',
        en: 'your signing credential is not one of the court that made this order',
      },
      { field: 'assertion', value: own.id },
    );
  }
  const signature = packOwnerSignature(await checkAssertion(uow, own, digest, assertion));
  return { keyId: own.id, signature, signedAt: uow.now.toISOString() };
}

/** The standing `s` with the judge's signature over its record `record`, as `signJudgeRecord` made it. */
export function withJudgeSignature(
  s: Standing,
  record: JudgeRecord,
  signed: { keyId: string; signature: string; signedAt: string },
): Standing {
  const { keyId, signature, signedAt } = signed;
  if (record === 'objection') {
    return { ...s, objection_key_id: keyId, objection_signature: signature, objection_signed_at: signedAt };
  }
  if (record === 'final') return { ...s, final_key_id: keyId, final_signature: signature, final_signed_at: signedAt };
  return { ...s, outcome_key_id: keyId, outcome_signature: signature, outcome_signed_at: signedAt };
}

/** The stored signature of `record`: its key and packed assertion; null when unsigned. */
function storedSignature(s: Standing, record: JudgeRecord) {
  const [keyId, signature] =
    record === 'objection'
      ? [s.objection_key_id, s.objection_signature]
      : record === 'final'
        ? [s.final_key_id, s.final_signature]
        : [s.outcome_key_id, s.outcome_signature];
  return keyId && signature ? { keyId, signature } : null;
}

const ENTRY_TYPES: Record<JudgeRecord, ReadonlyArray<ReturnType<typeof standingEntriesOf>[number]['type']>> = {
  objection: ['order.objection_filed'],
  outcome: ['order.objection_decided', 'order.set_aside'],
  final: ['order.final'],
};

/**
 * Whether the judge's signature over `record` verifies, checked now (never a stored verdict) by the rule a
 * provider's installation applies to the log's entry of it (`contestSignature`, `setAsideSignature`): the
 * entry the hub's log publishes of the record as stored, against the judge's key as the hub's signed
 * directory log shows it (`log`). Undefined when not recorded; `not_in_log` when the key it names is not
 * in that log, whatever the keys table holds. A signature stored beside a record no payload can be
 * rebuilt from (a party or outcome that is none) fails: it signed something else, and the record must not
 * read as one made before records were signed. A signature whose signer held no judge's role at the court
 * when he signed is `not_judge` (hubJudgeRefusal), so people see why it does not count.
 */
export async function judgeRecordVerdict(
  uow: UnitOfWork,
  log: SignedLog,
  row: Order,
  s: Standing,
  record: JudgeRecord,
): Promise<HubRecordSignature | undefined> {
  const payload = judgeRecordPayload(row, s, record);
  const signed = storedSignature(s, record);
  if (!payload) return signed ? 'failed' : undefined;
  if (!signed) return 'unsigned';
  const key = await loggedKey(uow, log, signed.keyId);
  const entry = standingEntriesOf({ order: row, standing: s }).find((e) => ENTRY_TYPES[record].includes(e.type));
  if (!key || !entry) return 'not_in_log';
  const keys = new Map([[key.id, key]]);
  const court = log.courts.has(row.court_organisation_id);
  const changed =
    s.changed_content === null ? [] : ([[changedContentDigestOf(s.changed_content), s.changed_content]] as const);
  const check =
    entry.type === 'order.set_aside'
      ? setAsideSignature(entry, keys, court, ownerSignatureVerifies)
      : contestSignature(entry, keys, court, ownerSignatureVerifies, new Map(changed));
  if (check !== 'verified') return check === 'text_missing' ? 'failed' : check;
  // A signature that verifies counts only when its signer was a judge of the court when he signed, by the
  // hub's log of the role (the rule a provider's installation applies to a warrant or an order), at the
  // instant the signature was checked at (a set-aside's entry's, else when he signed).
  const at = entry.type === 'order.set_aside' ? entry.at : (entry.attestation?.signedAt ?? entry.at);
  const notJudge = await hubJudgeRefusal(uow.tx, uow.now, key, row.court_organisation_id, at);
  return notJudge ? 'not_judge' : 'verified';
}
