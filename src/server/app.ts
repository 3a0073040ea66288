import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { hashToken, principalForToken } from '../auth/auth-service.ts';
import { clientPrincipalNow, principalForClient } from '../auth/clients.ts';
import { can } from '../domain/access.ts';
import { MAX_ATTACHMENT_BYTES, MAX_SEALED_UPLOAD_BYTES } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { validationError } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { storeIsReady } from '../store/database.ts';
import { clientAddress, overHttps, parseTrustedProxies } from './client-address.ts';
import type { AppEnv } from './env.ts';
import { toErrorResponse } from './errors.ts';
import { jsonTextProblem } from './json-guard.ts';
import { MAIL_ANALYSIS_PATH, MAIL_TOO_LARGE, MAX_MAIL_BODY_BYTES, mailAnalysisGate } from './mail-limit.ts';
import { registerAncillaryOrderRoutes } from './routes/ancillary-orders.ts';
import {
  ATTACHMENT_UPLOAD_PATH,
  registerAttachmentRoutes,
  SEALED_ATTACHMENT_UPLOAD_PATH,
} from './routes/attachments.ts';
import { registerAuthRoutes, sessionCookieName } from './routes/auth.ts';
import { registerCaseRoutes } from './routes/cases.ts';
import { registerConsultationRoutes } from './routes/consultations.ts';
import { registerCredentialRoutes, registerTransparencyRoutes } from './routes/credentials.ts';
import { registerCustodyRoutes } from './routes/custody.ts';
import { registerDirectoryRoutes } from './routes/directory.ts';
import { registerDisclosureOrderRoutes } from './routes/disclosure-orders.ts';
import { registerDocumentRoutes } from './routes/documents.ts';
import { registerDutyRoutes } from './routes/duty.ts';
import { registerEventRoutes } from './routes/events.ts';
import { registerEvidenceRoutes } from './routes/evidence.ts';
import { registerHearingRoutes } from './routes/hearings.ts';
import { registerKeyRegistrationRoutes } from './routes/key-registrations.ts';
import { registerMlatRoutes } from './routes/mlat.ts';
import { registerOverlapRoutes } from './routes/overlap.ts';
import { registerOversightRoutes } from './routes/oversight.ts';
import { registerProviderAnswerRoutes } from './routes/provider-answers.ts';
import { registerRequestRoutes } from './routes/requests.ts';
import { registerRetentionRoutes } from './routes/retention.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerSharingRoutes } from './routes/sharing.ts';
import { registerStatisticsRoutes } from './routes/statistics.ts';
import { registerTraceRoutes } from './routes/trace.ts';
import { registerWarrantApplicationRoutes } from './routes/warrant-applications.ts';
import { registerRequestBodies } from './schemas.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { serveWeb } from './static.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What /openapi.json says of the API as a whole. */
const API_INFO = {
  title: 'shokai (照会) API',
  version: '0.1.0',
  description:
    'Signed, approved lawful requests for sender identification and the provider side that answers them. ' +
    'Errors: { error: { code, message: { ja, en }, details } }. Authentication: session (POST /v1/auth/login ' +
    'with password + TOTP; cookie or Bearer token) or a machine client signature (X-Shokai-Key, ' +
    'X-Shokai-Timestamp, X-Shokai-Nonce, X-Shokai-Signature over ' +
    '"shokai-client-v1\\nMETHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nbase64url(SHA-256(body))"; each nonce ' +
    'once).',
};

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The socket's peer address (undefined outside the Node server, as in app.request()). */
function peerAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * A browser's write must come from this origin: the session cookie alone proves nothing about the
 * page that sent it. Sec-Fetch-Site (set by the browser, not by scripts) decides when present; else
 * Origin must name this host; a call with neither comes from no browser. (The algorithm of Go's
 * net/http CrossOriginProtection.) Bearer tokens and signed machine clients are not cookies.
 */
function crossSiteProblem(c: Context<AppEnv>): DomainError | undefined {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return undefined;
  } else if (origin === undefined) {
    return undefined;
  } else {
    try {
      if (new URL(origin).host === c.req.header('host')) return undefined;
    } catch {
      // an Origin that is not a URL ("null") is another origin
    }
  }
  return new DomainError(
    'FORBIDDEN',
    {
      ja: '別のサイトから送られた変更は受け付けません',
      en: 'a change sent from another site is refused',
    },
    { field: site !== undefined ? 'sec-fetch-site' : 'origin', value: site ?? origin },
  );
}

