import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AttributionLookupInput } from '../attribution/attribution-lookup.ts';
import { LoginInput } from '../auth/auth-service.ts';
import { RegisterClientInput } from '../auth/clients.ts';
import { EnrolInput } from '../auth/enrolment.ts';
import { CreateCaseInput } from '../cases/case-service.ts';
import { AdviseConsultationInput, RecordConsultationInput } from '../consultation/consultation-service.ts';
import { OpenCaseFromConsultationInput } from '../consultation/open-case.ts';
import {
  ConsultationSchema,
  ConsultationStatisticsSchema,
  ConsultationSummarySchema,
  OpenedCaseSchema,
  PlaybookSchema,
} from '../consultation/read-models.ts';
import { AncillaryOrderSchema, ProvisionNoticeSchema } from '../court/ancillary-order-models.ts';
import { AncillaryOrderInput, AncillaryReasonInput } from '../court/ancillary-orders.ts';
import {
  NewWarrantApplicationInput,
  ReturnApplicationInput,
  SendApplicationInput,
  WarrantApplicationInput,
  WithdrawApplicationInput,
} from '../court/applications.ts';
import { RecordHearingInput, WithdrawHearingInput } from '../court/disclosure-order-hearing.ts';
import {
  DisclosureOrderApplicationSchema,
  DisclosureOrderApplicationSummarySchema,
} from '../court/disclosure-order-models.ts';
import { DeclineOrderApplicationInput, IssueOrderInput } from '../court/disclosure-order-review.ts';
import {
  DisclosureOrderApplicationInput,
  OpenOrderRequestInput,
  WithdrawOrderApplicationInput,
} from '../court/disclosure-orders.ts';
import { RecordFinalInput, RecordObjectionInput, RecordObjectionOutcomeInput } from '../court/order-standing-inputs.ts';
import { NotifyInput } from '../court/provision.ts';
import { ProvideInput, ProvisionToSignSchema } from '../court/provision-pages.ts';
import { ProvideSealedInput } from '../court/provision-sealed.ts';
import { WarrantApplicationSchema, WarrantApplicationSummarySchema } from '../court/read-models.ts';
import { AttestApplicationInput, DeclineApplicationInput, OpenRequestInput } from '../court/review.ts';
import { RegisterCredentialInput } from '../directory/credentials.ts';
import { DesignateDutyInput, DutyDesignationDraftInput, RevokeDutyInput } from '../directory/duty.ts';
import { RegisterInstallationKeyInput } from '../directory/installation-keys.ts';
import { RevokeKeyInput, RotateKeyInput } from '../directory/keys.ts';
import {
  CreateOrganisationInput,
  CreateUnitInput,
  CreateUserInput,
  DeclareNetworksInput,
  NetworksInput,
  OrganisationSchema,
  PendingRoleSchema,
  PublicKeySchema,
  RoleGrantSchema,
  RolePeriodSchema,
  RolePeriodsSchema,
  SecondFactorLockSchema,
  SecondFactorUnlockSchema,
  UnitSchema,
  UserSchema,
} from '../directory/model.ts';
import { EndRoleInput } from '../directory/role-ends.ts';
import { GrantRoleInput } from '../directory/role-regrants.ts';
import { VerifyPinnedInput } from '../directory/transparency.ts';
import { VerifyDocumentInputSchema } from '../documents/document-service.ts';
import { AnswerContentSchema } from '../domain/answer-content.ts';
import { EnvelopePayloadSchema, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { ProviderPolicySchema } from '../domain/policy.ts';
import { RefusalReasonInput } from '../domain/refusal.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { ImportDomainsInput, WhomDomainInput } from '../evidence/domains/domain-service.ts';
import { AnalyzeMailInput } from '../evidence/mail-service.ts';
import { AddresseeCheckSchema, PolicyCheckWithAddressesInput } from '../evidence/whom/addressee.ts';
import { WhomInput } from '../evidence/whom/whom-service.ts';
import { AnswerPreviewInput } from '../exchange/answers.ts';
import { RegisterDeviceInput } from '../exchange/custody.ts';
import { MarkCompromisedInput } from '../exchange/custody-compromise.ts';
import { EnrolDeviceInput, NewCustodyKeyInput, RotateCustodyInput } from '../exchange/custody-keys.ts';
import { ResealInput } from '../exchange/custody-reseal.ts';
import { IntakeInput } from '../exchange/delivery.ts';
import { CreateRequestInput, UpdateRequestInput } from '../exchange/drafting.ts';
import { MlatEventInput } from '../exchange/mlat-route.ts';
import { DraftNextInput, NextRequestInput } from '../exchange/next-request.ts';
import {
  AuditItemSchema,
  BilingualSchema,
  RequestDetailSchema,
  RequestSummarySchema,
  VerificationSchema,
} from '../exchange/read-models.ts';
import { BreakGlassInput, ShareInput } from '../exchange/sharing.ts';
import { TraceInput } from '../exchange/trace.ts';
import { TransitionInput } from '../exchange/transitions.ts';
import { AttestWarrantInput } from '../exchange/warrants.ts';
import { WithdrawalPreviewInput } from '../exchange/withdrawal.ts';
import { HearingDecisionInput, HearingReplyInput, SendHearingInput } from '../hearing/hearing-service.ts';
import { HearingImpossibleInput } from '../hearing/impossible.ts';
import { HearingLinkSchema, HearingSchema, SentHearingSchema } from '../hearing/read-models.ts';
import { PostLogCommunicationsSchema } from '../holders/post-communications.ts';

// The API's contract: every body and response is a schema of the domain or of a service, registered
// once here under the name the OpenAPI document (and the typed client generated from it) uses.

export const Organisation = OrganisationSchema.meta({ id: 'Organisation' });
export const Unit = UnitSchema.meta({ id: 'Unit' });
export const SecondFactorLock = SecondFactorLockSchema.meta({ id: 'SecondFactorLock' });
export const SecondFactorUnlock = SecondFactorUnlockSchema.meta({ id: 'SecondFactorUnlock' });
export const User = UserSchema.meta({ id: 'User' });
export const Key = PublicKeySchema.meta({ id: 'Key' });
export const RoleGrant = RoleGrantSchema.meta({ id: 'RoleGrant' });
export const RolePeriod = RolePeriodSchema.meta({ id: 'RolePeriod' });
export const PendingRole = PendingRoleSchema.meta({ id: 'PendingRole' });
export const RolePeriods = RolePeriodsSchema.extend({
  items: z.array(RolePeriod),
  pending: z.array(PendingRole),
}).meta({ id: 'RolePeriods' });
export const ProviderPolicy = ProviderPolicySchema.meta({ id: 'ProviderPolicy' });
export const Networks = NetworksInput.meta({ id: 'Networks' });
/** One finding of the policy check: its category, its code and what it means. */
const PolicyFinding = z.object({ category: z.string(), code: z.string(), message: BilingualSchema });
export const PolicyCheck = z
  .object({
    ok: z.boolean(),
    refusals: z.array(PolicyFinding),
    notices: z.array(PolicyFinding),
    /** Whether the provider holds each address target (whom to ask). */
    addressees: z.array(AddresseeCheckSchema),
  })
  .meta({ id: 'PolicyCheck' });
export const PublishedPolicy = z
  .object({ version: z.number(), publishedAt: z.string().nullable(), policy: ProviderPolicy })
  .meta({ id: 'PublishedPolicy' });

export const RequestContent = RequestContentSchema.meta({ id: 'RequestContent' });
export const AnswerContent = AnswerContentSchema.meta({ id: 'AnswerContent' });
export const SignedEnvelope = SignedEnvelopeSchema.meta({ id: 'SignedEnvelope' });
export const RequestSummary = RequestSummarySchema.meta({ id: 'RequestSummary' });
export const RequestDetail = RequestDetailSchema.meta({ id: 'RequestDetail' });
export const Verification = VerificationSchema.meta({ id: 'Verification' });
export const AuditItem = AuditItemSchema.meta({ id: 'AuditItem' });
export const Case = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    reference: z.string(),
    title: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Case' });

// The consultation desk (issue 15)
export const Playbook = PlaybookSchema.meta({ id: 'Playbook' });
export const ConsultationSummary = ConsultationSummarySchema.meta({ id: 'ConsultationSummary' });
export const Consultation = ConsultationSchema.meta({ id: 'Consultation' });
export const OpenedCase = OpenedCaseSchema.meta({ id: 'OpenedCase' });
export const ConsultationStatistics = ConsultationStatisticsSchema.meta({ id: 'ConsultationStatistics' });
export const Hearing = HearingSchema.meta({ id: 'Hearing' });
export const SentHearing = SentHearingSchema.meta({ id: 'SentHearing' });
export const HearingLink = HearingLinkSchema.meta({ id: 'HearingLink' });
// warrant applications (issue 15 item 5)
export const WarrantApplicationSummary = WarrantApplicationSummarySchema.meta({ id: 'WarrantApplicationSummary' });
export const WarrantApplication = WarrantApplicationSchema.meta({ id: 'WarrantApplication' });
// disclosure-order applications (issue 15 item 2)
export const DisclosureOrderApplicationSummary = DisclosureOrderApplicationSummarySchema.meta({
  id: 'DisclosureOrderApplicationSummary',
});
export const DisclosureOrderApplication = DisclosureOrderApplicationSchema.meta({ id: 'DisclosureOrderApplication' });
export const AncillaryOrder = AncillaryOrderSchema.meta({ id: 'AncillaryOrder' });
export const ProvisionNotice = ProvisionNoticeSchema.meta({ id: 'ProvisionNotice' });
export const ProvisionToSign = ProvisionToSignSchema.meta({ id: 'ProvisionToSign' });
export const PostLogCommunications = PostLogCommunicationsSchema.meta({ id: 'PostLogCommunications' });
/** What a person signs on their own device: the canonical JSON, its digest, the passkey that must sign. */
/** The passkey the caller signs with (its credential and relying party); null when they sign otherwise. */
export const SigningPasskey = z.object({ credentialId: z.string(), rpId: z.string() }).nullable();

export const SigningDigest = z
  .object({ canonical: z.string(), digest: z.string(), passkey: SigningPasskey })
  .meta({ id: 'SigningDigest' });

/** The unit head's preview of a request: what they sign, the address warnings, why approval would be refused. */
export const SigningPreview = z
  .object({
    payload: EnvelopePayloadSchema,
    canonical: z.string(),
    digest: z.string(),
    passkey: SigningPasskey,
    /** The address targets checked against the addressee, as the editor showed them to the drafter. */
    addressees: z.array(AddresseeCheckSchema),
    /** Why approving now would be refused (a request drafted before a rule, an expired warrant), or null. */
    refusal: BilingualSchema.nullable(),
  })
  .meta({ id: 'SigningPreview' });

/**
 * Request bodies: documented here by name, validated by the service they go to, after its access check
 * (a caller without the right gets 403 whatever the body, never a hint of what a valid body is).
 */
export const REQUEST_BODIES = {
  CreateOrganisation: CreateOrganisationInput,
  CreateUnit: CreateUnitInput,
  CreateUser: CreateUserInput,
  RegisterClient: RegisterClientInput,
  RotateKey: RotateKeyInput,
  RevokeKey: RevokeKeyInput,
  PublishPolicy: ProviderPolicySchema,
  DeclareNetworks: DeclareNetworksInput,
  PolicyCheckRequest: PolicyCheckWithAddressesInput,
  CreateRequest: CreateRequestInput,
  UpdateRequest: UpdateRequestInput,
  Transition: TransitionInput,
  WithdrawalPreviewRequest: WithdrawalPreviewInput,
  Intake: IntakeInput,
  AnswerPreviewRequest: AnswerPreviewInput,
  RegisterInstallationKey: RegisterInstallationKeyInput,
  AttestWarrant: AttestWarrantInput,
  CreateCase: CreateCaseInput,
  Login: LoginInput,
  Enrol: EnrolInput,
  RefuseGrant: RefusalReasonInput,
  EndRole: EndRoleInput,
  GrantRole: GrantRoleInput,
  ShareRequest: ShareInput,
  BreakGlass: BreakGlassInput,
  AnalyzeMail: AnalyzeMailInput,
  // whom to ask (evidence)
  WhomRequest: WhomInput,
  AttributionLookupRequest: AttributionLookupInput,
  WhomDomainRequest: WhomDomainInput,
  ImportDomains: ImportDomainsInput,
  RegisterCredential: RegisterCredentialInput,
  RefuseCredential: RefusalReasonInput,
  RefuseKeyRegistration: RefusalReasonInput,
  VerifyPinned: VerifyPinnedInput,
  // trace (issue 12)
  NextRequest: NextRequestInput,
  DraftNext: DraftNextInput,
  TraceRecords: TraceInput,
  // answers in device custody
  RegisterDevice: RegisterDeviceInput,
  EnrolDevice: EnrolDeviceInput,
  StartCustody: NewCustodyKeyInput,
  RotateCustody: RotateCustodyInput,
  MarkCompromised: MarkCompromisedInput,
  Reseal: ResealInput,
  // the consultation desk (issue 15)
  RecordConsultation: RecordConsultationInput,
  AdviseConsultation: AdviseConsultationInput,
  OpenCaseFromConsultation: OpenCaseFromConsultationInput,
  SendHearing: SendHearingInput,
  HearingReply: HearingReplyInput,
  HearingDecision: HearingDecisionInput,
  HearingImpossible: HearingImpossibleInput,
  VerifyDocument: VerifyDocumentInputSchema,
  // the duty approver (issue 15)
  DutyDesignationDraft: DutyDesignationDraftInput,
  DesignateDuty: DesignateDutyInput,
  RevokeDuty: RevokeDutyInput,
  // warrant applications (issue 15 item 5)
  NewWarrantApplication: NewWarrantApplicationInput,
  WarrantApplicationDraft: WarrantApplicationInput,
  SendWarrantApplication: SendApplicationInput,
  ReturnWarrantApplication: ReturnApplicationInput,
  WithdrawWarrantApplication: WithdrawApplicationInput,
  DeclineWarrantApplication: DeclineApplicationInput,
  AttestWarrantApplication: AttestApplicationInput,
  OpenWarrantRequest: OpenRequestInput,
  // disclosure-order applications (issue 15 item 2)
  DisclosureOrderApplicationDraft: DisclosureOrderApplicationInput,
  WithdrawDisclosureOrderApplication: WithdrawOrderApplicationInput,
  DeclineDisclosureOrderApplication: DeclineOrderApplicationInput,
  IssueDisclosureOrder: IssueOrderInput,
  RecordDisclosureOrderHearing: RecordHearingInput,
  WithdrawDisclosureOrderHearing: WithdrawHearingInput,
  OpenDisclosureOrderRequest: OpenOrderRequestInput,
  RecordDisclosureOrderObjection: RecordObjectionInput,
  RecordDisclosureOrderObjectionOutcome: RecordObjectionOutcomeInput,
  RecordDisclosureOrderFinal: RecordFinalInput,
  AncillaryOrderDraft: AncillaryOrderInput,
  AncillaryOrderReason: AncillaryReasonInput,
  ProvideUnderOrder: ProvideInput,
  ProvideSealedUnderOrder: ProvideSealedInput,
  NotifyUnderOrder: NotifyInput,
  MlatEvent: MlatEventInput,
} as const;
export type RequestBodyName = keyof typeof REQUEST_BODIES;

/**
 * Registers every request body under its name (the routes refer to them by `$ref`), as the JSON
 * Schema of what a client may send (the schema's input side: before defaults and normalisation).
 */
export function registerRequestBodies(registry: OpenAPIHono['openAPIRegistry']): void {
  type SchemaComponent = Parameters<typeof registry.registerComponent<'schemas'>>[2];
  for (const [name, schema] of Object.entries(REQUEST_BODIES)) {
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
      metadata: z.registry(),
      // A rule checked by a refinement (to refuse in both languages) states its pattern or least length
      // in its metadata, so that the document still says it; nothing else of the metadata is carried.
      override: ({ zodSchema, jsonSchema }) => {
        const { pattern, minLength } = z.globalRegistry.get(zodSchema) ?? {};
        if (typeof pattern === 'string') jsonSchema.pattern = pattern;
        if (typeof minLength === 'number') jsonSchema.minLength = minLength;
      },
    });
    // zod writes JSON Schema 2020-12, which is what OpenAPI 3.1 schemas are; the two libraries type it apart.
    const component = { ...json, 'x-shokai-request': true } as SchemaComponent;
    registry.registerComponent('schemas', name, component);
  }
}

/**
 * A schema or null. (Not `.nullable()`: a wrapper inherits the registered name of what it wraps, and
 * the component itself would turn nullable.)
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

/** A required JSON body documented by reference; the service validates it. */
export function jsonBody(name: RequestBodyName) {
  return {
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
    required: true,
  } as const;
}
