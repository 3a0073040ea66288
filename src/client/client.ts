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
