import type { DisclosureOrderHearingRow } from './schema-court.ts';
import type { CustodyKeyWrapRow, DeviceRow, ResealedBoxRow } from './schema-custody.ts';

export type { DisclosureOrderHearingRow } from './schema-court.ts';
export type { CustodyKeyWrapRow, DeviceRow, ResealedBoxRow } from './schema-custody.ts';

// Row types of the main store, shared by SQLite and PostgreSQL. Instants are ISO-8601 UTC strings with
// milliseconds (sortable text in both dialects); JSON is text; booleans are 0/1 integers.

import type { Generated } from 'kysely';
import type { AttachmentRow, OverlapIndexRow, OverlapMatchRow, RetentionRecordRow } from './overlap-schema.ts';
import type { AgentAnswerFileRow, AgentRefusalRow, AgentRequestFileRow, AgentRequestRow } from './schema-agent.ts';

export type { AttachmentRow, OverlapIndexRow, OverlapMatchRow, RetentionRecordRow } from './overlap-schema.ts';
export type { AgentAnswerFileRow, AgentRefusalRow, AgentRequestFileRow, AgentRequestRow } from './schema-agent.ts';

export interface OrganisationRow {
  id: string;
  kind: string; // OrganisationKind
  name_ja: string;
  name_en: string;
  is_telecom_carrier: number;
  created_at: string;
  provider_category: string | null; // ProviderCategory, for providers
}

export interface UnitRow {
  id: string;
  organisation_id: string;
  name_ja: string;
  name_en: string;
  created_at: string;
  /** E.164: the number a provider calls back to check an emergency request of this unit. */
  callback_phone: string | null;
}

/** A grant of a privileged role: pending until a second person countersigns it. */
export interface RoleGrantRow {
  id: string;
  organisation_id: string;
  user_id: string;
  role: string; // a PRIVILEGED_ROLES member, or any role granted after the person was made
  state: string; // RoleGrantState
  granted_by: string | null; // user id; null when the installation's operator granted it
  granted_at: string;
  countersigned_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
  /** When the directory log recorded a grant active before it carried roles; null: at `decided_at`. */
  logged_at?: string | null;
}

/** The end of a role without its holder's account (migration 074): `grant_id` is the role's id in the log. */
export interface RoleEndRow {
  grant_id: string;
  organisation_id: string;
  user_id: string;
  role: string;
  ended_at: string;
  ended_by: string | null;
}

export interface UserRow {
  id: string;
  organisation_id: string;
  unit_id: string | null;
  login: string;
  display_name: string;
  roles: string; // JSON array of Role
  password_hash: string;
  totp_secret_wrapped: string | null;
  totp_last_step: number;
  disabled: number;
  /** When the user was disabled (null for one disabled before this was recorded). */
  disabled_at?: string | null;
  created_at: string;
  /**
   * When the directory log recorded the roles the person was made with (migration 072: the people made
   * before it, at the upgrade); null when they entered it as the person was made (`created_at`).
   */
  roles_logged_at?: string | null;
  /** A lawyer's registration number (弁護士登録番号) and bar association; null for everyone else. */
  bar_registration_number?: string | null;
  bar_association?: string | null;
  /**
   * The hash of the one-time enrolment code and when it lapses, while the person has not yet chosen their
   * password and received their TOTP secret (src/directory/enrolment.ts); null once they have.
   */
  enrolment_code_hash?: string | null;
  enrolment_expires_at?: string | null;
  /** Who issued the code the account was last enrolled with; null: the operator, or made before it was kept. */
  enrolment_issued_by?: string | null;
  /** Who asked, and when, for a reset of this enrolled privileged person that waits for a second person. */
  reset_requested_by?: string | null;
  reset_requested_at?: string | null;
}

/** A provider's own system that calls the API with signed requests (no password, no session). */
export interface ClientRow {
  id: string;
  organisation_id: string;
  name: string;
  roles: string; // JSON array of Role
  disabled: number;
  created_at: string;
}

