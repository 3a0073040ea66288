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
  return client;
}

type Bilingual = { ja: string; en: string };
export type ApiErrorBody = Schemas['Error'];

/** An error answer of the API (or no answer at all: status 0), with its stable code and both languages. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly bilingual: Bilingual;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: unknown) {
    const e = isErrorBody(body) ? body.error : undefined;
    const code = e?.code ?? (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    // No error of the API's own (a proxy's page, a crash): words by what the status says, the code kept
    // for programs and support (`code`, the web's `data-code`), never shown to people.
    const bilingual = e?.message ?? statusWords(status);
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
  } catch {
    throw new ApiError(0, null);
  }
  if (!r.response.ok || r.data === undefined || r.data === null) {
    const error = new ApiError(r.response.status, r.error ?? null);
    onError?.(error, r.response);
    throw error;
  }
  return r.data;
}
