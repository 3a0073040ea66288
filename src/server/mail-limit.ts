import type { Context, MiddlewareHandler, Next } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { MAIL_LIMITS } from '../evidence/mail/headers.ts';
import type { AppEnv } from './env.ts';
import { toErrorResponse } from './errors.ts';

// The one route with a body larger than the API's 1 MiB: the mail analysis, which takes a whole message
// (attachments included) so its DKIM and ARC body hashes can be checked. Its bound is the message's
// (40 MiB, MAIL_LIMITS.maxMessageBytes) with room for the JSON that carries it; a larger body is refused
// from its Content-Length, or while it streams in, before it is held whole (hono's bodyLimit).
//
// Memory: the body is held as text, parsed once and handed to mailauth as bytes (a `messageBase64` decoded
// once), so one analysis of a 40 MiB message needs a few times that. Only MAX_LARGE_MAIL_ANALYSES bodies
// over 1 MiB are analysed at once; another is told to try again shortly (503), so many users cannot exhaust
// a small server.

export const MAIL_ANALYSIS_PATH = '/v1/evidence/mail';

/**
 * The JSON body of a mail analysis, sized for the larger of the two ways a message comes:
 * - `messageBase64` (a chosen file's exact bytes): 4 characters for every 3 bytes, so a 40 MiB message is
 *   MAX_MESSAGE_BASE64_CHARS = 55,924,056 characters (53.34 MiB); base64's letters need no JSON escape;
 * - `message` (pasted text): 40 MiB with its line ends escaped (`\r\n` is four characters: +2.6 % for base64
 *   lines of 76), about 41.1 MiB;
 * and beside either up to 1 MiB of key records (`dnsRecords`, whose quotes JSON escapes) and the other
 * fields: 53.34 + 1 MiB, rounded up to 56 MiB so records full of escaped quotes still fit.
 */
export const MAX_MAIL_BODY_BYTES = 56 * 1024 * 1024;

/** Bodies over the general 1 MiB analysed at once. */
export const MAX_LARGE_MAIL_ANALYSES = 2;

const MIB = 1024 * 1024;

export const MAIL_TOO_LARGE = {
  ja:
    `メールが大きすぎます（メールは ${MAIL_LIMITS.maxMessageBytes / MIB} MiB、送信本文は ` +
    `${MAX_MAIL_BODY_BYTES / MIB} MiB（${MAX_MAIL_BODY_BYTES} バイト）まで）。これより大きいメールはコマンド ` +
    'コマンド shokai mail analyze で解析してください',
  en:
    `the message is too large (messages up to ${MAIL_LIMITS.maxMessageBytes / MIB} MiB, the request body up to ` +
    `${MAX_MAIL_BODY_BYTES / MIB} MiB, ${MAX_MAIL_BODY_BYTES} bytes); ` +
    'analyse a larger one with the command shokai mail analyze',
} as const;

/**
 * The mail route's gate: its own size limit (`limit`, a bodyLimit of MAX_MAIL_BODY_BYTES) for a person
 * signed in who may analyse mail (`mayAnalyse`: a session, not a key-signed client, whose body is read for
 * its signature), the general limit for anyone else, and at most MAX_LARGE_MAIL_ANALYSES large bodies at
 * once. A body of at most 1 MiB (by its Content-Length) is not counted.
 */
export function mailAnalysisGate(
  limit: MiddlewareHandler<AppEnv>,
  general: { limit: MiddlewareHandler<AppEnv>; max: number },
  mayAnalyse: (c: Context<AppEnv>) => Promise<boolean>,
) {
  let large = 0;
  return async (c: Context<AppEnv>, next: Next) => {
    const length = Number(c.req.header('content-length') ?? Number.NaN);
    if (Number.isFinite(length) && length <= general.max) return limit(c, next);
    // Only a signed-in person who may analyse mail is read past 1 MiB, or takes a slot: anyone else's
    // body is bounded as on every route (and refused there) before anything reads it.
    if (!(await mayAnalyse(c))) return general.limit(c, next);
    if (Number.isFinite(length) && length > MAX_MAIL_BODY_BYTES) return limit(c, next); // refused at once
    if (large >= MAX_LARGE_MAIL_ANALYSES) {
      c.header('retry-after', '10');
      const { status, body } = toErrorResponse(
        new DomainError('BUSY', {
          ja: `大きなメールを解析中です（同時に ${MAX_LARGE_MAIL_ANALYSES} 件まで）。しばらくしてからもう一度送ってください`,
          en: `large messages are being analysed (${MAX_LARGE_MAIL_ANALYSES} at once); send it again in a moment`,
        }),
      );
      return c.json(body, status);
    }
    large++;
    try {
      return await limit(c, next);
    } finally {
      large--;
    }
  };
}
