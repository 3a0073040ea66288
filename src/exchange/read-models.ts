import { z } from 'zod';
import { OrderStandingSchema } from '../court/order-standing.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { LIFECYCLE_ACTIONS } from '../domain/lifecycle.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { TargetSchema } from '../domain/targets.ts';
import { VERIFICATION_CHECKS } from '../domain/verification.ts';
import {
  ACTOR_TYPES,
  AUDIT_ACTIONS,
  DATA_CATEGORIES,
  DEADLINE_STATUSES,
  DECLINE_REASONS,
  DOCUMENT_TYPES,
  HEARING_IMPOSSIBLE_REASONS,
  LINK_SOURCES,
  MESSAGE_PURPOSES,
  MESSAGE_SIDES,
  PROVIDER_CATEGORIES,
  REQUEST_KINDS,
  REQUEST_STATES,
  ROLES,
  THREAD_NOTICES,
} from '../domain/vocabulary.ts';
import { WithdrawalSignatureSchema } from '../domain/withdrawal-signature.ts';

// The API's read models of requests, built from the domain's schemas; they also describe /openapi.json
// and, through it, the typed client.

export const BilingualSchema = z.object({ ja: z.string(), en: z.string() });
export const OrgRefSchema = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() });
export const DeadlineSchema = z.object({ status: z.enum(DEADLINE_STATUSES), remainingMs: z.number().nullable() });
export const SIDES = ['agency', 'provider', 'oversight'] as const;

/** One hop of a case's chain as a request shows it: the other request, and the identifier between them. */
export const ChainHopSchema = z.object({
  requestId: z.string().nullable(),
  reference: z.string().nullable(),
  source: z.enum(LINK_SOURCES),
  identifier: TargetSchema,
  at: z.string(),
});
export type ChainHop = z.infer<typeof ChainHopSchema>;

