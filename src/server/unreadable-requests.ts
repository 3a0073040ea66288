// What the server answers to a request it cannot read as HTTP: headers over Node's limit (a browser
// holding too many cookies, a proxy adding too much) or a malformed request line. Node's own answer is a
// status with an empty body, which a browser shows as a blank page and the typed client as "the server
// did not accept the request"; ours is the API's error, in both languages, naming the limit.
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import type { ErrorBody } from './errors.ts';
import { STATUS_OF } from './errors.ts';

const REASON_PHRASE: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

/** The answer to a request that could not be read, by Node's parser error code; null: close without one. */
export function unreadableAnswer(code: string | undefined): { status: number; body: ErrorBody } | null {
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

/** Replaces Node's empty answers to unreadable requests with the API's error (see above). */
export function answerUnreadableRequests(server: ServerType): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const answer = socket.writable ? unreadableAnswer(err.code) : null;
    if (!answer) {
      // A reset, a timeout, a socket already written to: nothing more can be said on it.
      socket.destroy();
      return;
    }
    const json = JSON.stringify(answer.body);
    socket.end(
      `HTTP/1.1 ${answer.status} ${REASON_PHRASE[answer.status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Connection: close\r\n\r\n' +
        json,
    );
  });
}