export interface SessionRow {
  id: string; // sha256 of the bearer token
  user_id: string;
  created_at: string;
  expires_at: string;
  second_factor: number;
}

export interface KeyRow {
  id: string;
  organisation_id: string | null; // null for the server's own keys (audit checkpoints)
  owner_type: string; // 'unit' | 'user' | 'organisation' | 'system' | 'client'
  owner_id: string;
  purpose: string; // 'signing' | 'encryption'
  algorithm: string; // 'Ed25519' | 'X25519'
  public_key: string;
  private_key_wrapped: string | null;
  fingerprint: string;
  valid_from: string;
  valid_to: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
  /** WebAuthn credentials (owner-held): the credential id, its relying-party id, the last counter seen. */
  credential_id?: string | null;
  rp_id?: string | null;
  sign_count?: number | null;
}

export interface WebAuthnChallengeRow {
  challenge: string;
  user_id: string;
  purpose: string; // 'registration'
  created_at: string;
  expires_at: string;
}

export interface ProviderPolicyRow {
  organisation_id: string;
  version: number;
  policy: string; // JSON ProviderPolicy
  published_at: string;
}

export interface ProviderNetworkRow {
  id: string;
  organisation_id: string;
  kind: string; // 'cidr' | 'asn' | 'domain'
  value: string;
}

/** One whole declaration of a provider's networks, as the directory log carries it (migration 050). */
export interface ProviderNetworkDeclarationRow {
  id: string;
  organisation_id: string;
  /** JSON arrays: the address blocks, the ASNs (numbers), the domains. */
  cidrs: string;
  asns: string;
  domains: string;
  declared_at: string;
  /** Signed on the provider's installation (migration 054): the installation key's id, when, the signature. */
  signed_key_id?: string | null;
  signed_at?: string | null;
  signature?: string | null;
}

export interface CaseRow {
  id: string;
  organisation_id: string;
  /** The unit that opened it (migration 081); null: opened by one without a unit, or not known. */
  unit_id: string | null;
  reference: string;
  title: string;
  created_at: string;
}

export interface RequestRow {
  id: string;
  reference: string;
  kind: string;
  state: string;
  agency_organisation_id: string;
  unit_id: string;
  provider_organisation_id: string | null;
  case_id: string | null;
  drafted_by: string;
  approved_by: string | null;
  content: string; // JSON RequestContent
  envelope: string | null; // JSON SignedEnvelope, once approved
  envelope_id: string | null;
  verification: string | null; // JSON VerificationReport, computed at receipt
  decline_reason: string | null;
  decline_note: string | null;
  issued_at: string | null;
  received_at: string | null;
  deadline_at: string | null;
  /** While it waits on the requester's clarification: since when (084); the deadline stands still meanwhile. */
  clarification_asked_at: string | null;
  opinion_deadline_at: string | null;
  preservation_until: string | null;
  preservation_extended: number;
  answered_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  origin: string; // 'local' (drafted here) | 'intake' (a signed envelope received from outside)
  second_check: string | null; // JSON SecondCheck: required for a new approver credential, and its record
  /**
   * The office's withdrawal (058): the reason as signed, its instant, who withdrew it, and the key and
   * packed passkey assertion (wa1) over it; key and signature null when withdrawn without a passkey. All
   * null for a request not withdrawn by its office, or withdrawn before 058.
   */
  withdrawal_reason?: string | null;
  withdrawal_at?: string | null;
  withdrawn_by?: string | null;
  withdrawal_key_id?: string | null;
  withdrawal_signature?: string | null;
}

