import { z } from 'zod';
import { HEARING_SIGNATURES } from '../domain/order-hearing-signature.ts';
import { TargetSchema } from '../domain/targets.ts';
import {
  DISCLOSURE_ORDER_APPLICATION_STATES,
  DISCLOSURE_PURPOSES,
  HEARD_PARTIES,
  HEARING_MANNERS,
  INFRINGED_RIGHTS,
  SENDER_INFORMATION,
} from '../domain/vocabulary.ts';
import { OrderStandingSchema } from './order-standing.ts';
import { OrgRef, PersonRef } from './read-models.ts';

// What the disclosure-order applications' answers look like: the contract's schemas.

/** An order a court issued in the system: case number, time, operative part, the judge's signature. */
export const IssuedOrderSchema = z.object({
  caseNumber: z.string(),
  orderedAt: z.string(),
  content: z.string(),
  attestation: z.object({ keyId: z.string(), signature: z.string() }),
});

/**
 * A judge's passkey signature over a hearing's record or its withdrawal, as the hub checked it now: the
 * verdict (the hub's word), the key it names and when he signed (null when unsigned; the instant is the hub's
 * word too), the canonical statement it must sign (rebuilt from the stored record), its SHA-256 digest, and the
 * packed passkey assertion (null when unsigned), so that anyone holding the judge's key from the hub's signed
 * directory log can check the signature again without trusting the verdict.
 */
export const HearingSignatureSchema = z.object({
  verdict: z.enum(HEARING_SIGNATURES),
  keyId: z.string().nullable(),
  signedAt: z.string().nullable(),
  canonical: z.string(),
  digest: z.string(),
  signature: z.string().nullable(),
});

/** The court heard a party on the application (陳述聴取): whose statement, when, how, a note, who recorded it. */
export const PartyHeardSchema = z.object({
  id: z.string(),
  party: z.enum(HEARD_PARTIES),
  heardAt: z.string(),
  manner: z.enum(HEARING_MANNERS),
  note: z.string(),
  recordedBy: PersonRef,
  recordedAt: z.string(),
  /** The recording judge's passkey signature over the hearing: the verdict checked now, the key, the digest. */
  signature: HearingSignatureSchema,
  /** Recorded by mistake and withdrawn by a judge of the court: kept and shown, no longer counted. */
  withdrawn: z
    .object({ at: z.string(), by: PersonRef, reason: z.string(), signature: HearingSignatureSchema })
    .nullable(),
});
export type PartyHeard = z.infer<typeof PartyHeardSchema>;

export const DISCLOSURE_ORDER_ACTIONS = [
  'record_hearing',
  'withdraw_hearing',
  'withdraw',
  'decline',
  'issue',
  'open_request',
  'record_objection',
  'record_objection_outcome',
  'record_final',
] as const;
export type DisclosureOrderAction = (typeof DISCLOSURE_ORDER_ACTIONS)[number];

export const DisclosureOrderApplicationSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  state: z.enum(DISCLOSURE_ORDER_APPLICATION_STATES),
  caseReference: z.string(),
  lawOffice: OrgRef,
  court: OrgRef,
  provider: OrgRef,
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The court's case number, once the order was issued. */
  orderCaseNumber: z.string().nullable(),
  /** The civil request drafted from the issued order. */
  requestId: z.string().nullable(),
  /** How the issued order stands: not yet final, contested, final, or set aside (null before it is issued). */
  standing: OrderStandingSchema.nullable(),
  updatedAt: z.string(),
});
export type DisclosureOrderApplicationSummary = z.infer<typeof DisclosureOrderApplicationSummarySchema>;

export const DisclosureOrderApplicationSchema = DisclosureOrderApplicationSummarySchema.extend({
  /** Which side the viewer stands on: the applying law office, or the court's judges. */
  side: z.enum(['office', 'court']),
  claimant: z.string(),
  claimantAddress: z.string().nullable(),
  rights: z.array(z.enum(INFRINGED_RIGHTS)),
  rightsInfringed: z.string(),
  purposes: z.array(z.enum(DISCLOSURE_PURPOSES)),
  senderInformation: z.array(z.enum(SENDER_INFORMATION)),
  targets: z.array(TargetSchema),
  facts: z.string(),
  necessity: z.string(),
  filedBy: PersonRef,
  withdrawReason: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  declineReason: z.string().nullable(),
  /** The parties the court heard (the respondent provider must be, before the order is issued). */
  hearings: z.array(PartyHeardSchema),
  /** The issued order, signed by the judge's own passkey. */
  order: IssuedOrderSchema.nullable(),
  actions: z.array(z.enum(DISCLOSURE_ORDER_ACTIONS)),
  createdAt: z.string(),
});
export type DisclosureOrderApplication = z.infer<typeof DisclosureOrderApplicationSchema>;
