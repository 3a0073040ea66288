import type { Bilingual } from '../kernel/text.ts';

// The closed vocabularies of the domain (DESIGN §2–4), each with its Japanese and English label.

export const REQUEST_KINDS = [
  'inquiry',
  'warrant',
  'preservation',
  'emergency',
  'civil_disclosure',
  'cafe_records',
  'mlat',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, Bilingual> = {
  inquiry: { ja: '捜査関係事項照会', en: 'Inquiry' },
  warrant: { ja: '令状', en: 'Warrant' },
  preservation: { ja: '保全要請', en: 'Preservation request' },
  emergency: { ja: '緊急照会', en: 'Emergency request' },
  civil_disclosure: { ja: '発信者情報開示請求', en: 'Civil sender-information disclosure' },
  cafe_records: { ja: 'インターネットカフェ利用記録照会', en: 'Internet-café records request' },
  mlat: { ja: '国際捜査共助要請', en: 'Mutual legal assistance package' },
};

/** Data categories, from least to most protected. */
export const DATA_CATEGORIES = ['subscriber', 'access_log', 'traffic', 'content'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const DATA_CATEGORY_LABELS: Record<DataCategory, Bilingual> = {
  subscriber: { ja: '契約者情報', en: 'Subscriber information' },
  access_log: { ja: '通信履歴（接続記録）', en: 'Access log' },
  traffic: { ja: 'その他の通信記録', en: 'Traffic data' },
  content: { ja: '通信内容', en: 'Content' },
};

/** Legal bases a provider policy may demand, from weakest to strongest. */
export const LEGAL_BASES = ['inquiry', 'civil_disclosure', 'emergency', 'warrant'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const REQUEST_STATES = [
  'draft',
  'awaiting_approval',
  'issued',
  'received',
  'under_review',
  'clarification_requested',
  'clarified',
  'awaiting_opinion',
  'answered',
  'declined',
  'withdrawn',
  'closed',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const REQUEST_STATE_LABELS: Record<RequestState, Bilingual> = {
  draft: { ja: '起案中', en: 'Draft' },
  awaiting_approval: { ja: '決裁待ち', en: 'Awaiting approval' },
  issued: { ja: '発出済み', en: 'Issued' },
  received: { ja: '受付済み', en: 'Received' },
  under_review: { ja: '審査中', en: 'Under review' },
  clarification_requested: { ja: '照会元へ確認中', en: 'Clarification requested' },
  clarified: { ja: '確認回答済み', en: 'Clarified' },
  awaiting_opinion: { ja: '意見照会中', en: 'Awaiting subscriber opinion' },
  answered: { ja: '回答済み', en: 'Answered' },
  declined: { ja: '回答拒否', en: 'Declined' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  closed: { ja: '完結', en: 'Closed' },
};

export const DECLINE_REASONS = [
  'no_data',
  'retention_expired',
  'needs_warrant',
  'out_of_scope',
  'invalid_request',
  'not_our_customer',
  'subscriber_objection_upheld',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, Bilingual> = {
  no_data: { ja: '該当データなし', en: 'No data' },
  retention_expired: { ja: '保存期間経過', en: 'Retention period expired' },
  needs_warrant: { ja: '令状が必要', en: 'A warrant is required' },
  out_of_scope: { ja: '対象外', en: 'Out of scope' },
  invalid_request: { ja: '不適式な要請', en: 'Invalid request' },
  not_our_customer: { ja: '当社の利用者ではない', en: 'Not our customer' },
  subscriber_objection_upheld: { ja: '発信者の意見を踏まえ不開示', en: 'Subscriber objection upheld' },
  other: { ja: 'その他', en: 'Other' },
};

export const ORGANISATION_KINDS = ['agency', 'provider', 'court', 'oversight'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, Bilingual> = {
  agency: { ja: '捜査機関', en: 'Agency' },
  provider: { ja: '事業者', en: 'Provider' },
  court: { ja: '裁判所', en: 'Court' },
  oversight: { ja: '監督機関', en: 'Oversight body' },
};

export const ROLES = [
  'investigator',
  'unit_head',
  'provider_intake',
  'provider_legal',
  'provider_operator',
  'auditor',
  'admin',
  'judge',
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Bilingual> = {
  investigator: { ja: '捜査員', en: 'Investigator' },
  unit_head: { ja: '所属長（決裁者）', en: 'Unit head (approver)' },
  provider_intake: { ja: '受付担当', en: 'Provider intake' },
  provider_legal: { ja: '法務担当', en: 'Provider legal reviewer' },
  provider_operator: { ja: 'データ抽出担当', en: 'Provider data operator' },
  auditor: { ja: '監査担当', en: 'Auditor' },
  admin: { ja: '管理者', en: 'Administrator' },
  judge: { ja: '裁判官', en: 'Judge' },
};

/** How a provider involves the subscriber before disclosure. */
export const SUBSCRIBER_INVOLVEMENT = ['none', 'notify_after', 'opinion_hearing'] as const;
export type SubscriberInvolvement = (typeof SUBSCRIBER_INVOLVEMENT)[number];

export const ANSWER_OUTCOMES = ['full', 'partial'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** Which roles a member of each kind of organisation may hold (a provider cannot mint a unit head). */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  agency: ['investigator', 'unit_head', 'admin'],
  provider: ['provider_intake', 'provider_legal', 'provider_operator', 'admin'],
  court: ['judge', 'admin'],
  oversight: ['auditor', 'admin'],
};

/** Roles a provider's own system (machine client) may hold. */
export const CLIENT_ROLES: readonly Role[] = ['provider_intake', 'provider_legal', 'provider_operator'];
