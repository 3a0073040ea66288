// The typed client of the shokai API, used by the web, the CLI and the provider's installation:
// openapi-fetch over the types generated from the server's OpenAPI document (api-types.ts), so every
// path, parameter, body and answer is checked at compile time. Browser-safe: machine-key signing for
// Node callers lives in machine.ts.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-types.ts';

export type { components, paths } from './api-types.ts';

/** The API's named schemas: `Schemas['RequestDetail']`, `Schemas['CreateRequest']`, … */
export type Schemas = components['schemas'];

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Where the API lives ('' for the same origin in a browser). */
  baseUrl: string;
  /** A session's bearer token (the web uses its HttpOnly cookie instead). */
  token?: string;
  /** Browser credentials mode; 'same-origin' sends the session cookie. */
  credentials?: 'include' | 'omit' | 'same-origin';
  /** Runs on every request (machine-key signing, tracing, …). */
  middleware?: Middleware[];
  fetch?: typeof globalThis.fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
  for (const m of options.middleware ?? []) client.use(m);
  // A server named by its address (the CLI, the provider's installation) is named again when it cannot
  // be reached; a page calls its own origin, which its reader knows.
  if (options.baseUrl !== '') client.use(unreachedNamed);
  return client;
}

type Bilingual = { ja: string; en: string };

/** A call that never reached the server: where it went, and why in words when the reason is known. */
export class Unreached extends Error {
  override name = 'Unreached';
  readonly origin: string;
  readonly reason: Bilingual | null;
  constructor(origin: string, cause: unknown) {
    super(`${origin} cannot be reached`, { cause });
    this.origin = origin;
    this.reason = unreachedReason(cause);
  }
}

const unreachedNamed: Middleware = {
  onError: ({ request, error }) => new Unreached(new URL(request.url).origin, error),
};

/** A system error's code, on the error or (fetch's `TypeError: fetch failed`) on its cause. */
function systemCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

const TIMED_OUT: Bilingual = { ja: '応答がないまま時間切れになりました', en: 'no answer before the time ran out' };

const TLS_UNTRUSTED = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_CERT_)/;

/**
 * Why a server could not be reached, in words, from the error (its system code, on it or its cause; a
 * timeout; a transport's own words), or null when the reason is not known.
 */
export function unreachedReason(err: unknown): Bilingual | null {
  // The provider's pinned transport says why in both languages itself (a pin that does not match, …).
  if (err && typeof err === 'object' && 'bilingual' in err) {
    const b = err.bilingual;
    if (b && typeof b === 'object' && 'ja' in b && 'en' in b && typeof b.ja === 'string' && typeof b.en === 'string') {
      return { ja: b.ja, en: b.en };
    }
  }
  // A call given up after its time (AbortSignal.timeout): a TimeoutError, whose code is a number.
  if (
    err instanceof Error &&
    (err.name === 'TimeoutError' || (err.cause instanceof Error && err.cause.name === 'TimeoutError'))
  ) {
    return TIMED_OUT;
  }
  const code = systemCode(err);
  if (code === undefined) return null;
  if (code === 'ECONNREFUSED')
    return {
      ja: '接続を拒否されました（そのポートで待ち受けていません）',
      en: 'connection refused (nothing listens on that port)',
    };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { ja: 'ホスト名を解決できません', en: 'the host name cannot be resolved' };
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return TIMED_OUT;
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { ja: '接続が途中で切られました', en: 'the connection was cut' };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return { ja: 'そのホストへの経路がありません', en: 'no route to that host' };
  if (TLS_UNTRUSTED.test(code)) {
    return { ja: 'サーバーの証明書を信頼できません', en: "the server's certificate is not trusted" };
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return { ja: 'TLS の接続を確立できません', en: 'a TLS connection cannot be made' };
  }
  return null;
}
export type ApiErrorBody = Schemas['Error'];

/** An error answer of the API (or no answer at all: status 0), with its stable code and both languages. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly bilingual: Bilingual;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: unknown, unreached?: Unreached) {
    const e = isErrorBody(body) ? body.error : undefined;
    const code = e?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    // No error of the API's own (a proxy's page, a crash): words by what the status says, the code kept
    // for programs and support (`code`, the web's `data-code`), never shown to people.
    const bilingual = e?.message ?? (unreached ? unreachedWords(unreached) : statusWords(status));
    super(bilingual.en);
    this.status = status;
    this.code = code;
    this.bilingual = bilingual;
    this.details = e?.details;
  }
}

/** What a person reads of an answer that carries no error of the API's own. */
function statusWords(status: number): Bilingual {
  if (status === 0) return { ja: 'サーバーに接続できません', en: 'The server cannot be reached' };
  if (status >= 500) {
    return {
      ja: 'サーバーで問題が起きました。しばらくしてからもう一度お試しください（続く場合は管理者へ連絡してください）',
      en: 'Something went wrong on the server. Try again in a moment (tell your administrator if it goes on)',
    };
  }
  return {
    ja: 'サーバーが要求を受け付けませんでした。ページを読み込み直してからもう一度お試しください',
    en: 'The server did not accept the request. Reload the page and try again',
  };
}

function unreachedWords(u: Unreached): Bilingual {
  const ja = `サーバー ${u.origin} に接続できません`;
  const en = `The server ${u.origin} cannot be reached`;
  return u.reason ? { ja: `${ja}: ${u.reason.ja}`, en: `${en}: ${u.reason.en}` } : { ja, en };
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = body.error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** The data of a successful answer, or an ApiError (status 0 when the server could not be reached). */
export async function unwrap<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
  onError?: (error: ApiError, response: Response) => void,
): Promise<NonNullable<D>> {
  let r: { data?: D; error?: unknown; response: Response };
  try {
    r = await call;
  } catch (err) {
    throw new ApiError(0, null, err instanceof Unreached ? err : undefined);
  }
  if (!r.response.ok || r.data === undefined || r.data === null) {
    const error = new ApiError(r.response.status, r.error ?? null);
    onError?.(error, r.response);
    throw error;
  }
  return r.data;
}