/** The HTTP API (and the web UI's static files) over one application context. */
export function createApp(
  ctx: AppContext,
  options: { web?: boolean; trustedProxies?: readonly string[] } = {},
): OpenAPIHono<AppEnv> {
  const trusted = parseTrustedProxies(options.trustedProxies ?? []);
  const app = new OpenAPIHono<AppEnv>({
    // A body, query or path that does not fit its schema: the same coded error, naming the field and
    // the value, as a service's own validation gives.
    defaultHook: async (result, c) => {
      if (result.success) return undefined;
      const value = result.target === 'json' ? await c.req.json<unknown>().catch(() => undefined) : undefined;
      const { status, body } = toErrorResponse(validationError(result.error, value));
      return c.json(body, status);
    },
  });

  app.onError((err, c) => {
    const { status, body } = toErrorResponse(err);
    return c.json(body, status);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: { ja: 'そのURLはありません', en: 'no such URL' } } }, 404),
  );

  // A body over its limit: 413 PAYLOAD_TOO_LARGE in the limit's own words, with the field and the
  // length sent when the limit is a file's.
  const sizeLimit = (maxSize: number, message: Bilingual, field?: 'file' | 'body') =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'PAYLOAD_TOO_LARGE',
              message,
              ...(field ? { details: { field, limit: maxSize, value: c.req.header('content-length') ?? null } } : {}),
            },
          },
          413,
        ),
    });
  const generalLimit = sizeLimit(MAX_BODY_BYTES, {
    ja: `本文が大きすぎます（上限 ${MAX_BODY_BYTES} バイト）`,
    en: `the body is too large (limit ${MAX_BODY_BYTES} bytes)`,
  });
  // Attachments are uploaded as raw bodies up to their own limit (src/domain/attachments.ts).
  const uploadLimit = sizeLimit(
    MAX_ATTACHMENT_BYTES,
    {
      ja: `ファイルが大きすぎます（上限 ${MAX_ATTACHMENT_BYTES} バイト、10 MiB）`,
      en: `the file is too large (limit ${MAX_ATTACHMENT_BYTES} bytes, 10 MiB)`,
    },
    'file',
  );
  // An answer file sealed on the provider's side: two boxes of the file and a header line.
  const sealedUploadLimit = sizeLimit(
    MAX_SEALED_UPLOAD_BYTES,
    {
      ja: `封緘されたファイルが大きすぎます（本文の上限 ${MAX_SEALED_UPLOAD_BYTES} バイト。ファイルは ${MAX_ATTACHMENT_BYTES} バイト、10 MiB まで）`,
      en:
        `the sealed file is too large (body limit ${MAX_SEALED_UPLOAD_BYTES} bytes; files up to ` +
        `${MAX_ATTACHMENT_BYTES} bytes, 10 MiB)`,
    },
    'body',
  );
  // The mail analysis takes a whole message, attachments included (src/server/mail-limit.ts).
  const mailGate = mailAnalysisGate(
    sizeLimit(MAX_MAIL_BODY_BYTES, MAIL_TOO_LARGE, 'body'),
    { limit: generalLimit, max: MAX_BODY_BYTES },
    async (c) => {
      if (c.req.header('x-shokai-key')) return false;
      const auth = c.req.header('authorization');
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : getCookie(c, sessionCookieName(c));
      const p = token ? await principalForToken(ctx, token) : null;
      return p !== null && can(p, 'evidence.analyze');
    },
  );
  // The security headers first: a body refused over its limit (below) carries them too.
  app.use('*', async (c, next) => {
    setSecurityHeaders(c);
    await next();
  });
  app.use('*', (c, next) =>
    c.req.method === 'POST' && ATTACHMENT_UPLOAD_PATH.test(c.req.path)
      ? uploadLimit(c, next)
      : c.req.method === 'POST' && SEALED_ATTACHMENT_UPLOAD_PATH.test(c.req.path)
        ? sealedUploadLimit(c, next)
        : c.req.method === 'POST' && c.req.path === MAIL_ANALYSIS_PATH
          ? mailGate(c, next)
          : generalLimit(c, next),
  );

  // Who is calling: a session (cookie or bearer token) or a signed machine client.
  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    c.set('principal', null);
    c.set('principalNow', async () => null);
    c.set('session', null);
    c.set('client', clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trusted));
    c.set('https', overHttps(c.req.url, peerAddress(c), c.req.header('x-forwarded-proto'), trusted));
    const keyId = c.req.header('x-shokai-key');
    if (keyId) {
      const url = new URL(c.req.url);
      const raw = new Uint8Array(await c.req.arrayBuffer());
      c.set(
        'principal',
        await principalForClient(
          ctx,
          {
            keyId,
            timestamp: c.req.header('x-shokai-timestamp') ?? '',
            nonce: c.req.header('x-shokai-nonce') ?? '',
            signature: c.req.header('x-shokai-signature') ?? '',
          },
          c.req.method,
          url.pathname + url.search,
          raw,
        ),
      );
      c.set('principalNow', () => clientPrincipalNow(ctx, keyId));
      c.set('session', `key:${keyId}`);
    } else {
      const auth = c.req.header('authorization');
      const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
      // Cookie-borne (or cookie-less browser) writes, sign-in included, must come from this origin.
      if (!bearer && !SAFE_METHODS.includes(c.req.method)) {
        const problem = crossSiteProblem(c);
        if (problem) throw problem;
      }
      const token = bearer ?? getCookie(c, sessionCookieName(c));
      if (token) c.set('principal', await principalForToken(ctx, token));
      c.set('principalNow', async () => (token ? principalForToken(ctx, token) : null));
      c.set('session', token ? `session:${hashToken(token)}` : null);
    }
    // State changes from a browser must be JSON (a cross-site form cannot send it) — with SameSite=Strict cookies
    // and the origin check above, CSRF is closed.
    // The one exception: a file upload is its raw bytes (the origin check above still applies).
    const upload =
      c.req.method === 'POST' &&
      (ATTACHMENT_UPLOAD_PATH.test(c.req.path) || SEALED_ATTACHMENT_UPLOAD_PATH.test(c.req.path));
    if (!SAFE_METHODS.includes(c.req.method) && c.req.path.startsWith('/v1/') && !keyId && !upload) {
      const type = c.req.header('content-type') ?? '';
      const hasBody =
        (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
      if (!type.startsWith('application/json') && hasBody) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { ja: 'Content-Type は application/json にしてください', en: 'Content-Type must be application/json' },
          { field: 'content-type', value: type },
        );
      }
    }
    // Every JSON body once, at the door: nesting, text that could never be signed, a key twice (json-guard.ts).
    if (!SAFE_METHODS.includes(c.req.method) && c.req.path.startsWith('/v1/') && !upload) {
      // The text first (read once, kept for the handler's c.req.json()): a repeated key is gone once parsed.
      const problem = jsonTextProblem(await c.req.text());
      if (problem) throw problem;
    }
    await next();
  });

  app.get('/healthz', async (c) => {
    const ready = await storeIsReady(ctx.store);
    return c.json({ status: ready ? 'ok' : 'unavailable', store: ctx.store.dialect }, ready ? 200 : 503);
  });

  registerRequestBodies(app.openAPIRegistry);
  registerAuthRoutes(app);
  registerDirectoryRoutes(app);
  registerRequestRoutes(app);
  registerSharingRoutes(app);
  registerCaseRoutes(app);
  registerOversightRoutes(app);
  registerEventRoutes(app);
  registerEvidenceRoutes(app);
  registerStatisticsRoutes(app);
  registerSearchRoutes(app);
  registerOverlapRoutes(app);
  registerRetentionRoutes(app);
  registerAttachmentRoutes(app);
  registerCredentialRoutes(app);
  registerTransparencyRoutes(app);
  registerTraceRoutes(app);
  registerCustodyRoutes(app);
  registerProviderAnswerRoutes(app);
  registerKeyRegistrationRoutes(app);
  registerConsultationRoutes(app);
  registerHearingRoutes(app);
  registerDocumentRoutes(app);
  registerDutyRoutes(app);
  registerWarrantApplicationRoutes(app);
  registerDisclosureOrderRoutes(app);
  registerAncillaryOrderRoutes(app);
  registerMlatRoutes(app);

  // The document is the same for every call (the routes are fixed once made): built at the first call and
  // kept as its JSON text. Built for each call, it held the event loop for half a second or more, so anyone,
  // signed in or not, could stall every other request (sign-in, an emergency) by asking for it in a loop.
  let apiDocument: string | undefined;
  app.get('/openapi.json', (c) => {
    apiDocument ??= JSON.stringify(app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO }));
    return c.body(apiDocument, 200, { 'content-type': 'application/json' });
  });

  if (options.web !== false) serveWeb(app);
  return app;
}
