// The API client the screens use. Every call goes to the same origin with the session cookie
// (HttpOnly, SameSite=Strict); an UNAUTHENTICATED answer raises the "session expired" signal that
// returns the UI to sign-in with a notice.
import type * as T from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly bilingual: T.Bilingual;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: Partial<T.ApiErrorBody> | null) {
    const code = body?.error?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    const bilingual = body?.error?.message ?? { ja: `エラーが発生しました（${code}）`, en: `The request failed (${code})` };
    super(bilingual.en);
    this.status = status;
    this.code = code;
    this.bilingual = bilingual;
    this.details = body?.error?.details;
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();
/** Called when the server says the session is gone (expired or signed out elsewhere). */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

type Query = Record<string, string | number | undefined | null>;

async function call<R>(method: string, path: string, opts: { query?: Query; body?: unknown; headers?: Record<string, string>; quietAuth?: boolean } = {}): Promise<R> {
  let url = path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    if (s) url += `?${s}`;
  }
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: opts.body === undefined ? null : JSON.stringify(opts.body) });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, json as Partial<T.ApiErrorBody> | null);
    if (res.status === 401 && err.code === 'UNAUTHENTICATED' && !opts.quietAuth) for (const l of expiredListeners) l();
    throw err;
  }
  return json as R;
}

const enc = encodeURIComponent;

export const api = {
  login: (body: { login: string; password: string; totp: string }) =>
    call<{ token: string; expiresAt: string; user: T.User }>('POST', '/v1/auth/login', { body, quietAuth: true }),
  logout: () => call<unknown>('POST', '/v1/auth/logout', { quietAuth: true }),
  me: (quiet = false) => call<T.Me>('GET', '/v1/me', { quietAuth: quiet }),

  organisations: (kind?: T.OrganisationKind) => call<{ items: T.Organisation[] }>('GET', '/v1/organisations', { query: { kind } }),
  organisation: (id: string) => call<T.OrganisationDetail>('GET', `/v1/organisations/${enc(id)}`),
  createOrganisation: (body: { kind: T.OrganisationKind; nameJa: string; nameEn: string; isTelecomCarrier?: boolean }) =>
    call<T.Organisation>('POST', '/v1/organisations', { body }),
  createUnit: (orgId: string, body: { nameJa: string; nameEn: string }) => call<T.Unit>('POST', `/v1/organisations/${enc(orgId)}/units`, { body }),
  users: (organisationId?: string) => call<{ items: T.User[] }>('GET', '/v1/users', { query: { organisationId } }),
  createUser: (body: { organisationId: string; unitId?: string | null; login: string; displayName: string; roles: T.Role[]; password: string }) =>
    call<{ user: T.User; totpSecret?: string; totpUri?: string } & Partial<T.User>>('POST', '/v1/users', { body }),
  disableUser: (id: string) => call<unknown>('POST', `/v1/users/${enc(id)}/disable`, { body: {} }),
  keys: (organisationId: string) => call<{ items: T.KeyInfo[] }>('GET', '/v1/keys', { query: { organisationId } }),
  createKey: (body: Record<string, unknown>) => call<T.KeyInfo>('POST', '/v1/keys', { body }),
  revokeKey: (id: string, reason: string) => call<unknown>('POST', `/v1/keys/${enc(id)}/revoke`, { body: { reason } }),
  putPolicy: (providerId: string, policy: unknown) => call<unknown>('PUT', `/v1/providers/${enc(providerId)}/policy`, { body: policy }),
  putNetworks: (providerId: string, networks: unknown) => call<unknown>('PUT', `/v1/providers/${enc(providerId)}/networks`, { body: networks }),

  policyCheck: (body: { kind: T.RequestKind; providerOrganisationId: string; categories: T.DataCategory[]; emergencyBasis?: string }) =>
    call<T.PolicyCheck>('POST', '/v1/policy-check', { body }),

  cases: () => call<{ items: T.CaseSummary[] }>('GET', '/v1/cases'),
  createCase: (body: { reference: string; title: string }) => call<T.CaseSummary>('POST', '/v1/cases', { body }),
  case: (id: string) => call<T.CaseDetail>('GET', `/v1/cases/${enc(id)}`),

  requests: (query: { state?: string; kind?: string; caseId?: string; limit?: number; cursor?: string } = {}) =>
    call<{ items: T.RequestSummary[]; nextCursor: string | null }>('GET', '/v1/requests', { query }),
  createRequest: (content: T.RequestContent, caseId?: string, idempotencyKey?: string) =>
    call<T.RequestDetail>('POST', '/v1/requests', { body: caseId ? { content, caseId } : { content }, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} }),
  updateRequest: (id: string, content: T.RequestContent) => call<T.RequestDetail>('PATCH', `/v1/requests/${enc(id)}`, { body: { content } }),
  request: (id: string) => call<T.RequestDetail>('GET', `/v1/requests/${enc(id)}`),
  signingPreview: (id: string) => call<{ payload: unknown; canonical: string; digest: string }>('GET', `/v1/requests/${enc(id)}/signing-preview`),
  transition: (id: string, body: T.Transition) => call<T.RequestDetail>('POST', `/v1/requests/${enc(id)}/transitions`, { body }),
  answer: (id: string) => call<T.UnsealedAnswer>('GET', `/v1/requests/${enc(id)}/answer`),
  requestAudit: (id: string) => call<{ items: T.AuditEvent[] }>('GET', `/v1/requests/${enc(id)}/audit`),
  envelope: (id: string) => call<unknown>('GET', `/v1/requests/${enc(id)}/envelope`),
  intake: (envelope: unknown) => call<T.RequestDetail>('POST', '/v1/intake', { body: { envelope } }),

  auditVerify: () => call<T.AuditVerification>('GET', '/v1/audit/verify'),
  attestWarrant: (body: unknown) => call<{ keyId: string; signature: string }>('POST', '/v1/warrants/attest', { body }),
};
