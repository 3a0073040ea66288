// The API client the screens use: openapi-fetch over the generated `paths` (schema.d.ts), so every
// path, parameter and body is checked against the server's OpenAPI document at compile time.
// Calls go to the same origin with the session cookie (HttpOnly, SameSite=Strict); an
// UNAUTHENTICATED answer raises the "session expired" signal that returns the UI to sign-in.
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import type * as T from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly bilingual: T.Bilingual;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: unknown) {
    const e = (body as Partial<T.ApiErrorBody> | null)?.error;
    const code = e?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    const bilingual =
      e?.message ??
      (status === 0
        ? { ja: 'サーバーに接続できません', en: 'The server cannot be reached' }
        : { ja: `エラーが発生しました（${code}）`, en: `The request failed (${code})` });
    super(bilingual.en);
    this.status = status;
    this.code = code;
    this.bilingual = bilingual;
    this.details = e?.details;
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();
/** Called when the server says the session is gone (expired, or signed out elsewhere). */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** Paths whose 401 is an expected answer (signing in/out, the first "who am I"). */
const QUIET_401 = new Set(['/v1/auth/login', '/v1/auth/logout']);
let quietMe = false;

async function unwrap<D>(p: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<NonNullable<D>> {
  let r: { data?: D; error?: unknown; response: Response };
  try {
    r = await p;
  } catch {
    throw new ApiError(0, null);
  }
  if (!r.response.ok || r.data === undefined) {
    const err = new ApiError(r.response.status, r.error ?? null);
    const path = new URL(r.response.url || location.href, location.href).pathname;
    if (
      r.response.status === 401 &&
      err.code === 'UNAUTHENTICATED' &&
      !QUIET_401.has(path) &&
      !(path === '/v1/me' && quietMe)
    )
      for (const l of expiredListeners) l();
    throw err;
  }
  return r.data as NonNullable<D>;
}

const id = (v: string) => ({ params: { path: { id: v } } });
// The server answers with the closed vocabularies as plain strings in its document; the screens use
// the domain's unions. These casts are the one place where the two meet.
const detail = (d: unknown) => d as T.RequestDetail;

export const api = {
  login: (body: { login: string; password: string; totp: string }) => unwrap(client.POST('/v1/auth/login', { body })),
  logout: () => unwrap(client.POST('/v1/auth/logout', {})),
  me: async (quiet = false): Promise<T.Me> => {
    quietMe = quiet;
    try {
      return (await unwrap(client.GET('/v1/me', {}))) as T.Me;
    } finally {
      quietMe = false;
    }
  },

  organisations: async (kind?: T.OrganisationKind) =>
    (await unwrap(client.GET('/v1/organisations', { params: { query: kind ? { kind } : {} } }))) as {
      items: T.Organisation[];
    },
  organisation: async (orgId: string) =>
    (await unwrap(client.GET('/v1/organisations/{id}', id(orgId)))) as unknown as T.OrganisationDetail,
  createOrganisation: (body: {
    kind: T.OrganisationKind;
    nameJa: string;
    nameEn: string;
    isTelecomCarrier?: boolean;
  }) => unwrap(client.POST('/v1/organisations', { body })),
  createUnit: (orgId: string, body: { nameJa: string; nameEn: string }) =>
    unwrap(client.POST('/v1/organisations/{id}/units', { ...id(orgId), body })),
  users: async () => (await unwrap(client.GET('/v1/users', {}))) as { items: T.User[] },
  createUser: (body: {
    organisationId: string;
    unitId: string | null;
    login: string;
    displayName: string;
    roles: T.Role[];
    password: string;
  }) => unwrap(client.POST('/v1/users', { body })),
  disableUser: (userId: string) => unwrap(client.POST('/v1/users/{id}/disable', id(userId))),
  keys: (organisationId: string) => unwrap(client.GET('/v1/keys', { params: { query: { organisationId } } })),
  createKey: (body: {
    ownerType: 'unit' | 'user' | 'organisation';
    ownerId: string;
    purpose: 'signing' | 'encryption';
  }) => unwrap(client.POST('/v1/keys', { body })),
  revokeKey: (keyId: string, reason: T.KeyRevocationReason) =>
    unwrap(client.POST('/v1/keys/{id}/revoke', { ...id(keyId), body: { reason } })),
  putPolicy: (providerId: string, policy: T.ProviderPolicy) =>
    unwrap(
      client.PUT('/v1/providers/{id}/policy', {
        ...id(providerId),
        body: policy,
      }),
    ),
  putNetworks: (providerId: string, networks: T.Networks) =>
    unwrap(client.PUT('/v1/providers/{id}/networks', { ...id(providerId), body: networks })),

  policyCheck: (body: {
    kind: T.RequestKind;
    providerOrganisationId: string;
    categories: T.DataCategory[];
    emergencyBasis?: 'suicide_notice' | 'threat_to_life';
  }) => unwrap(client.POST('/v1/policy-check', { body })),

  cases: () => unwrap(client.GET('/v1/cases', {})),
  createCase: (body: { reference: string; title: string }) => unwrap(client.POST('/v1/cases', { body })),
  case: async (caseId: string) => (await unwrap(client.GET('/v1/cases/{id}', id(caseId)))) as unknown as T.CaseDetail,

  requests: async (
    query: {
      state?: string | undefined;
      kind?: string | undefined;
      caseId?: string | undefined;
      limit?: number;
      cursor?: string | undefined;
    } = {},
  ) => {
    const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '')) as {
      limit?: number;
    };
    const r = await unwrap(client.GET('/v1/requests', { params: { query: q } }));
    return r as unknown as { items: T.RequestSummary[]; nextCursor: string | null };
  },
  createRequest: async (content: T.RequestContentDraft, caseId?: string, idempotencyKey?: string) =>
    detail(
      await unwrap(
        client.POST('/v1/requests', {
          body: { content, ...(caseId ? { caseId } : {}) },
          params: { header: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} },
        }),
      ),
    ),
  updateRequest: async (reqId: string, content: T.RequestContentDraft) =>
    detail(
      await unwrap(
        client.PATCH('/v1/requests/{id}', {
          ...id(reqId),
          body: { content },
        }),
      ),
    ),
  request: async (reqId: string) => detail(await unwrap(client.GET('/v1/requests/{id}', id(reqId)))),
  signingPreview: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/signing-preview', id(reqId))),
  transition: async (reqId: string, body: T.Transition) =>
    detail(
      await unwrap(
        client.POST('/v1/requests/{id}/transitions', { ...id(reqId), body }),
      ),
    ),
  answer: async (reqId: string) =>
    (await unwrap(client.GET('/v1/requests/{id}/answer', id(reqId)))) as unknown as T.UnsealedAnswer,
  requestAudit: async (reqId: string) =>
    (await unwrap(client.GET('/v1/requests/{id}/audit', id(reqId)))) as { items: T.AuditEvent[] },
  envelope: (reqId: string) => unwrap(client.GET('/v1/requests/{id}/envelope', id(reqId))),
  intake: async (envelope: T.SignedEnvelope) =>
    detail(await unwrap(client.POST('/v1/intake', { body: { envelope } }))),

  auditVerify: () => unwrap(client.GET('/v1/audit/verify', {})),
  attestWarrant: (body: paths['/v1/warrants/attest']['post']['requestBody']['content']['application/json']) =>
    unwrap(client.POST('/v1/warrants/attest', { body })),
};
