import { z } from 'zod';
import { sha256Hex } from '../crypto/canonical.ts';
import type { OwnerCheck } from './attestation.ts';
import { InstantSchema } from './instant.ts';
import {
  judgeRecordDigest,
  judgeRecordSignature,
  OBJECTION_FILED_PURPOSE,
  type ObjectionFiledPayload,
  ORDER_FINAL_PURPOSE,
  type OrderFinalPayload,
  type RecordSignature,
} from './judge-record-signature.ts';
import { keyCompromisedBy, type PublicKeyRecord } from './key-trust.ts';
import {
  FinalPeriodSchema,
  finalPeriodCheck,
  type PeriodProblem,
  SuitPeriodSchema,
  suitPeriodCheck,
} from './objection-period.ts';
import { OBJECTION_OUTCOME_PURPOSE, type ObjectionOutcomePayload } from './order-set-aside.ts';
import type { StandingRecord } from './order-standing.ts';
import { JUDGE_REFUSALS, pinnedJudgeGrants, pinnedJudgeRefusal } from './pinned-judges.ts';
import { type Bilingual, OBJECTION_PARTIES } from './vocabulary.ts';

// The rest of what the judge records of an issued disclosure order after it was made, as the hub's
// directory log publishes it beside the set-aside (./order-set-aside.ts): that an objection suit was filed
// (when, by which party, the suit's case number), that it ended upholding or changing the order, that the
// order became final without a suit. Each names the order by the hub's id and the digest of the order as
// the judge signed it, and carries the judge's passkey signature over exactly what he recorded, so a
// provider's own installation rebuilds the signed payload from the entry and verifies it against the
// judge's key in the same pinned log. Only a record that verifies counts: one that does not is ignored
// (the hub's word alone neither holds an order back nor releases it) and shown as a problem.
//
// Disclosure-order proceedings are not public and every installation pins the log: an order changed on
// the suit enters it with the digest of its operative part as changed, never the words. The judge signed
// the words, so the order's respondent verifies that entry only once it has them from the hub (the
// request's own view, only the parties read it) and their SHA-256 is the entry's digest; until then the
// entry counts as not yet verified (`text_missing`) and the order stays held.

const Id = z.string().min(1).max(200);
const At = z.string().min(1).max(40).pipe(InstantSchema);
const Hex = z.string().regex(/^[0-9a-f]{64}$/);
const order = { at: At, orderId: Id, orderDigest: Hex, courtOrganisationId: Id };
/** The judge's passkey signature and when he signed it (his key valid then); null: recorded unsigned. */
const Attestation = z.strictObject({ keyId: Id, signature: z.string().min(1).max(4000), signedAt: At }).nullable();

export const OrderObjectionFiledEntrySchema = z.strictObject({
  type: z.literal('order.objection_filed'),
  ...order,
  filedAt: At,
  by: z.enum(OBJECTION_PARTIES),
  /** The suit's own case number (what the judge signed). */
  caseNumber: z.string().max(100),
  /** The days its month is counted from, as the judge signed them (absent from a record signed before 071). */
  period: SuitPeriodSchema.optional(),
  attestation: Attestation,
});
export const OrderObjectionDecidedEntrySchema = z.strictObject({
  type: z.literal('order.objection_decided'),
  ...order,
  /** A set-aside is its own entry (order.set_aside). */
  outcome: z.enum(['upheld', 'changed']),
  decidedAt: At,
  /** SHA-256 of the judgment's words the parties read. */
  reasonDigest: Hex,
  /**
   * SHA-256 of the operative part as changed (outcome `changed`; null when upheld): the judge signed the
   * words, which only the order's parties read, so the log publishes their digest.
   */
  changedContentSha256: Hex.nullable(),
  attestation: Attestation,
});
export const OrderFinalEntrySchema = z.strictObject({
  type: z.literal('order.final'),
  ...order,
  finalAt: At,
  /** The day each party was notified and the holidays, as the judge signed them (absent before 071). */
  period: FinalPeriodSchema.optional(),
  attestation: Attestation,
});
export type OrderObjectionFiledEntry = z.infer<typeof OrderObjectionFiledEntrySchema>;
export type OrderObjectionDecidedEntry = z.infer<typeof OrderObjectionDecidedEntrySchema>;
export type OrderFinalEntry = z.infer<typeof OrderFinalEntrySchema>;
export type OrderContestEntry = OrderObjectionFiledEntry | OrderObjectionDecidedEntry | OrderFinalEntry;
const OrderContestEntrySchema = z.discriminatedUnion('type', [
  OrderObjectionFiledEntrySchema,
  OrderObjectionDecidedEntrySchema,
  OrderFinalEntrySchema,
]);

