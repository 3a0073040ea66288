import { z } from 'zod';
import { sha256Hex } from '../crypto/canonical.ts';
import type { OwnerCheck } from './attestation.ts';
import { disclosureOrderDigest, presentedOrderPayload } from './disclosure-order.ts';
import { InstantSchema } from './instant.ts';
import { judgeRecordDigest, judgeRecordSignature, type RecordSignature } from './judge-record-signature.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import { setAsideMessage } from './order-standing.ts';
import type { RequestContent } from './request-content.ts';
import {
  type Bilingual,
  isOneOf,
  type ObjectionOutcome,
  SET_ASIDE_GROUNDS,
  type SetAsideGround,
} from './vocabulary.ts';

// A disclosure order set aside on an objection suit (異議の訴え, 取消し), as the hub's directory log
// publishes it: the order (the hub's id and the digest of the payload the judge signed when issuing it),
// its court, when the suit set it aside and the category of its ground — never the parties, the posts
// or the judgment's words. A provider's own installation finds a request's order here by rebuilding
// that digest from the request, and refuses it at intake and at approval with the hub's words. The judge
// signs how the suit ended with his passkey (any outcome); a set-aside's signed payload is rebuilt from its
// entry, so it verifies against the judge's key in the same pinned log, not on the hub's word.

export const OBJECTION_OUTCOME_PURPOSE = 'disclosure-order.objection-outcome';

const Id = z.string().min(1).max(200);
/** An instant with its offset: the refusal formats it, so a log that holds anything else is malformed. */
const At = z.string().min(1).max(40).pipe(InstantSchema);
const Hex = z.string().regex(/^[0-9a-f]{64}$/);
export const OrderSetAsideEntrySchema = z.strictObject({
  type: z.literal('order.set_aside'),
  /** When it entered the log (the judge's record), not when the suit ended. */
  at: At,
  orderId: Id,
  /** The digest of the order as the judge signed it (./disclosure-order.ts). */
  orderDigest: Hex,
  courtOrganisationId: Id,
  /** When the suit's judgment setting it aside became final. */
  setAsideAt: At,
  ground: z.enum(SET_ASIDE_GROUNDS),
  /** SHA-256 of the judgment's words the parties read: signed with the rest, published only as a digest. */
  reasonDigest: Hex,
  /** The judge's passkey signature over the set-aside (wa1); null when recorded before it was signed. */
  attestation: z.strictObject({ keyId: Id, signature: z.string().min(1).max(4000) }).nullable(),
});
export type OrderSetAsideEntry = z.infer<typeof OrderSetAsideEntrySchema>;

/**
 * What the judge signs with his passkey when recording how the objection suit ended (any outcome): the
 * order (id, digest, court), the outcome and when the judgment became final, the ground of a set-aside,
 * the digest of the judgment's words and a changed operative part. A set-aside's is rebuilt from its log
 * entry, so a provider verifies it against the judge's pinned key, not the hub's word.
 */
export interface ObjectionOutcomePayload {
  purpose: typeof OBJECTION_OUTCOME_PURPOSE;
  orderId: string;
  orderDigest: string;
  courtOrganisationId: string;
  outcome: ObjectionOutcome;
  decidedAt: string;
  ground: SetAsideGround | null;
  reasonDigest: string;
  changedContent: string | null;
}

/** A stored ground (a row's column); a set-aside recorded before grounds were kept is `other`. */
export const groundOf = (v: string | null): SetAsideGround => (isOneOf(SET_ASIDE_GROUNDS, v) ? v : 'other');

export const reasonDigestOf = (reason: string): string => sha256Hex(reason);

export const objectionOutcomeDigest = (p: ObjectionOutcomePayload): string => judgeRecordDigest(p);

