// What the server answers to a request it cannot read as HTTP: headers over Node's limit (a browser
// holding too many cookies, a proxy adding too much) or a malformed request line. Node's own answer is a
// status with an empty body, which a browser shows as a blank page and the typed client as "the server
// did not accept the request"; ours is the API's error, in both languages, naming the limit, with the
// headers of every answer (src/server/security-headers.ts).
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { ServerType } from '@hono/node-server';
import { DomainError } from '../domain/errors.ts';
import { type ErrorBody, toErrorResponse } from './errors.ts';
import { securityHeaders } from './security-headers.ts';

/** The refusal of a request Node could not read, by its parser's error code; null: none of ours. */
function refusalOf(code: string | undefined): DomainError | null {
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') {
    return new DomainError('PAYLOAD_TOO_LARGE', {
      ja: '要求の本文の区切り（チャンク拡張）が上限を超えています',
      en: "The request body's chunk extensions are over the limit",
    });
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    const kib = Math.floor(maxHeaderSize / 1024);
    return new DomainError(
      'HEADERS_TOO_LARGE',
      {
        ja:
          `要求のヘッダーが上限（${kib} KiB）を超えています。` +
          'ブラウザーがこのサイトのクッキーを多く持っている場合は、それを消してからもう一度お試しください',
        en:
          `The request's headers are over the limit (${kib} KiB). ` +
          'If the browser holds many cookies for this site, clear them and try again',
      },
      { limitBytes: maxHeaderSize },
    );
  }
  if (code?.startsWith('HPE_')) {
    return new DomainError('VALIDATION_FAILED', {
      ja: '要求を HTTP として読み取れません',
      en: 'The request cannot be read as HTTP',
    });
  }
  return null;
}

/**
 * The answer to a request that could not be read, by Node's error code (the statuses Node's own handler
 * gives): the API's error where a person may read it, through the one mapping of every error; no body for
 * a request that timed out (as Node: nobody is waiting for words); null: close without an answer.
 */
export function unreadableAnswer(code: string | undefined): { status: number; body: ErrorBody | null } | null {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, body: null };
  const refusal = refusalOf(code);
  return refusal ? toErrorResponse(refusal) : null;
}

/**
 * Replaces Node's empty answers to unreadable requests with the API's error (see above). The connection
 * is destroyed once the answer is written, whether or not the client closes its side (as Node does): a
 * half-closed socket would otherwise be held for as long as the client likes.
 */
export function answerUnreadableRequests(server: ServerType): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const answer = socket.writable ? unreadableAnswer(err.code) : null;
    if (!answer) {
      // A reset, a socket already written to: nothing more can be said on it.
      socket.destroy();
      return;
    }
    const json = answer.body ? JSON.stringify(answer.body) : '';
    // No path was read: the answer is kept by no cache, as any but a built file's.
    const door = Object.entries(securityHeaders('/', (socket as Partial<TLSSocket>).encrypted === true));
    const head =
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\n` +
      door.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
      (json ? 'Content-Type: application/json; charset=utf-8\r\n' : '') +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Connection: close\r\n\r\n';
    socket.end(head + json, () => socket.destroy());
  });
}