/** The digest a changed order's entry publishes of its operative part as changed. */
export const changedContentDigestOf = (text: string): string => sha256Hex(text);

/** How an entry's judge's signature checks: `text_missing`, a changed order whose words are not held here. */
export type ContestCheck = RecordSignature | 'text_missing';

/** Any revocation the pinned log holds was logged by its head: checked as of the end of time. */
const PIN_END = '9999-12-31T23:59:59.999Z';

/**
 * The payload the judge signed for the record an entry publishes (../court/judge-record-signature.ts),
 * with `changedContent` the words of a changed order (the entry carries only their digest).
 */
function signedPayloadOf(
  e: OrderContestEntry,
  changedContent: string | null,
): ObjectionFiledPayload | OrderFinalPayload | ObjectionOutcomePayload {
  const ref = { orderId: e.orderId, orderDigest: e.orderDigest, courtOrganisationId: e.courtOrganisationId };
  if (e.type === 'order.objection_filed') {
    const { filedAt, by, caseNumber } = e;
    return {
      purpose: OBJECTION_FILED_PURPOSE,
      ...ref,
      filedAt,
      by,
      caseNumber,
      ...(e.period ? { period: e.period } : {}),
    };
  }
  if (e.type === 'order.final') {
    return { purpose: ORDER_FINAL_PURPOSE, ...ref, finalAt: e.finalAt, ...(e.period ? { period: e.period } : {}) };
  }
  return {
    purpose: OBJECTION_OUTCOME_PURPOSE,
    ...ref,
    outcome: e.outcome,
    decidedAt: e.decidedAt,
    ground: null,
    reasonDigest: e.reasonDigest,
    changedContent,
  };
}

/**
 * The digests of the operative part as changed that the signed entries in `entries` about the order
 * (`order`: its digest and court) publish: the words the installation needs to verify them.
 */
export function changedDigestsOf(
  entries: readonly { type: string }[],
  order: { digest: string; courtOrganisationId: string },
): string[] {
  const digests: string[] = [];
  for (const raw of entries) {
    const e = OrderObjectionDecidedEntrySchema.safeParse(raw);
    if (!e.success || e.data.orderDigest !== order.digest) continue;
    if (e.data.courtOrganisationId !== order.courtOrganisationId || !e.data.attestation) continue;
    if (e.data.changedContentSha256 !== null) digests.push(e.data.changedContentSha256);
  }
  return digests;
}

/**
 * Whether the judge's signature over an entry verifies against keys the provider pinned: a judge's own
 * credential of the entry's court (`courtIsCourt`: the pinned log says it is a court), valid and not
 * revoked when he signed, whose assertion signs exactly the record the entry publishes. A changed order's
 * entry is checked with its words from `changedTexts` (by their digest; the SHA-256 checked again):
 * `text_missing` while they are not there.
 */
export function contestSignature(
  e: OrderContestEntry,
  keys: ReadonlyMap<string, PublicKeyRecord>,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
  changedTexts: ReadonlyMap<string, string> = new Map(),
): ContestCheck {
  const a = e.attestation;
  if (a && !courtIsCourt) return 'failed';
  let changed: string | null = null;
  if (a && e.type === 'order.objection_decided' && e.changedContentSha256 !== null) {
    const text = changedTexts.get(e.changedContentSha256);
    if (text === undefined) return 'text_missing';
    if (changedContentDigestOf(text) !== e.changedContentSha256) return 'failed';
    changed = text;
  }
  const key = a ? keys.get(a.keyId) : undefined;
  // The passkey signs no instant: `signedAt` is the hub's word. It may not be later than the entry the
  // hub logged it in, and a key the pin shows revoked as compromised counts for nothing whatever the
  // instant claimed (else a hub holding a stolen judge's key could sign now and backdate `signedAt`).
  if (a && (Date.parse(a.signedAt) > Date.parse(e.at) || (key && keyCompromisedBy(key, PIN_END)))) return 'failed';
  return judgeRecordSignature(
    a,
    key,
    e.courtOrganisationId,
    a?.signedAt ?? null,
    judgeRecordDigest(signedPayloadOf(e, changed)),
    verifyOwner,
  );
}