export interface MessageRow {
  id: string;
  request_id: string;
  author_user_id: string | null;
  side: string; // 'agency' | 'provider' | 'subscriber'
  purpose: string; // MESSAGE_PURPOSES (src/domain/vocabulary.ts)
  body: string; // what a person wrote; '' for a notice of its own (an extension's notice keeps the reason)
  /** A notice the system wrote (JSON ThreadNotice, src/domain/thread-notice.ts), rendered per reader; since 041. */
  notice: string | null;
  created_at: string;
}

export interface AnswerRow {
  id: string;
  request_id: string;
  outcome: string;
  sealed: string; // JSON SealedBox: ciphertext only, to the requesting unit
  sealed_for_provider: string | null; // JSON SealedBox: the same signed answer, to the provider's own key
  /** The custody keys the two boxes are sealed to (049; null: legacy or none). Written by the repository. */
  sealed_key_id?: string | null;
  sealed_for_provider_key_id?: string | null;
  signature: string; // provider signature over the canonical answer
  signing_key_id: string;
  answered_by: string;
  created_at: string;
  /** 'hub' (legacy: the hub signed with a key it held) or 'provider' (sealed and signed on the provider's side). */
  sealed_by?: string;
  /** When the outer signature is a passkey assertion: its WebAuthnParts as JSON. */
  signature_webauthn?: string | null;
}

export interface ReceivedEnvelopeRow {
  envelope_id: string;
  provider_organisation_id: string;
  digest: string;
  request_id: string | null;
  received_at: string;
}

export interface IdempotencyRow {
  key: string; // principal + ':' + client key
  route: string;
  body_hash: string;
  status: number;
  response: string;
  created_at: string;
}

export interface AuditEntryRow {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: string; // JSON
  prev_hash: string;
  hash: string;
  /**
   * The audit Merkle tree's nodes this entry's append completed (the perfect subtrees that end with it):
   * their hashes, leaf first (level 0, 1, …), as concatenated hex. Not hashed into the entry.
   */
  tree_nodes: string;
}

export interface AuditHeadRow {
  id: number;
  seq: number;
  hash: string;
  /** The Merkle tree's right edge: its perfect subtree hashes, largest first, as concatenated hex. */
  frontier: string;
  /** Size and time of the latest signed tree head (0 and null before the first). */
  signed_size: number;
  signed_at: string | null;
}

export interface AuditTreeHeadRow {
  size: number;
  at: string;
  root_hash: string;
  key_id: string;
  signature: string;
}

export interface AuditCheckpointRow {
  seq: number;
  at: string;
  head_hash: string;
  key_id: string;
  signature: string;
}

