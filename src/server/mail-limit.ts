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
// a small server. Each of those is read here at a pace (LARGE_MAIL_BODY_PACE): one that comes too slowly is
// cut off (408) and frees its slot, so a signed-in analyst's slow body cannot hold one for minutes.

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

/**
 * How fast a large body must come while it holds one of the MAX_LARGE_MAIL_ANALYSES slots: after `graceMs`
 * it must have brought on average `bytesPerSecond` since it began, or it is cut off (408 REQUEST_TIMEOUT) and
 * its slot freed. A floor on the average rate, not one deadline for the whole: a body that stops is cut
 * `graceMs` + (what it sent ÷ the rate) after it began, and the longest any body can hold a slot is
 * `graceMs` + MAX_MAIL_BODY_BYTES ÷ the rate — 10 s + 224 s for 56 MiB at 256 KiB/s (about 2 Mbit/s, slower
 * than an office's or a phone's uplink), under Node's own 300 s request timeout, which bounded it before.
 */
export interface BodyPace {
  graceMs: number;
  bytesPerSecond: number;
}
export const LARGE_MAIL_BODY_PACE: BodyPace = { graceMs: 10_000, bytesPerSecond: 256 * 1024 };

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

const tooSlow = (pace: BodyPace, received: number) =>
  new DomainError(
    'REQUEST_TIMEOUT',
    {
      ja:
        `メールの届くのが遅すぎるため、受け取りを打ち切りました（大きなメールは、送り始めて ${pace.graceMs / 1000} 秒` +
        `のあとは平均で毎秒 ${pace.bytesPerSecond / 1024} KiB 以上の速さで届く必要があります）。速い回線から送り直すか、` +
        'コマンド shokai mail analyze で解析してください',
      en:
        `the message came too slowly and was cut off (a large message must come at ${pace.bytesPerSecond / 1024} KiB ` +
        `a second on average once ${pace.graceMs / 1000} seconds have passed); send it again over a faster link, ` +
        'or analyse it with the command shokai mail analyze',
    },
    { field: 'body', received, bytesPerSecond: pace.bytesPerSecond, graceMs: pace.graceMs },
  );

/**
 * A body read whole while it keeps the pace, up to `max` bytes (the limit after refuses what is over it):
 * its bytes, or the count received when it fell behind. The next chunk is due when the bytes so far no
 * longer cover the pace: `graceMs` after the start, and a second later for every `bytesPerSecond` more.
 */
async function readAtPace(
  body: ReadableStream<Uint8Array>,
  max: number,
  pace: BodyPace,
): Promise<{ bytes: Uint8Array } | { late: number }> {
  const reader = body.getReader();
  const start = performance.now();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= max) {
    const due = start + pace.graceMs + (size / pace.bytesPerSecond) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, due - performance.now()));
    });
    const next = await Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
    if (next === 'late') {
      reader.cancel().catch(() => {});
      return { late: size };
    }
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  return { bytes: Buffer.concat(chunks, size) };
}

/**
 * The mail route's gate: its own size limit (`limit`, a bodyLimit of MAX_MAIL_BODY_BYTES) for a person
 * signed in who may analyse mail (`mayAnalyse`: a session, not a key-signed client, whose body is read for
 * its signature), the general limit for anyone else, and at most MAX_LARGE_MAIL_ANALYSES large bodies at
 * once, each read whole here at `pace` (LARGE_MAIL_BODY_PACE) or cut off with 408, freeing its slot. A body of at
 * most 1 MiB (by its Content-Length) is not counted.
 */
export function mailAnalysisGate(
  limit: MiddlewareHandler<AppEnv>,
  general: { limit: MiddlewareHandler<AppEnv>; max: number },
  mayAnalyse: (c: Context<AppEnv>) => Promise<boolean>,
  pace: BodyPace = LARGE_MAIL_BODY_PACE,
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
      const body = c.req.raw.body;
      if (body) {
        const read = await readAtPace(body, MAX_MAIL_BODY_BYTES, pace);
        if ('late' in read) {
          c.header('connection', 'close');
          const { status, body: reply } = toErrorResponse(tooSlow(pace, read.late));
          return c.json(reply, status);
        }
        c.req.raw = new Request(c.req.raw, { body: read.bytes });
      }
      return await limit(c, next);
    } finally {
      large--;
    }
  };
}
