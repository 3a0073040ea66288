import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { invalidField } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { analyzeAndVerify } from './mail/check.ts';
import { DNS_RECORD_LIMITS, type DnsRecords, parseDnsRecords } from './mail/dns-records.ts';
import { MAIL_LIMITS } from './mail/headers.ts';
import type { MailAnalysis } from './mail/types.ts';
import { EvidenceInputError } from './messages.ts';

// E-mail header analysis as a use case: an investigator pastes or uploads a message; the analysis
// names the originating address and time, the trust boundary and what looks wrong. The message is
// not stored; the analysis is audited (a digest of the message, not its content).

/** Characters of base64 for the largest message: 4 for every 3 bytes, the last group padded. */
export const MAX_MESSAGE_BASE64_CHARS = Math.ceil(MAIL_LIMITS.maxMessageBytes / 3) * 4;

const ONE_MESSAGE = {
  en: 'send the message once: as text in `message` or as its bytes in `messageBase64`, not both and not neither',
  ja: 'メールは 1 通だけ送ってください：本文のテキストなら `message`、ファイルのバイト列なら `messageBase64`（両方・どちらもなしは不可）',
} as const;
const BASE64_WORDS = {
  en: 'messageBase64: not base64 (the letters A-Z a-z 0-9 + / in groups of four, = only as padding at the end)',
  ja: 'messageBase64 が base64 ではありません（A-Z a-z 0-9 + / の 4 文字ずつ、= は末尾の埋め草のみ）',
} as const;
const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const AnalyzeMailInput = z
  .strictObject({
    /**
     * The message as received, as text (pasted): its header block is what is analysed; the body is read only
     * to check DKIM and ARC body hashes (the web sends it only with key records). A whole message up to
     * 40 MiB, its header block up to 1 MiB (MAIL_LIMITS); the request carrying it has its own bound
     * (src/server/mail-limit.ts). Sent as UTF-8, so a body in another charset's 8-bit bytes (Shift_JIS)
     * does not reach the body hash as signed: send those as `messageBase64`.
     */
    message: z.string().min(1).max(MAIL_LIMITS.maxMessageBytes).optional(),
    /**
     * The message as its exact bytes (a chosen .eml file), in standard base64 (RFC 4648 §4, padded):
     * handed to the analysis and the signature checks unchanged. Up to 40 MiB decoded. Exactly one of
     * `message` and `messageBase64` is sent.
     */
    messageBase64: z
      .string()
      .min(1)
      .max(MAX_MESSAGE_BASE64_CHARS)
      .refine((s) => s.length % 4 === 0 && BASE64.test(s), { message: BASE64_WORDS.en, params: BASE64_WORDS })
      .optional(),
    /** The receiving organisation's relays: addresses, CIDR networks, host names (`.example.jp`). */
    trusted: z.array(z.string().trim().min(1).max(253)).max(50).optional(),
    /** The authserv-id of the receiving organisation's Authentication-Results. */
    authservId: z.string().trim().min(1).max(253).optional(),
    /**
     * DNS records the analyst captured, one a line: signing keys (`s._domainkey.example.jp TXT
     * "v=DKIM1; p=..."`), SPF records (`example.jp TXT "v=spf1 ..."`), DMARC policies (`_dmarc.example.jp
     * TXT "v=DMARC1; p=..."`), the A, AAAA, MX and PTR records SPF's `a`, `mx`, `ptr` and `exists` ask for
     * (`example.jp A 192.0.2.1`, `example.jp MX 10 mail.example.jp`, `192.0.2.1 PTR mail.example.jp`), and
     * `name TYPE NONE` for a name that has none of that type (`NXDOMAIN`: no such name). The only records
     * DKIM, ARC, SPF and DMARC are checked against (no DNS query; a needed record not given is "not
     * supplied").
     */
    dnsRecords: z.string().max(DNS_RECORD_LIMITS.maxBytes).optional(),
  })
  .refine((v) => (v.message === undefined) !== (v.messageBase64 === undefined), {
    path: ['messageBase64'],
    message: ONE_MESSAGE.en,
    params: ONE_MESSAGE,
  });

function records(text: string | undefined): DnsRecords {
  try {
    return parseDnsRecords(text ?? '');
  } catch (e) {
    if (e instanceof EvidenceInputError) throw invalidField('dnsRecords', null, e.ja, e.message);
    throw e;
  }
}

/**
 * The message as given: pasted text as it is; sent bytes decoded from base64 and kept as bytes (never
 * made a string, which would turn another charset's 8-bit bytes into U+FFFD and break the body hash).
 */
function messageOf(input: z.infer<typeof AnalyzeMailInput>): string | Uint8Array {
  if (input.messageBase64 === undefined) return input.message ?? '';
  const bytes = Buffer.from(input.messageBase64, 'base64');
  if (bytes.byteLength > MAIL_LIMITS.maxMessageBytes) {
    throw invalidField(
      'messageBase64',
      null,
      `メールが大きすぎます（${bytes.byteLength} バイト、上限 ${MAIL_LIMITS.maxMessageBytes} バイト）`,
      `messageBase64: the message is ${bytes.byteLength} bytes, over the limit of ${MAIL_LIMITS.maxMessageBytes}`,
    );
  }
  return bytes;
}

export async function analyzeMail(uow: UnitOfWork, p: Principal, raw: unknown): Promise<MailAnalysis> {
  requirePermission(p, 'evidence.analyze');
  const input = parseOrThrow(AnalyzeMailInput, raw);
  const message = messageOf(input);
  const analysis = await analyzeAndVerify(message, records(input.dnsRecords), {
    now: uow.now,
    ...(input.trusted ? { trusted: input.trusted } : {}),
    ...(input.authservId ? { authservId: input.authservId } : {}),
  });
  const sha256 = createHash('sha256').update(message).digest('hex');
  await uow.auditBy(p, 'evidence.mail_analyzed', ['mail', sha256], {
    // The size, never the content: a large message (attachments) is told apart without keeping it.
    bytes: typeof message === 'string' ? Buffer.byteLength(message, 'utf8') : message.byteLength,
    bodySent: analysis.authentication.verification?.bodyPresent ?? false,
    hops: analysis.hops.length,
    originFound: analysis.originatingIp !== null,
    warnings: analysis.warnings.length,
  });
  return analysis;
}
