// The API client the screens use: the typed client (`#shokai/client`, openapi-fetch over the types
// generated from the server's OpenAPI document), so every path, parameter, body and answer is checked
// at compile time. Calls go to the same origin with the session cookie (HttpOnly, SameSite=Strict); an
// UNAUTHENTICATED answer raises the "session expired" signal that returns the UI to sign-in.
import { ApiError, createApiClient, type Schemas, unwrap as unwrapAnswer } from '#shokai/client';
import { dispositionName } from '../lib/save-file.ts';
import type * as T from './types.ts';

export { ApiError };

type Listener = () => void;
const expiredListeners = new Set<Listener>();
/** Called when the server says the session is gone (expired, or signed out elsewhere). */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

const client = createApiClient({ baseUrl: '', credentials: 'same-origin' });
/** The typed client itself, for the device-side code of answers in device custody (#shokai/custody). */
export const apiClient = client;

/** Paths whose 401 is an expected answer (signing in/out, the first "who am I"). */
const QUIET_401 = new Set(['/v1/auth/login', '/v1/auth/logout', '/v1/enrolment']);
let quietMe = false;

function unwrap<D>(p: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<NonNullable<D>> {
  return unwrapAnswer(p, (err, response) => {
    const path = new URL(response.url || location.href, location.href).pathname;
    if (
      response.status === 401 &&
      err.code === 'UNAUTHENTICATED' &&
      !QUIET_401.has(path) &&
      !(path === '/v1/me' && quietMe)
    )
      for (const l of expiredListeners) l();
  });
}

/**
 * A file the server answers at `url`, in the typed client's answer shape: its bytes and the name its
 * `Content-Disposition` gives, or the refusal's body (a fetch that fails is "cannot connect" in unwrap).
 */
function fileAt(url: string) {
  return fetch(url, { credentials: 'same-origin' }).then(async (response) =>
    response.ok
      ? {
          data: { blob: await response.blob(), name: dispositionName(response.headers.get('content-disposition')) },
          response,
        }
      : { error: (await response.json().catch(() => null)) as unknown, response },
  );
}

/** The same unwrapping for calls made on the typed client directly (device custody). */
export const unwrapCall = unwrap;

const id = (v: string) => ({ params: { path: { id: v } } });
/** A hearing of a disclosure-order application: its path and parameters. */
const HEARING = '/v1/disclosure-order-applications/{id}/hearings/{hearingId}' as const;
const hearing = (aId: string, hearingId: string) => ({ params: { path: { id: aId, hearingId } } });

type Body<N extends keyof Schemas> = Schemas[N];

export const api = {
  login: (body: Body<'Login'>) => unwrap(client.POST('/v1/auth/login', { body })),
  enrol: (body: Body<'Enrol'>) => unwrap(client.POST('/v1/enrolment', { body })),
  logout: () => unwrap(client.POST('/v1/auth/logout', {})),
  me: async (quiet = false): Promise<T.Me> => {
    quietMe = quiet;
    try {
      return await unwrap(client.GET('/v1/me', {}));
    } finally {
      quietMe = false;
    }
  },

  organisations: (kind?: T.OrganisationKind) =>
    unwrap(client.GET('/v1/organisations', { params: { query: kind ? { kind } : {} } })),
  organisation: (orgId: string): Promise<T.OrganisationDetail> =>
    unwrap(client.GET('/v1/organisations/{id}', id(orgId))),
  createOrganisation: (body: Body<'CreateOrganisation'>) => unwrap(client.POST('/v1/organisations', { body })),
  createUnit: (orgId: string, body: Body<'CreateUnit'>) =>
    unwrap(client.POST('/v1/organisations/{id}/units', { ...id(orgId), body })),
  users: () => unwrap(client.GET('/v1/users', {})),
  overlapNotices: () => unwrap(client.GET('/v1/overlap-notices', {})),
  createUser: (body: Body<'CreateUser'>) => unwrap(client.POST('/v1/users', { body })),
  disableUser: (userId: string) => unwrap(client.POST('/v1/users/{id}/disable', id(userId))),
  unlockSecondFactor: (userId: string) => unwrap(client.POST('/v1/users/{id}/second-factor-unlock', id(userId))),
  endRole: (userId: string, role: Body<'EndRole'>['role']) =>
    unwrap(client.POST('/v1/users/{id}/end-role', { ...id(userId), body: { role } })),
  grantRole: (userId: string, role: Body<'GrantRole'>['role']) =>
    unwrap(client.POST('/v1/users/{id}/grant-role', { ...id(userId), body: { role } })),
  reissueEnrolment: (userId: string) => unwrap(client.POST('/v1/users/{id}/enrolment', id(userId))),
  rolePeriods: (userId: string) => unwrap(client.GET('/v1/users/{id}/role-periods', id(userId))),
  roleGrants: (orgId: string) => unwrap(client.GET('/v1/organisations/{id}/role-grants', id(orgId))),
  countersignGrant: (grantId: string) => unwrap(client.POST('/v1/role-grants/{id}/countersign', id(grantId))),
  refuseGrant: (grantId: string, reason: string) =>
    unwrap(client.POST('/v1/role-grants/{id}/refuse', { ...id(grantId), body: { reason } })),
  keys: (organisationId: string) => unwrap(client.GET('/v1/keys', { params: { query: { organisationId } } })),
  createKey: (body: Body<'RotateKey'>) => unwrap(client.POST('/v1/keys', { body })),
  revokeKey: (keyId: string, reason: T.KeyRevocationReason) =>
    unwrap(client.POST('/v1/keys/{id}/revoke', { ...id(keyId), body: { reason } })),
  putPolicy: (providerId: string, policy: T.ProviderPolicy) =>
    unwrap(client.PUT('/v1/providers/{id}/policy', { ...id(providerId), body: policy })),
  putNetworks: (providerId: string, networks: T.Networks) =>
    unwrap(client.PUT('/v1/providers/{id}/networks', { ...id(providerId), body: networks })),

  policyCheck: (body: Body<'PolicyCheckRequest'>) => unwrap(client.POST('/v1/policy-check', { body })),

  cases: () => unwrap(client.GET('/v1/cases', {})),
  createCase: (body: Body<'CreateCase'>) => unwrap(client.POST('/v1/cases', { body })),
  case: (caseId: string): Promise<T.CaseDetail> => unwrap(client.GET('/v1/cases/{id}', id(caseId))),

  requests: (
    query: {
      state?: string | undefined;
      kind?: string | undefined;
      caseId?: string | undefined;
      limit?: number;
      cursor?: string | undefined;
    } = {},
  ) => {
    const q: { state?: string; kind?: string; caseId?: string; limit?: number; cursor?: string } = {};
    if (query.state) q.state = query.state;
    if (query.kind) q.kind = query.kind;
    if (query.caseId) q.caseId = query.caseId;
    if (query.limit !== undefined) q.limit = query.limit;
    if (query.cursor) q.cursor = query.cursor;
    return unwrap(client.GET('/v1/requests', { params: { query: q } }));
  },
  createRequest: (
    content: T.RequestContentDraft,
    caseId?: string,
    idempotencyKey?: string,
    /** The identifier of a request's answer this one follows (the chain). */
    follows?: { source: 'answer'; requestId: string; identifier: T.TargetDraft },
  ): Promise<T.RequestDetail> =>
    unwrap(
      client.POST('/v1/requests', {
        body: { content, ...(caseId ? { caseId } : {}), ...(follows ? { follows } : {}) },
        params: { header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} },
      }),
    ),
  updateRequest: (reqId: string, content: T.RequestContentDraft): Promise<T.RequestDetail> =>
    unwrap(client.PATCH('/v1/requests/{id}', { ...id(reqId), body: { content } })),
  request: (reqId: string): Promise<T.RequestDetail> => unwrap(client.GET('/v1/requests/{id}', id(reqId))),
  signingPreview: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/signing-preview', id(reqId))),
  withdrawalPreview: (reqId: string, reason: string) =>
    unwrap(client.POST('/v1/requests/{id}/withdrawal-preview', { ...id(reqId), body: { reason } })),
  transition: (reqId: string, body: T.Transition): Promise<T.RequestDetail> =>
    unwrap(client.POST('/v1/requests/{id}/transitions', { ...id(reqId), body })),
  breakGlass: (reqId: string, reason: string) =>
    unwrap(client.POST('/v1/requests/{id}/break-glass', { ...id(reqId), body: { reason } })),
  shares: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/shares', id(reqId))),
  shareCandidates: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/share-candidates', id(reqId))),
  share: (reqId: string, userId: string) =>
    unwrap(client.POST('/v1/requests/{id}/shares', { ...id(reqId), body: { userId } })),
  unshare: (reqId: string, userId: string) =>
    unwrap(client.DELETE('/v1/requests/{id}/shares/{userId}', { params: { path: { id: reqId, userId } } })),
  answer: (reqId: string): Promise<T.UnsealedAnswer> => unwrap(client.GET('/v1/requests/{id}/answer', id(reqId))),
  answerPreview: (reqId: string, answer: T.AnswerContent) =>
    unwrap(client.POST('/v1/requests/{id}/answer-preview', { ...id(reqId), body: { answer } })),
  requestAudit: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/audit', id(reqId))),
  envelope: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/envelope', id(reqId))),
  intake: (envelope: Body<'Intake'>['envelope']): Promise<T.RequestDetail> =>
    unwrap(client.POST('/v1/intake', { body: { envelope } })),
  // attachments (issue 14 item 2): listed through the typed client; a file goes up as its raw bytes
  attachments: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/attachments', id(reqId))),
  uploadAttachment: (reqId: string, purpose: T.AttachmentPurpose, file: File): Promise<T.Attachment> => {
    const query = new URLSearchParams({ purpose, fileName: file.name });
    return unwrap<T.Attachment>(
      fetch(`/v1/requests/${encodeURIComponent(reqId)}/attachments?${query}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': file.type || 'application/octet-stream' },
        body: file,
      }).then(async (response) => {
        const body: unknown = await response.json().catch(() => null);
        return response.ok ? { data: body as T.Attachment, response } : { error: body, response };
      }),
    );
  },
  /** The drafter removes a file from a draft; the request's files left. */
  removeAttachment: (reqId: string, attachmentId: string) =>
    unwrap(
      client.DELETE('/v1/requests/{id}/attachments/{attachmentId}', {
        params: { path: { id: reqId, attachmentId } },
      }),
    ),
  /** A file opened on the hub (a key the hub holds), or 'on-device' when only the members' devices can open it. */
  downloadAttachment: (reqId: string, attachmentId: string): Promise<Blob | 'on-device'> =>
    unwrapAnswer(
      fileAt(`/v1/requests/${encodeURIComponent(reqId)}/attachments/${encodeURIComponent(attachmentId)}`),
    ).then(
      (file) => file.blob,
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'OPEN_ON_DEVICE') return 'on-device' as const;
        throw error;
      },
    ),
  /**
   * A file the server writes for a download (a CSV export): its bytes and the name the server gives it;
   * a refusal (too many entries, no right) is thrown as the API's error, for the page to say in words.
   */
  downloadFile: async (url: string, fallbackName: string): Promise<{ blob: Blob; name: string }> => {
    const file = await unwrap(fileAt(url));
    return { blob: file.blob, name: file.name ?? fallbackName };
  },
  // printable documents (issue 14 item 1)
  verifyDocument: (pdf: string): Promise<T.DocumentVerification> =>
    unwrap(client.POST('/v1/documents/verify', { body: { pdf } })),

  analyzeMail: (body: Body<'AnalyzeMail'>): Promise<T.MailAnalysis> =>
    unwrap(client.POST('/v1/evidence/mail', { body })),
  whom: (body: Body<'WhomRequest'>): Promise<T.WhomAnswer> => unwrap(client.POST('/v1/evidence/whom', { body })),
  whomDomain: (body: Body<'WhomDomainRequest'>): Promise<T.WhomDomainAnswer> =>
    unwrap(client.POST('/v1/evidence/whom-domain', { body })),
  attributionLookup: (body: Body<'AttributionLookupRequest'>): Promise<T.AttributionLookup> =>
    unwrap(client.POST('/v1/attribution/lookup', { body })),

  // trace (issue 12)
  caseTrace: (caseId: string): Promise<T.CaseTrace> => unwrap(client.GET('/v1/cases/{id}/trace', id(caseId))),
  /** The trace with what this client read in the answers it opened (the hub cannot open them). */
  caseTraceRead: (caseId: string, body: Body<'TraceRecords'>): Promise<T.CaseTrace> =>
    unwrap(client.POST('/v1/cases/{id}/trace', { ...id(caseId), body })),
  proposeNext: (caseId: string, body: Body<'NextRequest'>): Promise<T.NextRequestProposal> =>
    unwrap(client.POST('/v1/cases/{id}/trace/proposals', { ...id(caseId), body })),
  draftNext: (caseId: string, body: Body<'DraftNext'>): Promise<T.NextRequestDraft> =>
    unwrap(client.POST('/v1/cases/{id}/trace/drafts', { ...id(caseId), body })),
  auditVerify: () => unwrap(client.GET('/v1/audit/verify', {})),
  attestWarrant: (body: Body<'AttestWarrant'>) => unwrap(client.POST('/v1/warrants/attest', { body })),

  // statistics and search (issue 14: numbers)
  statistics: (query: {
    from: string;
    to: string;
    groupBy?: string;
    period?: string;
    providerId?: string;
    agencyId?: string;
    unitId?: string;
  }): Promise<T.StatisticsReport> => unwrap(client.GET('/v1/statistics', { params: { query } })),
  search: (query: Record<string, string>) => unwrap(client.GET('/v1/search', { params: { query } })),
  /** The audit log read for oversight (an auditor's part of it), newest first; the read is audited. */
  auditEntries: (query: Record<string, string>) => unwrap(client.GET('/v1/audit/entries', { params: { query } })),
  // the consultation desk (issue 15)
  consultations: () => unwrap(client.GET('/v1/consultations', {})),
  consultation: (cId: string): Promise<T.Consultation> => unwrap(client.GET('/v1/consultations/{id}', id(cId))),
  recordConsultation: (body: Body<'RecordConsultation'>): Promise<T.Consultation> =>
    unwrap(client.POST('/v1/consultations', { body })),
  adviseConsultation: (cId: string, body: Body<'AdviseConsultation'>): Promise<T.Consultation> =>
    unwrap(client.POST('/v1/consultations/{id}/advice', { ...id(cId), body })),
  openCaseFromConsultation: (cId: string, body: Body<'OpenCaseFromConsultation'>) =>
    unwrap(client.POST('/v1/consultations/{id}/case', { ...id(cId), body })),
  playbooks: () => unwrap(client.GET('/v1/consultations/playbooks', {})),
  consultationStatistics: () => unwrap(client.GET('/v1/consultations/statistics', {})),

  // the duty approver and the paperwork after an emergency (issue 15)
  dutyDesignations: () => unwrap(client.GET('/v1/duty-designations')),
  previewDuty: (body: Body<'DutyDesignationDraft'>) => unwrap(client.POST('/v1/duty-designations/preview', { body })),
  designateDuty: (body: Body<'DesignateDuty'>) => unwrap(client.POST('/v1/duty-designations', { body })),
  revokeDuty: (designationId: string, body: Body<'RevokeDuty'>) =>
    unwrap(client.POST('/v1/duty-designations/{id}/revoke', { ...id(designationId), body })),
  draftPaperwork: (reqId: string) => unwrap(client.POST('/v1/requests/{id}/paperwork', id(reqId))),
  // outgoing mutual legal assistance (issue 15)
  mlatTracking: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/mlat', id(reqId))),
  recordMlatEvent: (reqId: string, body: Body<'MlatEvent'>) =>
    unwrap(client.POST('/v1/requests/{id}/mlat/events', { ...id(reqId), body })),
  // the subscriber's hearing (issue 15)
  hearing: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/hearing', id(reqId))),
  sendHearing: (reqId: string, body: Body<'SendHearing'>) =>
    unwrap(client.POST('/v1/requests/{id}/hearing', { ...id(reqId), body })),
  decideHearing: (reqId: string, body: Body<'HearingDecision'>) =>
    unwrap(client.POST('/v1/requests/{id}/hearing/decision', { ...id(reqId), body })),
  hearingImpossible: (reqId: string, body: Body<'HearingImpossible'>) =>
    unwrap(client.POST('/v1/requests/{id}/hearing/impossible', { ...id(reqId), body })),
  hearingLink: (token: string) => unwrap(client.GET('/v1/hearings/{token}', { params: { path: { token } } })),
  replyToHearing: (token: string, body: Body<'HearingReply'>) =>
    unwrap(client.POST('/v1/hearings/{token}/reply', { params: { path: { token } }, body })),
  // warrant applications (issue 15 item 5)
  warrantApplications: () => unwrap(client.GET('/v1/warrant-applications', {})),
  warrantApplication: (aId: string): Promise<T.WarrantApplication> =>
    unwrap(client.GET('/v1/warrant-applications/{id}', id(aId))),
  draftWarrantApplication: (body: Body<'NewWarrantApplication'>): Promise<T.WarrantApplication> =>
    unwrap(client.POST('/v1/warrant-applications', { body })),
  submitWarrantApplication: (aId: string) => unwrap(client.POST('/v1/warrant-applications/{id}/submit', id(aId))),
  warrantApplicationSendPreview: (aId: string) =>
    unwrap(client.GET('/v1/warrant-applications/{id}/send-preview', id(aId))),
  sendWarrantApplication: (aId: string, body: Body<'SendWarrantApplication'>) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/send', { ...id(aId), body })),
  returnWarrantApplication: (aId: string, note: string) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/return', { ...id(aId), body: { note } })),
  withdrawWarrantApplication: (aId: string, reason: string) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/withdraw', { ...id(aId), body: { reason } })),
  declineWarrantApplication: (aId: string, reason: string) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/decline', { ...id(aId), body: { reason } })),
  warrantApplicationAttestationPreview: (aId: string, body: Body<'AttestWarrantApplication'>) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/attestation-preview', { ...id(aId), body })),
  attestWarrantApplication: (aId: string, body: Body<'AttestWarrantApplication'>) =>
    unwrap(client.POST('/v1/warrant-applications/{id}/attest', { ...id(aId), body })),
  openWarrantRequest: (aId: string): Promise<T.WarrantApplication> =>
    unwrap(client.POST('/v1/warrant-applications/{id}/request', { ...id(aId), body: {} })),
  // disclosure-order applications (issue 15 item 2)
  disclosureOrders: (state?: T.DisclosureOrderApplicationSummary['state']) =>
    unwrap(client.GET('/v1/disclosure-order-applications', { params: { query: state ? { state } : {} } })),
  disclosureOrder: (aId: string): Promise<T.DisclosureOrderApplication> =>
    unwrap(client.GET('/v1/disclosure-order-applications/{id}', id(aId))),
  fileDisclosureOrder: (body: Body<'DisclosureOrderApplicationDraft'>): Promise<T.DisclosureOrderApplication> =>
    unwrap(client.POST('/v1/disclosure-order-applications', { body })),
  withdrawDisclosureOrder: (aId: string, reason: string) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/withdraw', { ...id(aId), body: { reason } })),
  declineDisclosureOrder: (aId: string, reason: string) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/decline', { ...id(aId), body: { reason } })),
  disclosureOrderHearingPreview: (aId: string, body: Body<'RecordDisclosureOrderHearing'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/hearings-preview', { ...id(aId), body })),
  recordDisclosureOrderHearing: (aId: string, body: Body<'RecordDisclosureOrderHearing'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/hearings', { ...id(aId), body })),
  disclosureOrderHearingWithdrawPreview: (aId: string, hId: string, body: Body<'WithdrawDisclosureOrderHearing'>) =>
    unwrap(client.POST(`${HEARING}/withdraw-preview`, { ...hearing(aId, hId), body })),
  withdrawDisclosureOrderHearing: (aId: string, hId: string, body: Body<'WithdrawDisclosureOrderHearing'>) =>
    unwrap(client.POST(`${HEARING}/withdraw`, { ...hearing(aId, hId), body })),
  disclosureOrderIssuePreview: (aId: string, body: Body<'IssueDisclosureOrder'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/issue-preview', { ...id(aId), body })),
  issueDisclosureOrder: (aId: string, body: Body<'IssueDisclosureOrder'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/issue', { ...id(aId), body })),
  openDisclosureOrderRequest: (aId: string): Promise<T.DisclosureOrderApplication> =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/request', { ...id(aId), body: {} })),
  disclosureOrderObjectionPreview: (aId: string, body: Body<'RecordDisclosureOrderObjection'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/objection-preview', { ...id(aId), body })),
  recordDisclosureOrderObjection: (aId: string, body: Body<'RecordDisclosureOrderObjection'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/objection', { ...id(aId), body })),
  disclosureOrderOutcomePreview: (aId: string, body: Body<'RecordDisclosureOrderObjectionOutcome'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/objection-outcome-preview', { ...id(aId), body })),
  recordDisclosureOrderOutcome: (aId: string, body: Body<'RecordDisclosureOrderObjectionOutcome'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/objection-outcome', { ...id(aId), body })),
  disclosureOrderFinalPreview: (aId: string, body: Body<'RecordDisclosureOrderFinal'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/final-preview', { ...id(aId), body })),
  recordDisclosureOrderFinal: (aId: string, body: Body<'RecordDisclosureOrderFinal'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/final', { ...id(aId), body })),
  // ancillary orders of a disclosure-order case: provision and erasure-prohibition (issue 15 item 2)
  ancillaryOrders: () => unwrap(client.GET('/v1/ancillary-orders', {})),
  applyAncillaryOrder: (aId: string, body: Body<'AncillaryOrderDraft'>) =>
    unwrap(client.POST('/v1/disclosure-order-applications/{id}/ancillary-orders', { ...id(aId), body })),
  ancillaryIssuePreview: (oId: string, body: Body<'IssueDisclosureOrder'>) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/issue-preview', { ...id(oId), body })),
  issueAncillaryOrder: (oId: string, body: Body<'IssueDisclosureOrder'>) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/issue', { ...id(oId), body })),
  withdrawAncillaryOrder: (oId: string, reason: string) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/withdraw', { ...id(oId), body: { reason } })),
  declineAncillaryOrder: (oId: string, reason: string) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/decline', { ...id(oId), body: { reason } })),
  liftAncillaryOrder: (oId: string, reason: string) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/lift', { ...id(oId), body: { reason } })),
  receiveAncillaryOrder: (oId: string) => unwrap(client.POST('/v1/ancillary-orders/{id}/receive', id(oId))),
  /** The communications the provider's own post log recorded for the order's posts (audited). */
  provisionPostLog: (oId: string) => unwrap(client.GET('/v1/ancillary-orders/{id}/post-log', id(oId))),
  provisionPreview: (oId: string, body: Body<'ProvideUnderOrder'>) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/provide-preview', { ...id(oId), body })),
  provideUnderOrder: (oId: string, body: Body<'ProvideUnderOrder'>) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/provide', { ...id(oId), body })),
  notifyUnderOrder: (oId: string, applicationId: string) =>
    unwrap(client.POST('/v1/ancillary-orders/{id}/notify', { ...id(oId), body: { applicationId } })),
  provisionNotices: () => unwrap(client.GET('/v1/provision-notices', {})),
  /** A provision notice opened on the hub (only when the access provider's key is the hub's; audited). */
  provisionNotice: (nId: string) => unwrap(client.GET('/v1/provision-notices/{id}', id(nId))),
  // own signing credentials (passkeys)
  attestationPreview: (body: Body<'AttestWarrant'>) =>
    unwrap(client.POST('/v1/warrants/attestation-preview', { body })),
  /** The signed-in person's own passkeys, and whether the hub takes one from them. */
  ownPasskeys: () => unwrap(client.GET('/v1/credentials', {})),
  credentialOptions: () => unwrap(client.POST('/v1/credentials/registration-options', {})),
  registerCredential: (body: Body<'RegisterCredential'>) => unwrap(client.POST('/v1/credentials', { body })),
  credentialRequests: () => unwrap(client.GET('/v1/credential-requests', {})),
  confirmCredential: (rId: string) => unwrap(client.POST('/v1/credential-requests/{id}/confirm', id(rId))),
  refuseCredential: (rId: string, reason: string) =>
    unwrap(client.POST('/v1/credential-requests/{id}/refuse', { ...id(rId), body: { reason } })),
  // a provider's installation key and machine clients (two people)
  keyRegistrations: (orgId: string) =>
    unwrap(client.GET('/v1/organisations/{id}/key-registrations', id(orgId))).then((r) => r.items),
  confirmKeyRegistration: (rId: string) => unwrap(client.POST('/v1/key-registrations/{id}/confirm', id(rId))),
  refuseKeyRegistration: (rId: string, reason: string) =>
    unwrap(client.POST('/v1/key-registrations/{id}/refuse', { ...id(rId), body: { reason } })),
};

/**
 * Whether pasted JSON has the outer shape of a signed envelope (the server verifies everything else).
 */
export function isEnvelopeShaped(v: unknown): v is Body<'Intake'>['envelope'] {
  if (typeof v !== 'object' || v === null || !('v' in v) || !('payload' in v) || !('signatures' in v)) return false;
  return (v.v === 1 || v.v === 2) && typeof v.payload === 'object' && typeof v.signatures === 'object';
}
