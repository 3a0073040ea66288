import { z } from 'zod';
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
import type { PublicKeyRecord } from './key-trust.ts';
import { OBJECTION_OUTCOME_PURPOSE, type ObjectionOutcomePayload } from './order-set-aside.ts';
import type { StandingRecord } from './order-standing.ts';
import { type Bilingual, OBJECTION_PARTIES } from './vocabulary.ts';

// The rest of what the judge records of an issued disclosure order after it was made, as the hub's
// directory log publishes it beside the set-aside (./order-set-aside.ts): that an objection suit was filed
// (when, by which party, the suit's case number), that it ended upholding or changing the order, that the
// order became final without a suit. Each names the order by the hub's id and the digest of the order as
// the judge signed it, and carries the judge's passkey signature over exactly what he recorded, so a
// provider's own installation rebuilds the signed payload from the entry and verifies it against the
// judge's key in the same pinned log. Only a record that verifies counts: one that does not is ignored
// (the hub's word alone neither holds an order back nor releases it) and shown as a problem.

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
  /** The operative part as changed (outcome `changed`): signed as it stands, so published as it stands. */
  changedContent: z.string().max(5000).nullable(),
  attestation: Attestation,
});
export const OrderFinalEntrySchema = z.strictObject({
  type: z.literal('order.final'),
  ...order,
  finalAt: At,
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

/** The payload the judge signed for the record an entry publishes (../court/judge-record-signature.ts). */
function signedPayloadOf(e: OrderContestEntry): ObjectionFiledPayload | OrderFinalPayload | ObjectionOutcomePayload {
  const ref = { orderId: e.orderId, orderDigest: e.orderDigest, courtOrganisationId: e.courtOrganisationId };
  if (e.type === 'order.objection_filed') {
    return { purpose: OBJECTION_FILED_PURPOSE, ...ref, filedAt: e.filedAt, by: e.by, caseNumber: e.caseNumber };
  }
  if (e.type === 'order.final') return { purpose: ORDER_FINAL_PURPOSE, ...ref, finalAt: e.finalAt };
  return {
    purpose: OBJECTION_OUTCOME_PURPOSE,
    ...ref,
    outcome: e.outcome,
    decidedAt: e.decidedAt,
    ground: null,
    reasonDigest: e.reasonDigest,
    changedContent: e.changedContent,
  };
}

/**
 * Whether the judge's signature over an entry verifies against keys the provider pinned: a judge's own
 * credential of the entry's court (`courtIsCourt`: the pinned log says it is a court), valid and not
 * revoked when he signed, whose assertion signs exactly the record the entry publishes.
 */
export function contestSignature(
  e: OrderContestEntry,
  keys: ReadonlyMap<string, PublicKeyRecord>,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): RecordSignature {
  const a = e.attestation;
  if (a && !courtIsCourt) return 'failed';
  const key = a ? keys.get(a.keyId) : undefined;
  return judgeRecordSignature(
    a,
    key,
    e.courtOrganisationId,
    a?.signedAt ?? null,
    judgeRecordDigest(signedPayloadOf(e)),
    verifyOwner,
  );
}

const RECORD_LABELS: Record<OrderContestEntry['type'], Bilingual> = {
  'order.objection_filed': { ja: '異議の訴えの提起', en: "the objection suit's filing" },
  'order.objection_decided': { ja: '異議の訴えの結果', en: "the objection suit's outcome" },
  'order.final': { ja: '命令の確定', en: "the order's finality" },
};

/** Why an entry of the pinned log about the order (`caseNumber`) was ignored, in words. */
export function ignoredRecordMessage(
  caseNumber: string,
  e: OrderContestEntry,
  signature: Exclude<RecordSignature, 'verified'>,
): Bilingual {
  const what = RECORD_LABELS[e.type];
  const record = {
    ja: `固定済みディレクトリの開示命令（${caseNumber}）の「${what.ja}」の記録`,
    en: `the pinned directory's record of ${what.en} of the disclosure order (${caseNumber})`,
  };
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

export interface IgnoredRecord {
  entry: OrderContestEntry;
  signature: Exclude<RecordSignature, 'verified'>;
}

/**
 * What the pinned log's verified records say of the order named by `order` (its digest and court), as
 * the hub's standing row would (`standingOf`), and the records about it that were ignored. A set-aside
 * is not among them (./order-set-aside.ts).
 */
export function contestRecordOf(
  entries: readonly { type: string }[],
  order: { digest: string; courtOrganisationId: string },
  keys: ReadonlyMap<string, PublicKeyRecord>,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): { record: StandingRecord; ignored: IgnoredRecord[] } {
  const record: StandingRecord = { objection_filed_at: null, outcome: null, final_at: null };
  const ignored: IgnoredRecord[] = [];
  for (const raw of entries) {
    const parsed = OrderContestEntrySchema.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    if (e.orderDigest !== order.digest || e.courtOrganisationId !== order.courtOrganisationId) continue;
    const signature = contestSignature(e, keys, courtIsCourt, verifyOwner);
    if (signature !== 'verified') {
      ignored.push({ entry: e, signature });
    } else if (e.type === 'order.objection_filed') {
      record.objection_filed_at = e.filedAt;
    } else if (e.type === 'order.final') {
      record.final_at = e.finalAt;
    } else {
      record.outcome = e.outcome;
      record.final_at = e.decidedAt;
    }
  }
  return { record, ignored };
}
