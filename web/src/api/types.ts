// The shapes the screens work with: the API's own contract (the types generated from its OpenAPI
// document, through the typed client `#shokai/client`) and the vocabulary's closed lists. No domain
// module is imported here: what the server sends and accepts is what its document says.
import type { Schemas } from '#shokai/client';

export type { ApiErrorBody } from '#shokai/client';
export type {
  Bilingual,
  DataCategory,
  DeclineReason,
  KeyRevocationReason,
  OrganisationKind,
  RequestKind,
  RequestState,
  Role,
} from '#shokai/vocabulary';

type S = Schemas;

export type User = S['User'];
export type Organisation = S['Organisation'];
export type Unit = S['Unit'];
export type Me = S['Me'];
export type AuditLogEntry = S['AuditLogPage']['items'][number];

/** What the editor sends (instants as ISO strings with offset; defaults filled in by the server). */
export type RequestContentDraft = S['CreateRequest']['content'];
export type TargetDraft = RequestContentDraft['targets'][number];

type ContentUnion = NonNullable<S['RequestDetail']['content']>;
type Block<K extends ContentUnion['kind'], F extends string> =
  Extract<ContentUnion, { kind: K }> extends infer C ? (F extends keyof C ? C[F] : never) : never;
/**
 * The content as the screens read it: the fields every kind has, plus each kind's block as optional
 * (the discriminated union of the contract, flattened for display).
 */
export type RequestContent = Pick<ContentUnion, keyof ContentUnion> & {
  providerOrganisationId?: string;
  warrant?: Block<'warrant', 'warrant'>;
  preservation?: Block<'preservation', 'preservation'>;
  emergency?: Block<'emergency', 'emergency'>;
  civil?: Block<'civil_disclosure', 'civil'>;
  cafe?: Block<'cafe_records', 'cafe'>;
  mlat?: Block<'mlat', 'mlat'>;
  /** Do-not-notify (秘匿), on a criminal request. */
  confidentiality?: Block<'inquiry', 'confidentiality'>;
};
export type Target = ContentUnion['targets'][number];
export type TargetType = Target['type'];

export type DeadlineStatus = S['RequestSummary']['deadline']['status'];
export type RequestSummary = S['RequestSummary'];
/** A request as the viewer sees it: the oversight body gets no content (contentWithheld) until it records why. */
export type RequestDetail = Omit<S['RequestDetail'], 'content'> & { content: RequestContent | null };
export type Verification = NonNullable<S['RequestDetail']['verification']>;
export type VerificationCheck = Verification['checks'][number];
export type Message = S['RequestDetail']['messages'][number];

export type AnswerContent = S['AnswerContent'];
export type AnswerItem = AnswerContent['items'][number];
export type ItemResult = AnswerItem['result'];
export type SubscriberRecord = NonNullable<AnswerItem['subscriber']>;
/** What the provider's records say about one target (issue 13): verdict, candidates, window, sources. */
export type Finding = NonNullable<AnswerItem['finding']>;
export type FindingCandidate = Finding['candidates'][number];
/** The verdict an access record was read under, sent with a draft-next (the hub refuses ambiguous ones). */
export type FindingVerdictRef = { verdict: Finding['verdict'] };

export type Transition = S['Transition'];
export type TransitionAction = Transition['action'];

export type UnsealedAnswer = S['OpenedAnswer'];
export type AuditEvent = S['AuditItem'];
export type AuditVerification = S['AuditVerification'];
export type PolicyCheck = S['PolicyCheck'];
export type CaseSummary = S['Case'];
export type CaseDetail = S['CaseDetail'];
export type ProviderPolicy = S['ProviderPolicy'];
export type Networks = S['Networks'];
export type OrganisationDetail = S['OrganisationDetail'];
export type KeyInfo = S['Key'];
export type SignedEnvelope = S['SignedEnvelope'];
export type MailAnalysis = S['MailAnalysis'];
/** An analysis's signature and policy checks: there when key records were supplied. */
export type MailVerification = NonNullable<MailAnalysis['authentication']['verification']>;
export type WhomAnswer = S['WhomAnswer'];
export type WhomDomainAnswer = S['WhomDomainAnswer'];
export type AttributionLookup = S['AttributionLookup'];
// attachments (issue 14 item 2)
export type Attachment = S['Attachment'];
export type AttachmentPurpose = Attachment['purpose'];

// statistics and search (issue 14: numbers)
export type StatisticsReport = S['StatisticsReport'];
export type Statistics = S['Statistics'];
// the consultation desk (issue 15)
export type Consultation = S['Consultation'];
export type WarrantApplication = S['WarrantApplication'];
export type WarrantApplicationSummary = S['WarrantApplicationSummary'];
export type DisclosureOrderApplication = S['DisclosureOrderApplication'];
export type AncillaryOrder = S['AncillaryOrder'];
export type ProvisionNotice = S['ProvisionNotice'];
export type PostLogCommunications = S['PostLogCommunications'];
export type DisclosureOrderApplicationSummary = S['DisclosureOrderApplicationSummary'];
export type ConsultationSummary = S['ConsultationSummary'];
export type Playbook = S['Playbook'];
export type ConsultationStatistics = S['ConsultationStatistics'];

// trace (issue 12)
export type CaseTrace = S['CaseTrace'];
export type TraceNode = CaseTrace['nodes'][number];
export type NextRequestProposal = S['NextRequestProposal'];
export type NextRequestDraft = S['NextRequestDraft'];
export type AccessRecord = S['NextRequest']['from']['record'];
export type NextFrom = S['NextRequest']['from'];
export type ChainHop = S['RequestDetail']['chain']['follows'][number];
// printable documents (issue 14 item 1)
export type DocumentVerification = S['DocumentVerification'];
