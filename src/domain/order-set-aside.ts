import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { disclosureOrderDigest, disclosureOrderPayloadOf } from './disclosure-order.ts';
import { setAsideMessage } from './order-standing.ts';
import type { RequestContent } from './request-content.ts';
import { type Bilingual, isOneOf, SET_ASIDE_GROUNDS, type SetAsideGround } from './vocabulary.ts';

// A disclosure order set aside on an objection suit (異議の訴え, 取消し), as the hub's directory log
// publishes it: the order (the hub's id and the digest of the payload the judge signed when issuing it),
// its court, when the suit set it aside and the category of its ground — never the parties, the posts
// or the judgment's words. A provider's own installation finds a request's order here by rebuilding
// that digest from the request, and refuses it at intake and at approval with the hub's words.

export const ORDER_SET_ASIDE_PURPOSE = 'disclosure-order.set-aside';

const Id = z.string().min(1).max(200);
const At = z.string().min(1).max(40);
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

/** What the judge signs when recording a set-aside: the entry without its log instant and signature. */
export interface OrderSetAsidePayload {
  purpose: typeof ORDER_SET_ASIDE_PURPOSE;
  orderId: string;
  orderDigest: string;
  courtOrganisationId: string;
  setAsideAt: string;
  ground: SetAsideGround;
  reasonDigest: string;
}

/** A stored ground (a row's column); a set-aside recorded before grounds were kept is `other`. */
export const groundOf = (v: string | null): SetAsideGround => (isOneOf(SET_ASIDE_GROUNDS, v) ? v : 'other');

export const reasonDigestOf = (reason: string): string => sha256Hex(reason);

export function setAsidePayloadOf(e: Omit<OrderSetAsideEntry, 'type' | 'at' | 'attestation'>): OrderSetAsidePayload {
  return {
    purpose: ORDER_SET_ASIDE_PURPOSE,
    orderId: e.orderId,
    orderDigest: e.orderDigest,
    courtOrganisationId: e.courtOrganisationId,
    setAsideAt: e.setAsideAt,
    ground: e.ground,
    reasonDigest: e.reasonDigest,
  };
}

export const setAsideDigest = (p: OrderSetAsidePayload): string => sha256Hex(canonicalJson(p));

/**
 * The set-aside in `entries` of the court order a civil request presents (`lawOfficeOrganisationId`:
 * the office that sent it), found by the digest of the order as the request states it; else undefined.
 */
export function setAsideOf(
  entries: readonly { type: string }[],
  content: RequestContent,
  lawOfficeOrganisationId: string,
): OrderSetAsideEntry | undefined {
  if (content.kind !== 'civil_disclosure' || content.civil.route !== 'court_order') return undefined;
  const order = content.civil.courtOrder;
  if (!order) return undefined;
  const digest = disclosureOrderDigest(
    disclosureOrderPayloadOf(order, {
      lawOfficeOrganisationId,
      providerOrganisationId: content.providerOrganisationId,
      claimant: content.civil.claimant,
      targets: content.targets,
      senderInformation: content.civil.senderInformation ?? [],
    }),
  );
  for (const e of entries) {
    const s = OrderSetAsideEntrySchema.safeParse(e);
    if (s.success && s.data.orderDigest === digest && s.data.courtOrganisationId === order.courtOrganisationId) {
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