export const RequestSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(REQUEST_KINDS),
  state: z.enum(REQUEST_STATES),
  agency: OrgRefSchema,
  unit: OrgRefSchema,
  provider: OrgRefSchema.nullable(),
  caseId: z.string().nullable(),
  /** null when the viewer (the oversight body) sees metadata only. */
  caseReference: z.string().nullable(),
  offence: z.string().nullable(),
  targetCount: z.number(),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  emergency: z.boolean(),
  verified: z.boolean().nullable(),
  issuedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  deadline: DeadlineSchema,
  /**
   * Since when the request waits on the requester's clarification (state clarification_requested), else null:
   * the deadline stands still meanwhile and is pushed back by the wait once clarified.
   */
  clarificationAskedAt: z.string().nullable(),
  /** What must follow the answer: the paperwork after an emergency, the end of a preservation (issue 15). */
  followUp: z
    .object({
      kind: z.enum(['paperwork', 'preservation_end', 'mlat_reply']),
      dueAt: z.string(),
      status: z.enum(DEADLINE_STATUSES),
      remainingMs: z.number().nullable(),
      doneBy: z.object({ id: z.string(), reference: z.string() }).nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const VerificationSchema = z.object({
  ok: z.boolean(),
  verifiedAt: z.string(),
  /** How old the approver's credential was when it signed, and who countersigned the approver's role. */
  approverCredential: z
    .object({
      keyFingerprint: z.string(),
      validFrom: z.string(),
      ageHoursAtSigning: z.number(),
      countersignedBy: z.string().nullable(),
      countersignedAt: z.string().nullable(),
    })
    .optional(),
  checks: z.array(
    z.object({
      name: z.enum(VERIFICATION_CHECKS),
      status: z.enum(['pass', 'fail', 'not_applicable']),
      message: BilingualSchema,
    }),
  ),
});

export const RequestDetailSchema = RequestSummarySchema.extend({
  draftedBy: z.object({ id: z.string(), displayName: z.string() }),
  approvedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  /** null when the viewer (the oversight body) sees metadata only: see contentWithheld. */
  content: RequestContentSchema.nullable(),
  contentWithheld: z.boolean(),
  receivedAt: z.string().nullable(),
  opinionDeadlineAt: z.string().nullable(),
  /** For the provider: a hearing of the subscriber is held through the system (its letter, or recorded impossible). */
  hearingHeld: z.boolean(),
  /** The printable documents this viewer may take now (src/domain/documents.ts): none before signing. */
  documents: z.array(z.enum(DOCUMENT_TYPES)),
  preservationUntil: z.string().nullable(),
  preservationExtended: z.boolean(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  declineNote: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  envelopeId: z.string().nullable(),
  verification: VerificationSchema.nullable(),
  /** A call-back check asked before an emergency signed with a new credential is answered. */
  secondCheck: z
    .object({
      required: z.boolean(),
      reason: BilingualSchema,
      callbackPhone: z.string().nullable(),
      confirmedBy: z.string().nullable(),
      confirmedAt: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      side: z.enum(MESSAGE_SIDES),
      purpose: z.enum(MESSAGE_PURPOSES),
      /**
       * What a person wrote ('' for a hearing's notice, and for a reader who may not read the content);
       * beside the notice of an extension, the reason the investigator gave.
       */
      body: z.string(),
      /**
       * A notice the system wrote (the hearing's steps, a preservation extended): its code, its parameters
       * (a hearing's `reason`; the new end `until`, UTC ISO 8601), and its text in both languages (an
       * instant in Japan time with its offset; an interface writes `until` in its viewer's zone).
       */
      notice: z
        .object({
          code: z.enum(THREAD_NOTICES),
          reason: z.enum(HEARING_IMPOSSIBLE_REASONS).optional(),
          until: z.string().optional(),
          text: BilingualSchema,
        })
        .nullable(),
      author: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  answer: z
    .object({
      outcome: z.string(),
      signedBy: z.string(),
      createdAt: z.string(),
      sealedFor: z.string(),
      /** Where it opens (and its 回答書 is rendered): on the members' devices, or on the hub (legacy custody). */
      opensOn: z.enum(['device', 'hub']),
    })
    .nullable(),
  viewerSide: z.enum(SIDES),
  /**
   * The addressed provider's category as the directory holds it (null: none, or one this version does not know):
   * whose record its answer gives, and so its words (a board's registered user, not a line's subscriber).
   */
  providerCategory: z.enum(PROVIDER_CATEGORIES).nullable(),
  /**
   * How the court's order a civil request presents stands, when the court issued it in the system: an
   * order set aside on objection (or contested in a pending suit) cannot be answered.
   */
  courtOrderStanding: OrderStandingSchema.nullable(),
  /**
   * The office's withdrawal, when it withdrew the request (null otherwise, before migration 058, and for a
   * reader who may not read the content): the reason as signed, when, by whom, the passkey signature the
   * provider's installation verifies against its pinned log, and whether it verifies on this read under the
   * key as the hub's signed directory log shows it (`unsigned`: withdrawn without a passkey; `not_in_log`:
   * that log does not show the key).
   */
  /**
   * The provider's own installation took the request (its machine client acted on it first, when): shown to
   * the provider's people, whose hub pages then leave the answer to the installation. Null: none did.
   */
  installation: z.object({ clientName: z.string(), takenAt: z.string() }).nullable(),
  withdrawal: z
    .object({
      reason: z.string(),
      at: z.string(),
      by: z.object({ id: z.string(), displayName: z.string() }).nullable(),
      signature: WithdrawalSignatureSchema.nullable(),
      verdict: z.enum(['verified', 'failed', 'unsigned', 'not_in_log']),
    })
    .nullable(),
  allowedActions: z.array(z.enum(LIFECYCLE_ACTIONS)),
  /** The chain around this request (the issuing side only): what it follows, and what follows it. */
  chain: z.object({ follows: z.array(ChainHopSchema), followedBy: z.array(ChainHopSchema) }),
});
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const AuditItemSchema = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable(),
  /** A user's display name or a machine client's registered name (never its id). */
  actorName: z.string().nullable(),
  /** The organisation the actor acted for, by name (null: the system). */
  actorOrganisation: z.object({ ja: z.string(), en: z.string() }).nullable(),
  /**
   * The roles the actor held at the act, from the role periods the directory records (a machine client: those
   * it was registered with): only for the viewer's own organisation's people; none for another
   * organisation's actors and for the system.
   */
  actorRoles: z.array(z.enum(ROLES)),
  /**
   * The roles of the viewer's own person whose start the directory does not record and that had not ended by
   * the act: held then, or granted only later; not in `actorRoles`.
   */
  actorRolesUnsure: z.array(z.enum(ROLES)),
  details: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof AuditItemSchema>;

export const EnvelopeResponseSchema = z.object({ envelope: SignedEnvelopeSchema.nullable() });