/** What each record of the order the log publishes is, in words. */
export const CONTEST_RECORD_LABELS: Record<OrderContestEntry['type'], Bilingual> = {
  'order.objection_filed': { ja: '異議の訴えの提起', en: "the objection suit's filing" },
  'order.objection_decided': { ja: '異議の訴えの結果', en: "the objection suit's outcome" },
  'order.final': { ja: '命令の確定', en: "the order's finality" },
};

const NEXT_PULL: Bilingual = { ja: '（次の取得で確認します）', en: ' (the next pull fetches it)' };

/** Why an entry of the pinned log about the order (`caseNumber`) was ignored, in words. */
export function ignoredRecordMessage(
  caseNumber: string,
  e: OrderContestEntry,
  signature: IgnoredRecord['signature'],
  problem?: PeriodProblem,
): Bilingual {
  const what = CONTEST_RECORD_LABELS[e.type];
  const record = {
    ja: `固定済みディレクトリの開示命令（${caseNumber}）の「${what.ja}」の記録`,
    en: `the pinned directory's record of ${what.en} of the disclosure order (${caseNumber})`,
  };
  if (signature === 'not_judge') {
    const why = JUDGE_REFUSALS.not_judge;
    return {
      ja: `${record.ja}は、考慮していません（${why.ja}）。裁判所に確認してください`,
      en: `${record.en} was ignored: ${why.en}: check with the court`,
    };
  }
  if (signature === 'out_of_period') {
    const why = PERIOD_PROBLEM_WORDS[problem ?? 'early'];
    return {
      ja: `${record.ja}は、${why.ja}ため、考慮していません。裁判所に確認してください`,
      en: `${record.en} was ignored: ${why.en}: check with the court`,
    };
  }
  if (signature === 'text_missing') {
    return {
      ja: `${record.ja}は、変更後の命令の本文をまだハブから取得していないため、まだ検証していません${NEXT_PULL.ja}`,
      en:
        `${record.en} is not verified yet: the order's text as ` +
        `changed is not fetched from the hub yet${NEXT_PULL.en}`,
    };
  }
  return signature === 'unsigned'
    ? {
        ja: `${record.ja}には裁判官の電子署名がないため、考慮していません。裁判所に確認してください`,
        en: `${record.en} carries no judge's signature and was ignored: check with the court`,
      }
    : {
        ja: `${record.ja}は、裁判官の署名を検証できないため、考慮していません。裁判所に確認してください`,
        en: `${record.en} was ignored: the judge's signature does not verify: check with the court`,
      };
}

/**
 * Why a record is not counted: its signature (`text_missing` included), or `out_of_period` — finality the
 * judge's signed notice days do not allow yet (`problem`).
 */
export interface IgnoredRecord {
  entry: OrderContestEntry;
  signature: Exclude<ContestCheck, 'verified'> | 'out_of_period' | 'not_judge';
  problem?: PeriodProblem;
}

/** What a counted record says of its period: none signed (a record from before 071), or a problem with it. */
export type PeriodNote = PeriodProblem | 'period_unsigned';

/** Why a record's period does not match the notice days the judge signed, in words. */
export const PERIOD_PROBLEM_WORDS: Record<PeriodProblem, Bilingual> = {
  notice_before_order: {
    ja: '裁判官が署名した告知を受けた日が発令日より前である',
    en: 'a notice day the judge signed is before the day the order was made',
  },
  late: {
    ja: '裁判官が署名した告知を受けた日から数えた異議の訴えの期間（1か月）の末日より後に提起されている',
    en: 'the suit was filed after the last day of the month counted from the notice day the judge signed',
  },
  early: {
    ja: '裁判官が署名した各当事者の告知を受けた日から数えた異議の訴えの期間が満了する前の確定である',
    en: "it is final before the month counted from each party's notice day the judge signed has passed",
  },
};

