import { z } from 'zod';
import { TargetSchema } from '../domain/targets.ts';
import { DATA_CATEGORIES, WARRANT_APPLICATION_STATES, WARRANT_TYPES } from '../domain/vocabulary.ts';
import { ChainHopSchema } from '../exchange/read-models.ts';

// What the warrant applications' answers look like: the contract's schemas (the server registers them
// by name).

export const WARRANT_APPLICATION_ACTIONS = [
  'edit',
  'submit',
  'return',
  'send',
  'withdraw',
  'decline',
  'attest',
  'open_request',
] as const;
export type WarrantApplicationAction = (typeof WARRANT_APPLICATION_ACTIONS)[number];

/** An organisation an application names, and a person who drafted, sent or decided one. */
export const OrgRef = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() });
export const PersonRef = z.object({ id: z.string(), displayName: z.string() });

export const WarrantApplicationSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  state: z.enum(WARRANT_APPLICATION_STATES),
  warrantType: z.enum(WARRANT_TYPES),
  caseReference: z.string(),
  agency: OrgRef,
  court: OrgRef,
  provider: OrgRef,
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type WarrantApplicationSummary = z.infer<typeof WarrantApplicationSummarySchema>;

/**
 * Where an application drafted from an answer's record (or an e-mail's origin) came from, in the words of a
 * request's chain (`ChainHop`): the request answered (null for an e-mail, or when the viewer does not see it),
 * the identifier it follows, and the case (null when the viewer does not see it).
 */
export const WarrantApplicationFollowsSchema = ChainHopSchema.omit({ at: true }).extend({
  case: z.object({ id: z.string(), reference: z.string(), title: z.string() }).nullable(),
});
export type WarrantApplicationFollows = z.infer<typeof WarrantApplicationFollowsSchema>;

export const WarrantApplicationSchema = WarrantApplicationSummarySchema.extend({
  /** Which side the viewer stands on: the applying unit, or the court's judges. */
  side: z.enum(['agency', 'court']),
  unitId: z.string(),
  offence: z.string(),
  /** 被疑事実の要旨: the summary of the facts of the suspected offence. */
  facts: z.string(),
  necessity: z.string(),
  targets: z.array(TargetSchema),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  recordsPeriod: z.object({ from: z.string(), to: z.string() }).nullable(),
  validDays: z.number(),
  validityReason: z.string().nullable(),
  draftedBy: PersonRef,
  submittedAt: z.string().nullable(),
  sentBy: PersonRef.nullable(),
  /** Whether the unit head signed the sending on their own device (their passkey). */
  sentWithPasskey: z.boolean(),
  returnedNote: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  declineReason: z.string().nullable(),
  /** The issued warrant, once a judge attested it. */
  warrant: z
    .object({
      number: z.string(),
      issuedAt: z.string(),
      validUntil: z.string(),
      attestation: z.object({ keyId: z.string(), signature: z.string() }),
    })
    .nullable(),
  /** The request drafted from the issued warrant. */
  requestId: z.string().nullable(),
  /**
   * What it follows, for the applying unit: the request drafted from the warrant is linked to it in the case's
   * trace. Null when typed from scratch, and for the court (which reads what was signed and sent).
   */
  follows: WarrantApplicationFollowsSchema.nullable(),
  /** What the viewer may do now. */
  actions: z.array(z.enum(WARRANT_APPLICATION_ACTIONS)),
  createdAt: z.string(),
});
export type WarrantApplication = z.infer<typeof WarrantApplicationSchema>;
