// What the server answers to a request it cannot read as HTTP: headers over Node's limit (a browser
// holding too many cookies, a proxy adding too much) or a malformed request line. Node's own answer is a
// status with an empty body, which a browser shows as a blank page and the typed client as "the server
// did not accept the request"; ours is the API's error, in both languages, naming the limit.
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import type { ErrorBody } from './errors.ts';
import { STATUS_OF } from './errors.ts';

const REASON_PHRASE: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/**
 * The answer to a request that could not be read, by Node's error code (the statuses Node's own handler
 * gives); a body of ours where a person may read it, none for a request that timed out (as Node: nobody
 * is waiting for words); null: close without an answer.
 */
export function unreadableAnswer(code: string | undefined): { status: number; body: ErrorBody | null } | null {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, body: null };
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') {
    return {
      status: STATUS_OF.PAYLOAD_TOO_LARGE,
      body: {
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: {
            ja: '要求の本文の区切り（チャンク拡張）が上限を超えています',
            en: "The request body's chunk extensions are over the limit",
          },
        },
      },
    };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    const kib = Math.floor(maxHeaderSize / 1024);
    return {
      status: STATUS_OF.HEADERS_TOO_LARGE,
      body: {
        error: {
          code: 'HEADERS_TOO_LARGE',
          message: {
            ja:
              `要求のヘッダーが上限（${kib} KiB）を超えています。` +
              'ブラウザーがこのサイトのクッキーを多く持っている場合は、それを消してからもう一度お試しください',
            en:
              `The request's headers are over the limit (${kib} KiB). ` +
              'If the browser holds many cookies for this site, clear them and try again',
          },
          details: { limitBytes: maxHeaderSize },
        },
      },
    };
  }
  if (code?.startsWith('HPE_')) {
    return {
      status: STATUS_OF.VALIDATION_FAILED,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: { ja: '要求を HTTP として読み取れません', en: 'The request cannot be read as HTTP' },
        },
      },
    };
  }
  return null;
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
    const head =
      `HTTP/1.1 ${answer.status} ${REASON_PHRASE[answer.status] ?? ''}\r\n` +
      (json ? 'Content-Type: application/json; charset=utf-8\r\n' : '') +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Connection: close\r\n\r\n';
    socket.end(head + json, () => socket.destroy());
  });
}