/** Who else may read a request: a user the issuing unit shared it with, or an auditor's break-glass. */
export interface RequestAccessRow {
  id: string;
  request_id: string;
  user_id: string;
  kind: string; // 'grant' | 'break_glass'
  reason: string | null;
  granted_by: string;
  granted_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** One hop of a case's chain: a request that follows from another's answer, or from an analysed e-mail. */
export interface RequestLinkRow {
  id: string;
  from_request_id: string | null; // null when the source is an e-mail (not a request)
  to_request_id: string;
  source: string; // 'answer' | 'mail'
  identifier: string; // JSON Target: what the new request asks about
  created_by: string;
  created_at: string;
}

/** A setting of the installation itself (e.g. the provider its attribution data belongs to). */
export interface InstallationSettingRow {
  key: string;
  value: string;
  set_at: string;
}

export interface UsedWarrantRow {
  court_organisation_id: string;
  warrant_number: string;
  provider_organisation_id: string;
  request_id: string;
  used_at: string;
}

export interface ClientNonceRow {
  key_id: string;
  nonce: string;
  seen_at: string;
}

/** One counting window of sign-in attempts for a login, a client address or a device cookie (a SHA-256). */
export interface SignInAttemptRow {
  scope: string; // SignInScope (src/auth/session.repository.ts)
  subject: string;
  window_start: string;
  attempts: number;
}

/** The latest lift of a person's second-factor lock by an administrator (migration 075). */
export interface SecondFactorUnlockRow {
  user_id: string;
  unlocked_at: string;
  unlocked_by: string | null;
  failures: number;
  since: string;
}

/** An account the demo created: a store holding one is served only in demo mode. */
export interface DemoAccountRow {
  user_id: string;
  marked_at: string;
}

export interface CounterRow {
  name: string;
  value: number;
}

/** An imported registry file (RIR delegated statistics, RDAP, JPNIC WHOIS). */
export interface RegistrySourceRow {
  id: Generated<number>;
  format: string; // 'delegated' | 'rdap' | 'jpnic'
  file_name: string;
  sha256: string;
  registry: string | null;
  data_date: string | null;
  imported_at: string;
  record_count: number;
}

export interface RegistryRangeRow {
  source_id: number;
  family: number;
  /** Start and end as fixed-width lower-case hex (8 digits IPv4, 32 IPv6): sortable in both dialects. */
  start_key: string;
  end_key: string;
  registry: string | null;
  country: string | null;
  status: string | null;
  holder: string | null;
  handle: string | null;
  abuse: string | null;
  asns: string | null; // comma-separated
  opaque_id: string | null;
  record_date: string | null;
  /** RDAP `registration` event (migration 076); null before it and for other formats. */
  registered_date: string | null;
}

export interface RegistryAsnRow {
  source_id: number;
  registry: string;
  country: string | null;
  first_asn: number;
  asn_count: number;
  opaque_id: string | null;
}

/** At most one row: the built registry index as a binary snapshot, valid for one set of sources. */
export interface RegistrySnapshotRow {
  format_version: number;
  /** SHA-256 over the registry_sources rows it was built from: a snapshot of other sources is never used. */
  fingerprint: string;
  built_at: string;
  byte_size: number;
  data: Uint8Array;
}

/** One domain's registration (an imported RDAP domain object); JSON columns (nameservers, status) are text. */
export interface DomainRegistrationRow {
  domain: string;
  handle: string | null;
  registrar: string | null;
  registrar_iana_id: string | null;
  registrant: string | null;
  registrant_country: string | null;
  abuse: string | null;
  nameservers: string;
  status: string;
  registered_at: string | null;
  expires_at: string | null;
  changed_at: string | null;
  file_name: string;
  sha256: string;
  imported_at: string;
}

/** The subscriber's hearing of a request (issue 15): letter, reply link, reply, decision. */
export interface HearingRow {
  id: string;
  request_id: string;
  provider_organisation_id: string;
  token: string;
  code_hash: string;
  failed_attempts: number;
  letter: string;
  sent_by: string;
  sent_at: string;
  due_at: string;
  reply: string | null;
  reply_reasons: string | null;
  replied_at: string | null;
  decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

/** A hearing the provider could not hold (意見照会不能): why, from a closed list, and its own note. */
export interface HearingImpossibilityRow {
  request_id: string;
  provider_organisation_id: string;
  reason: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
  /** The decision, when no letter was sent (otherwise it is on the letter's row). */
  decision: string | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

/**
 * The columns of an application a court decides by issuing a signed order (a disclosure-order
 * application, and an ancillary order within its case): who filed it and when, and then its withdrawal,
 * its decline or the order, and the request drafted from the order.
 */
export interface OrderedApplicationColumns {
  filed_by: string;
  filed_at: string;
  withdraw_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decline_reason: string | null;
  case_number: string | null;
  ordered_at: string | null;
  order_content: string | null;
  attestation_key_id: string | null;
  attestation_signature: string | null;
  request_id: string | null;
}

/** A provision or erasure-prohibition order applied for within a disclosure-order case (付随命令). */
export interface AncillaryOrderApplicationRow extends OrderedApplicationColumns {
  id: string;
  reference: string;
  type: string;
  application_id: string;
  law_office_organisation_id: string;
  court_organisation_id: string;
  provider_organisation_id: string;
  state: string;
  reasons: string;
  received_by: string | null;
  received_at: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
  /** A provision order's answer to the lawyer: when, and whether access providers were identified. */
  provided_at: string | null;
  provision_outcome: string | null;
  created_at: string;
  updated_at: string;
}

/** The sender's communications a content provider gives an access provider under a provision order. */
/**
 * How an issued disclosure order stands (issue 15 item 2): the objection suit (異議の訴え), its outcome
 * and the order's finality (確定), each recorded by a judge of the court that made it.
 */
export interface DisclosureOrderStandingRow {
  application_id: string;
  objection_filed_at: string | null;
  objection_by: string | null;
  objection_case_number: string | null;
  objection_recorded_by: string | null;
  outcome: string | null;
  outcome_at: string | null;
  outcome_reason: string | null;
  changed_content: string | null;
  outcome_recorded_by: string | null;
  final_at: string | null;
  final_recorded_by: string | null;
  /** A set-aside: the category of its ground, when it entered the directory log, the judge's signature. */
  set_aside_ground: string | null;
  set_aside_logged_at: string | null;
  outcome_key_id: string | null;
  outcome_signature: string | null;
  /** When the judge signed the outcome (his key valid then); null when unsigned. */
  outcome_signed_at: string | null;
  /** The judge's passkey signature over the suit's filing, and when he signed it; null before it was signed. */
  objection_key_id: string | null;
  objection_signature: string | null;
  objection_signed_at: string | null;
  /** The judge's passkey signature over finality without a suit, and when he signed it. */
  final_key_id: string | null;
  final_signature: string | null;
  final_signed_at: string | null;
  /** When the suit's filing, an outcome other than a set-aside, finality without a suit entered the log. */
  objection_logged_at: string | null;
  outcome_logged_at: string | null;
  final_logged_at: string | null;
  /** The day in Japan the party bringing the suit was notified of the order, as the judge named it. */
  objection_noticed_on: string | null;
  /** The last day of the month for the suit counted from that notice (YYYY-MM-DD, Japan). */
  objection_last_day: string | null;
  /**
   * What the judge signed of the days the suit's month is counted from (JSON {noticedOn, holidays}) and of
   * the parties' notices finality is counted from (JSON {noticedOn: {provider, claimant}, holidays});
   * null for a record signed before they were (migration 071).
   */
  objection_period: string | null;
  final_period: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProvisionNoticeRow {
  id: string;
  order_id: string;
  content_provider_organisation_id: string;
  access_provider_organisation_id: string;
  /** Sealed to the access provider's own key: opened only for the access provider, never the lawyer. */
  sealed: string;
  /** The custody key `sealed` is sealed to (049; null: legacy). Written by the repository. */
  sealed_key_id?: string | null;
  communications: number;
  /** prepared (not yet released) or sent (the lawyer applied against this access provider). */
  state: string;
  application_id: string | null;
  sent_at: string | null;
  created_at: string;
}

/** Data retention must keep while a hold stands: a provider's requests about these targets. */
export interface RetentionHoldRow {
  id: string;
  provider_organisation_id: string;
  targets: string; // JSON Target[]
  source_type: string;
  source_id: string;
  placed_at: string;
  lifted_at: string | null;
}

/** What a person told the consultation desk and what came of it (issue 15). JSON columns are text. */
export interface ConsultationRow {
  id: string;
  reference: string;
  organisation_id: string;
  unit_id: string | null;
  category: string;
  channel: string;
  state: string;
  urgency: string;
  urgency_signals: string;
  received_at: string;
  person_name: string | null;
  person_contact: string | null;
  account: string;
  targets: string;
  mail_headers: string | null;
  referrals: string;
  advice_note: string | null;
  case_id: string | null;
  first_requests: string;
  mail_origin: string | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

/** A duty approver's designation by a unit head (issue 15). `kinds` and `signed` are JSON. */
export interface DutyDesignationRow {
  id: string;
  agency_organisation_id: string;
  unit_id: string;
  designee_user_id: string;
  designated_by: string;
  valid_from: string;
  valid_until: string;
  kinds: string;
  reason: string;
  signed: string;
  created_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** When the revocation entered the directory log (migration 042); null while not revoked. */
  logged_at?: string | null;
}

/** A warrant application (令状請求) from a police unit to a court, and what the court made of it (issue 15). */
export interface WarrantApplicationRow {
  id: string;
  reference: string;
  agency_organisation_id: string;
  unit_id: string;
  court_organisation_id: string;
  provider_organisation_id: string;
  state: string;
  warrant_type: string;
  case_reference: string;
  offence: string;
  facts: string;
  necessity: string;
  targets: string;
  categories: string;
  records_from: string | null;
  records_to: string | null;
  valid_days: number;
  validity_reason: string | null;
  drafted_by: string;
  submitted_at: string | null;
  sent_by: string | null;
  sent_at: string | null;
  sent_signature: string | null;
  returned_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decline_reason: string | null;
  warrant_number: string | null;
  issued_at: string | null;
  valid_until: string | null;
  attestation_key_id: string | null;
  attestation_signature: string | null;
  request_id: string | null;
  /**
   * Where it came from, as a request_links row says it (migration 091): 'answer' | 'mail', the request whose
   * answer revealed the identifier, the identifier (JSON Target) and the case; all null when typed from scratch.
   */
  follows_source: string | null;
  follows_request_id: string | null;
  follows_identifier: string | null;
  follows_case_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A lawyer's application (申立て) to a court for a sender-information disclosure order (issue 15). */
export interface DisclosureOrderApplicationRow extends OrderedApplicationColumns {
  id: string;
  reference: string;
  law_office_organisation_id: string;
  court_organisation_id: string;
  provider_organisation_id: string;
  state: string;
  case_reference: string;
  claimant: string;
  claimant_address: string | null;
  rights: string;
  rights_infringed: string;
  purposes: string;
  sender_information: string;
  targets: string;
  facts: string;
  necessity: string;
  created_at: string;
  updated_at: string;
}

/** What happened on an outgoing MLAT request's route (issue 15). */
export interface MlatEventRow {
  id: string;
  request_id: string;
  seq: number;
  event: string;
  hop: string | null;
  at: string;
  official: string | null;
  reference: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** One row of a bulletin board's post log (issue 13). Instants are UTC text; the offset as exported. */
export interface BoardPostRow {
  id: string;
  post_url: string | null;
  post_id: string | null;
  posted_at: string;
  posted_offset: number;
  source_address: string;
  source_port: number | null;
  account: string | null;
  file_name: string;
  sha256: string;
  line: number;
  imported_at: string;
}

/** A café's ID check (Tokyo ordinance): who showed which document when (issue 13). */
export interface CafeIdCheckRow {
  id: string;
  member: string;
  document_kind: string;
  checked_at: string;
  checked_offset: number;
  name: string | null;
  address: string | null;
  birth_date: string | null;
  file_name: string;
  sha256: string;
  line: number;
  imported_at: string;
}

/** A café's terminal use: which member used which terminal from entry to exit (issue 13). */
export interface CafeTerminalUseRow {
  id: string;
  terminal: string;
  member: string;
  entered_at: string;
  entered_offset: number;
  exited_at: string;
  exited_offset: number;
  file_name: string;
  sha256: string;
  line: number;
  imported_at: string;
}

/** A new signing credential awaiting a second person's confirmation (the two-person rule, issue 11). */
export interface CredentialRequestRow {
  id: string;
  key_id: string;
  organisation_id: string;
  user_id: string;
  state: string; // 'pending' | 'confirmed' | 'refused' | 'superseded'
  credential_id: string;
  rp_id: string;
  public_key: string;
  algorithm: string;
  fingerprint: string;
  sign_count: number;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
}

/**
 * A provider's installation key or machine client registered by one person, awaiting a second person's
 * confirmation (src/directory/key-registrations.ts); the key (and client) ids are given at the request.
 */
export interface KeyRegistrationRow {
  id: string;
  organisation_id: string;
  kind: string; // 'installation_key' | 'client'
  state: string; // 'pending' | 'confirmed' | 'refused' | 'superseded'
  key_id: string;
  client_id: string | null;
  client_name: string | null;
  client_roles: string | null; // JSON array of Role
  public_key: string;
  fingerprint: string;
  requested_by: string | null; // null: the installation's operator, alone
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  refusal_reason: string | null;
}

// The attribution tables (attr_*) are not listed: their repositories speak raw SQL to the driver for speed.
export interface Database {
  organisations: OrganisationRow;
  units: UnitRow;
  users: UserRow;
  sessions: SessionRow;
  clients: ClientRow;
  keys: KeyRow;
  webauthn_challenges: WebAuthnChallengeRow;
  provider_policies: ProviderPolicyRow;
  provider_networks: ProviderNetworkRow;
  provider_network_declarations: ProviderNetworkDeclarationRow;
  cases: CaseRow;
  requests: RequestRow;
  messages: MessageRow;
  answers: AnswerRow;
  received_envelopes: ReceivedEnvelopeRow;
  idempotency_keys: IdempotencyRow;
  audit_entries: AuditEntryRow;
  audit_head: AuditHeadRow;
  audit_checkpoints: AuditCheckpointRow;
  audit_tree_heads: AuditTreeHeadRow;
  counters: CounterRow;
  used_warrants: UsedWarrantRow;
  role_grants: RoleGrantRow;
  role_ends: RoleEndRow;
  request_access: RequestAccessRow;
  request_links: RequestLinkRow;
  installation_settings: InstallationSettingRow;
  devices: DeviceRow;
  custody_key_wraps: CustodyKeyWrapRow;
  resealed_boxes: ResealedBoxRow;
  client_nonces: ClientNonceRow;
  sign_in_attempts: SignInAttemptRow;
  second_factor_unlocks: SecondFactorUnlockRow;
  demo_accounts: DemoAccountRow;
  registry_sources: RegistrySourceRow;
  registry_ranges: RegistryRangeRow;
  registry_asns: RegistryAsnRow;
  registry_snapshot: RegistrySnapshotRow;
  overlap_index: OverlapIndexRow;
  overlap_matches: OverlapMatchRow;
  retention_records: RetentionRecordRow;
  attachments: AttachmentRow;
  // issue 15 (people)
  consultations: ConsultationRow;
  // whom to ask about a domain (issue 12)
  domain_registrations: DomainRegistrationRow;
  hearings: HearingRow;
  hearing_impossibilities: HearingImpossibilityRow;
  // the provider's own installation (issue 13)
  agent_requests: AgentRequestRow;
  agent_refusals: AgentRefusalRow;
  agent_answer_files: AgentAnswerFileRow;
  agent_request_files: AgentRequestFileRow;
  duty_designations: DutyDesignationRow;
  warrant_applications: WarrantApplicationRow;
  disclosure_order_applications: DisclosureOrderApplicationRow;
  ancillary_order_applications: AncillaryOrderApplicationRow;
  retention_holds: RetentionHoldRow;
  provision_notices: ProvisionNoticeRow;
  disclosure_order_standings: DisclosureOrderStandingRow;
  disclosure_order_hearings: DisclosureOrderHearingRow;
  credential_requests: CredentialRequestRow;
  key_registrations: KeyRegistrationRow;
  mlat_events: MlatEventRow;
  // the holders' own records (issue 13)
  board_posts: BoardPostRow;
  cafe_id_checks: CafeIdCheckRow;
  cafe_terminal_use: CafeTerminalUseRow;
}
