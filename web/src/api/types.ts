// The shapes the screens work with. Once the server's OpenAPI document is generated into schema.d.ts
// these are checked against it in client.ts (the calls are typed by openapi-fetch).
import type { DataCategory, DeclineReason, OrganisationKind, RequestKind, RequestState, Role } from '../../../src/domain/vocabulary.ts';

export type Bilingual = { ja: string; en: string };
export type { DataCategory, DeclineReason, OrganisationKind, RequestKind, RequestState, Role };

export interface ApiErrorBody {
  error: { code: string; message: Bilingual; details?: Record<string, unknown> };
}

export interface User {
  id: string;
  login: string;
  displayName: string;
  roles: Role[];
  organisationId: string;
  unitId: string | null;
  disabled?: boolean;
}
export interface Organisation {
  id: string;
  kind: OrganisationKind;
  nameJa: string;
  nameEn: string;
  isTelecomCarrier?: boolean;
}
export interface Unit {
  id: string;
  organisationId?: string;
  nameJa: string;
  nameEn: string;
}
export interface Me {
  user: User;
  organisation: Organisation;
  unit: Unit | null;
}

export type Target =
  | { type: 'ip'; address: string; port?: number; at: string; toleranceSeconds?: number }
  | { type: 'account'; id: string; service?: string }
  | { type: 'email'; address: string }
  | { type: 'phone'; number: string }
  | { type: 'domain'; name: string }
  | { type: 'url'; url: string; postId?: string }
  | { type: 'terminal'; terminal: string; from: string; to: string };
export type TargetType = Target['type'];

export interface RequestContent {
  kind: RequestKind;
  providerOrganisationId?: string;
  caseReference: string;
  offence: string;
  facts: string;
  necessity: string;
  targets: Target[];
  categories: DataCategory[];
  requestedBy?: string;
  warrant?: {
    type: string;
    courtOrganisationId: string;
    warrantNumber: string;
    issuedAt: string;
    validUntil: string;
    attestation: { keyId: string; signature: string };
  };
  preservation?: { days: number };
  emergency?:
    | { basis: 'suicide_notice'; conditions: { imminent: boolean; realistic: boolean; intentExpressed: boolean; notJokeOrFiction: boolean }; statement: string }
    | { basis: 'threat_to_life'; statement: string };
  civil?: { claimant: string; counsel: string; rightsInfringed: string; courtOrderReference?: string };
  cafe?: { storeName?: string };
  mlat?: { requestedCountry: string; foreignAuthority: string; foreignProvider?: string; treaty: string; language: string };
}

export type DeadlineStatus = 'none' | 'on_time' | 'due_soon' | 'overdue' | 'escalated';
export interface OrgRef {
  id: string;
  nameJa: string;
  nameEn: string;
}
export interface PersonRef {
  id: string;
  displayName: string;
}

export interface RequestSummary {
  id: string;
  reference: string;
  kind: RequestKind;
  state: RequestState;
  agency?: OrgRef;
  unit?: OrgRef | null;
  provider?: OrgRef | null;
  caseId?: string | null;
  caseReference?: string;
  draftedBy?: PersonRef | null;
  deadlineAt?: string | null;
  deadline?: { status: DeadlineStatus; remainingMs: number | null } | null;
  issuedAt?: string | null;
  receivedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CheckName = 'signature_approver' | 'signature_unit' | 'key_validity' | 'revocation' | 'approver_authority' | 'warrant_attestation' | 'replay' | 'addressee';
export interface VerificationCheck {
  name: CheckName | string;
  status: 'pass' | 'fail' | 'not_applicable';
  message: Bilingual;
}
export interface Verification {
  ok: boolean;
  verifiedAt: string;
  checks: VerificationCheck[];
}
export interface Message {
  id: string;
  side: 'agency' | 'provider' | 'subscriber' | string;
  purpose: string;
  body: string;
  author: PersonRef | string | null;
  createdAt: string;
}

export interface SubscriberRecord {
  account?: string;
  name?: string;
  nameKana?: string;
  installationAddress?: string;
  billingAddress?: string;
  phone?: string;
  email?: string;
  contractStart?: string;
  contractEnd?: string;
}
export type ItemResult = 'found' | 'no_data' | 'retention_expired' | 'not_our_customer';
export interface AnswerItem {
  targetIndex: number;
  result: ItemResult;
  subscriber?: SubscriberRecord;
  accessLog?: { at: string; address: string; port?: number; action?: string }[];
  preservedUntil?: string;
  note?: string;
}
export interface AnswerContent {
  outcome: 'full' | 'partial';
  items: AnswerItem[];
  note?: string;
}

export interface RequestDetail extends RequestSummary {
  agency: OrgRef;
  unit: OrgRef | null;
  provider: OrgRef | null;
  caseId: string | null;
  draftedBy: PersonRef | null;
  approvedBy: PersonRef | null;
  content: RequestContent;
  issuedAt: string | null;
  receivedAt: string | null;
  deadlineAt: string | null;
  deadline: { status: DeadlineStatus; remainingMs: number | null } | null;
  opinionDeadlineAt: string | null;
  preservationUntil: string | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  verification: Verification | null;
  messages: Message[];
  answer: { outcome: 'full' | 'partial'; signedBy: PersonRef | OrgRef | string | null; createdAt: string; sealedFor?: unknown } | null;
  allowedActions: string[];
}

export type Transition =
  | { action: 'submit' }
  | { action: 'approve' }
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
  signatureValid: boolean;
  signedBy: PersonRef | OrgRef | string | null;
  readAt: string;
}
export interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  details: Record<string, unknown> | null;
}
export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  headHash: string;
  firstBad?: unknown;
}
export interface PolicyCheck {
  ok: boolean;
  refusals: { category: DataCategory | string; code: string; message: Bilingual }[];
  notices: { category?: string; code?: string; message: Bilingual }[];
}
export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  createdAt: string;
}
export interface CaseDetail extends CaseSummary {
  requests: RequestSummary[];
}
export interface OrganisationDetail extends Organisation {
  units: Unit[];
  policy?: unknown;
  networks?: unknown;
}
export interface KeyInfo {
  id: string;
  organisationId: string | null;
  ownerType: string;
  ownerId: string;
  purpose: string;
  algorithm: string;
  fingerprint: string;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
  revocationReason?: string | null;
  publicKey?: string;
}