/** The payload the judge signed for the set-aside a log entry publishes. */
export function setAsidePayloadOf(e: OrderSetAsideEntry): ObjectionOutcomePayload {
  return {
    purpose: OBJECTION_OUTCOME_PURPOSE,
    orderId: e.orderId,
    orderDigest: e.orderDigest,
    courtOrganisationId: e.courtOrganisationId,
    outcome: 'set_aside',
    decidedAt: e.setAsideAt,
    ground: e.ground,
    reasonDigest: e.reasonDigest,
    changedContent: null,
  };
}

/**
 * Whether the judge's signature over a set-aside verifies against keys the provider pinned: a judge's
 * own credential of the entry's court, valid and not revoked when he recorded it (the entry's instant),
 * whose assertion signs exactly this set-aside. `unsigned`: recorded before set-asides were signed.
 */
export function setAsideSignature(
  e: OrderSetAsideEntry,
  keys: ReadonlyMap<string, PublicKeyRecord>,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): RecordSignature {
  if (e.attestation && !courtIsCourt) return 'failed';
  const key = e.attestation ? keys.get(e.attestation.keyId) : undefined;
  const digest = objectionOutcomeDigest(setAsidePayloadOf(e));
  return judgeRecordSignature(e.attestation, key, e.courtOrganisationId, e.at, digest, verifyOwner);
}

/** What the refusal adds about the judge's signature over the set-aside. */
export const SET_ASIDE_SIGNATURE_NOTES: Record<RecordSignature, Bilingual> = {
  verified: {
    ja: '取消しの記録には裁判官の電子署名があり、固定済みディレクトリの鍵で検証できました',
    en: "the set-aside carries the judge's signature, which verifies under the pinned directory's key",
  },
  failed: {
    ja: '取消しの記録の裁判官の署名を固定済みディレクトリに照らして検証できません。裁判所に確認してください',
    en: "the judge's signature over the set-aside does not verify against the pinned directory: check with the court",
  },
  unsigned: {
    ja: '取消しの記録には裁判官の電子署名がありません（署名の導入前の記録）。裁判所に確認してください',
    en: "the set-aside carries no judge's signature (recorded before set-asides were signed): check with the court",
  },
};

/**
 * The court order a civil request presents (`lawOfficeOrganisationId`: the office that sent it), as the
 * log names an order: the digest of the order as the request states it, its court and its case number.
 */
export function presentedOrderOf(content: RequestContent, lawOfficeOrganisationId: string) {
  if (content.kind !== 'civil_disclosure' || content.civil.route !== 'court_order') return undefined;
  const order = content.civil.courtOrder;
  if (!order) return undefined;
  const digest = disclosureOrderDigest(presentedOrderPayload(content, order, lawOfficeOrganisationId));
  const { courtOrganisationId, caseNumber, orderedAt } = order;
  return { digest, courtOrganisationId, caseNumber, orderedAt };
}

/**
 * The set-aside in `entries` of the court order a civil request presents (`lawOfficeOrganisationId`:
 * the office that sent it), found by the digest of the order as the request states it; else undefined.
 */
export function setAsideOf(
  entries: readonly { type: string }[],
  content: RequestContent,
  lawOfficeOrganisationId: string,
): OrderSetAsideEntry | undefined {
  const order = presentedOrderOf(content, lawOfficeOrganisationId);
  if (!order) return undefined;
  for (const e of entries) {
    const s = OrderSetAsideEntrySchema.safeParse(e);
    if (s.success && s.data.orderDigest === order.digest && s.data.courtOrganisationId === order.courtOrganisationId) {
      return s.data;
    }
  }
  return undefined;
}

/** Why the request's order fails the check: the hub's and the installation's words, one text. */
export function setAsideRefusal(content: RequestContent, e: Pick<OrderSetAsideEntry, 'setAsideAt' | 'ground'>) {
  const caseNumber = content.kind === 'civil_disclosure' ? (content.civil.courtOrder?.caseNumber ?? '-') : '-';
  return setAsideMessage(caseNumber, e.setAsideAt, e.ground) satisfies Bilingual;
}