/**
 * The period a verified record of the suit's filing or of finality carries, checked here against the order
 * made at `orderedAt`: null when it matches; `period_unsigned` for a record signed before the judge signed
 * the notice days (the hub's word alone: not checked); else the problem.
 */
export function periodNoteOf(e: OrderContestEntry, orderedAt: string): PeriodNote | null {
  if (e.type === 'order.objection_decided') return null;
  if (!e.period) return 'period_unsigned';
  return e.type === 'order.objection_filed'
    ? suitPeriodCheck(orderedAt, e.period, e.filedAt).problem
    : // Checked by the statute's own days and those the judge named: the count finality records were signed
      // under before the national holidays were known (never later than the true one), so none signed then
      // is turned away now; the hub refuses a new one early by the whole calendar when it is recorded.
      finalPeriodCheck(orderedAt, e.period, e.finalAt, 'statute').problem;
}

/**
 * What the pinned log's verified records say of the order named by `order` (its digest, court and when it
 * was made), as the hub's standing row would (`standingOf`), the records that count (verified, in the log's
 * order) with what each says of its period (`notes`), and the records about it that were ignored (a changed
 * order's among them while its words are not in `changedTexts`; finality its signed notice days do not
 * allow yet; a record whose signer was no judge of the court then, as the pin up to `headAt` records judges).
 * A set-aside is not among them (./order-set-aside.ts).
 */
export function contestRecordOf(
  entries: readonly { type: string }[],
  order: { digest: string; courtOrganisationId: string; orderedAt: string },
  keys: ReadonlyMap<string, PublicKeyRecord>,
  headAt: string,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
  changedTexts: ReadonlyMap<string, string> = new Map(),
): {
  record: StandingRecord;
  counted: OrderContestEntry[];
  ignored: IgnoredRecord[];
  notes: Map<OrderContestEntry, PeriodNote>;
} {
  const record: StandingRecord = { objection_filed_at: null, outcome: null, final_at: null };
  const counted: OrderContestEntry[] = [];
  const ignored: IgnoredRecord[] = [];
  const notes = new Map<OrderContestEntry, PeriodNote>();
  const judges = pinnedJudgeGrants(entries);
  for (const raw of entries) {
    const parsed = OrderContestEntrySchema.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    if (e.orderDigest !== order.digest || e.courtOrganisationId !== order.courtOrganisationId) continue;
    const signature = contestSignature(e, keys, courtIsCourt, verifyOwner, changedTexts);
    if (signature !== 'verified') {
      ignored.push({ entry: e, signature });
      continue;
    }
    // Signed by a judge of the court then, as the pin records judges (as for a warrant or an order).
    const a = e.attestation;
    const key = a ? keys.get(a.keyId) : undefined;
    if (!a || !key || pinnedJudgeRefusal(judges, key, e.courtOrganisationId, a.signedAt, headAt)) {
      ignored.push({ entry: e, signature: 'not_judge' });
      continue;
    }
    // Checked here, not taken from the hub: finality the signed notice days do not allow yet is ignored (an
    // order wrongly final would release answers a suit still in time could hold back); a suit outside its
    // signed month still counts (holding answers back is the safe side) and says so.
    const note = periodNoteOf(e, order.orderedAt);
    if (note !== null && note !== 'period_unsigned' && e.type === 'order.final') {
      ignored.push({ entry: e, signature: 'out_of_period', problem: note });
      continue;
    }
    if (note !== null) notes.set(e, note);
    counted.push(e);
    if (e.type === 'order.objection_filed') {
      record.objection_filed_at = e.filedAt;
    } else if (e.type === 'order.final') {
      record.final_at = e.finalAt;
    } else {
      record.outcome = e.outcome;
      record.final_at = e.decidedAt;
    }
  }
  return { record, counted, ignored, notes };
}
