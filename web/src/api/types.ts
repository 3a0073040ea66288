// The shapes the screens work with, derived from the generated OpenAPI types (schema.d.ts). Where the
// document leaves a field open (the request content and the answer are validated by the services,
// and described there as objects), the domain's own TYPES are used (through the `#shokai/domain`
// subpath, types only: the browser bundle takes no zod) — one source for both sides.

import type {
  CafeRecordsRequestContent,
  CivilDisclosureRequestContent,
  AnswerContent as DomainAnswer,
  RequestContent as DomainRequestContent,
  Target as DomainTarget,
  EmergencyRequestContent,
  MlatRequestContent,
  PreservationRequestContent,
  ProviderPolicy,
  RequestContentInput,
  TargetInput,
  WarrantRequestContent,
} from '#shokai/domain';
import type {
  Bilingual,
  DataCategory,
  DeclineReason,
  KeyRevocationReason,
  OrganisationKind,
  RequestKind,
  RequestState,
  Role,
} from '#shokai/vocabulary';
import type { components } from './schema.d.ts';

type S = components['schemas'];

export type {
  Bilingual,
  DataCategory,
  DeclineReason,
  KeyRevocationReason,
  OrganisationKind,
  RequestKind,
  RequestState,
  Role,
};

export interface ApiErrorBody {
  error: { code: string; message: Bilingual; details?: Record<string, unknown> };
}

export type User = Omit<S['User'], 'roles'> & { roles: Role[] };
export type Organisation = Omit<S['Organisation'], 'kind'> & { kind: OrganisationKind };
export type Unit = NonNullable<S['Unit']>;
export interface Me {
  user: { id: string; kind: string; displayName: string; roles: Role[]; organisationId: string; unitId: string | null };
  organisation: Organisation;
  unit: Unit | null;
}

/** What the editor sends (instants as ISO strings with offset; defaults filled in by the server). */
export type RequestContentDraft = RequestContentInput;
/**
 * The content as the screens read it: the fields every kind has, plus each kind's block as optional
 * (the domain's discriminated union, flattened for display).
 */
export type RequestContent = Omit<DomainRequestContent, 'kind'> & {
  kind: RequestKind;
  providerOrganisationId?: string;
  warrant?: WarrantRequestContent['warrant'];
  preservation?: PreservationRequestContent['preservation'];
  emergency?: EmergencyRequestContent['emergency'];
  civil?: CivilDisclosureRequestContent['civil'];
  cafe?: CafeRecordsRequestContent['cafe'];
  mlat?: MlatRequestContent['mlat'];
};
export type Target = DomainTarget;
export type TargetDraft = TargetInput;
export type TargetType = Target['type'];

export type DeadlineStatus = S['RequestSummary']['deadline']['status'];
type Narrow<T> = Omit<T, 'kind' | 'state' | 'categories'> & {
  kind: RequestKind;
  state: RequestState;
  categories: DataCategory[];
};
export type RequestSummary = Narrow<S['RequestSummary']>;
export type RequestDetail = Omit<Narrow<S['RequestDetail']>, 'content' | 'declineReason'> & {
  content: RequestContent;
  declineReason: DeclineReason | null;
};
export type Verification = NonNullable<S['RequestDetail']['verification']>;
export type VerificationCheck = Verification['checks'][number];
export type Message = S['RequestDetail']['messages'][number];

export type AnswerContent = DomainAnswer;
export type AnswerItem = AnswerContent['items'][number];
export type ItemResult = AnswerItem['result'];
export type SubscriberRecord = NonNullable<AnswerItem['subscriber']>;

export type Transition =
  | { action: 'submit' }
  | { action: 'approve'; digest: string }
  | { action: 'reject_approval'; reason: string }
  | { action: 'start_review' }
  | { action: 'request_clarification'; message: string }
  | { action: 'clarify'; message: string }
  | { action: 'start_opinion_hearing'; message?: string }
  | { action: 'record_opinion'; opinion: string; objection: boolean }
  | { action: 'answer'; answer: AnswerContent }
  | { action: 'decline'; reason: DeclineReason; note?: string }
  | { action: 'withdraw'; reason: string }
  | { action: 'extend_preservation' }
  | { action: 'close' };
export type TransitionAction = Transition['action'];

export interface UnsealedAnswer {
  answer: AnswerContent;
  answeredAt: string;
  signatureValid: boolean;
  signedBy: { organisationId: string; keyFingerprint: string };
  readAt: string;
}
export type AuditEvent = {
  seq: number;
  at: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  details?: unknown;
};
export type AuditVerification = S['AuditVerification'];
export type PolicyCheck = S['PolicyCheck'];
export type CaseSummary = S['Case'];
export type CaseDetail = CaseSummary & { requests: RequestSummary[] };
export type { ProviderPolicy };
export type Networks = { cidrs: string[]; asns: number[]; domains: string[] };
export type OrganisationDetail = Organisation & {
  units: Unit[];
  policy: { version: number; publishedAt: string | null; policy: ProviderPolicy } | null;
  networks: Networks | null;
};
export type KeyInfo = S['Key'];
export type SignedEnvelope = S['SignedEnvelope'];
