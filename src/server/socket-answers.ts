import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { getRequestListener, RequestError } from '@hono/node-server';
import { DomainError } from '../domain/errors.ts';
import { toErrorResponse } from './errors.ts';
import { securityHeaders } from './security-headers.ts';
import { answerUnreadableRequests } from './unreadable-requests.ts';

// What the server answers before the app's door (src/server/security-headers.ts) carries the door's headers
// too. Three answers are written outside the app: one to a request the adapter cannot make a URL of (a
// backslash in the path, a Host header that is no host: @hono/node-server answers an empty 400), an error
// the adapter meets writing an answer (an empty 500, or a plain-text one), and Node's own 417 to an
// `Expect:` it does not know. Each response object is given the headers before anything handles it, so
// whatever writes on it — the app, the adapter, Node — sends them (headers the app sets win). A request
// Node cannot read as HTTP at all has no response object: src/server/unreadable-requests.ts writes its
// answer on the socket, with the same headers. What Node still writes by itself: `100 Continue` (an
// interim answer, before the real one, which carries them) and, were `maxRequestsPerSocket` set (it is not),
// a 503 when a connection asks for more.

/** The path of a request as the door reads it ("/" when there is none to read); for the cache rule. */
function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.startsWith('/') ? path : '/';
}

/** Gives the response the door's headers, before anyone writes on it. */
function withDoorHeaders(req: IncomingMessage, res: ServerResponse): void {
  const tls = (req.socket as Partial<TLSSocket>).encrypted === true;
  for (const [name, value] of Object.entries(securityHeaders(pathOf(req.url), tls))) res.setHeader(name, value);
}

/** The answer to a request the adapter could not hand to the app, or to the app's failure: the API's error. */
function adapterFailure(err: unknown): Response {
  const refusal =
    err instanceof RequestError
      ? new DomainError('VALIDATION_FAILED', {
          ja: '要求のアドレスまたは Host ヘッダーを読み取れません',
          en: "The request's address or Host header cannot be read",
        })
      : err;
  const { status, body } = toErrorResponse(refusal);
  return Response.json(body, { status });
}

/**
 * The hub's HTTP(S) server for the app's `fetch`: every response starts with the door's headers, the
 * adapter's own refusals are the API's errors, and requests Node cannot read are answered as the API does.
 * The provider installation's own pages (src/agent/web.ts) are served by it too.
 */
export function createHubServer(
  fetch: Parameters<typeof getRequestListener>[0],
  options: { hostname: string; tls?: HttpsOptions },
) {
  const listener = getRequestListener(fetch, { hostname: options.hostname, errorHandler: adapterFailure });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    withDoorHeaders(req, res);
    return listener(req, res);
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createHttpServer(handle);
  // Node's default answers an unknown expectation with a bare 417; this one carries the headers and says why.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    withDoorHeaders(req, res);
    const json = JSON.stringify(
      toErrorResponse(
        new DomainError('VALIDATION_FAILED', {
          ja: '要求の Expect ヘッダーには応じられません',
          en: "The request's Expect header cannot be met",
        }),
      ).body,
    );
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      Connection: 'close',
    });
    res.end(json);
  });
  answerUnreadableRequests(server);
  return server;
}
