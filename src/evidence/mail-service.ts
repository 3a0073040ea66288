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

export const AnalyzeMailInput = z.strictObject({
  /**
   * The message as received, as text: its header block is what is analysed; the body is read only to check
   * DKIM and ARC body hashes (the web sends it only with key records). A whole message up to 40 MiB, its
   * header block up to 1 MiB (MAIL_LIMITS); the request carrying it has its own bound (src/server/mail-limit.ts).
   */
  message: z.string().min(1).max(MAIL_LIMITS.maxMessageBytes),
  /** The receiving organisation's relays: addresses, CIDR networks, host names (`.example.jp`). */
  trusted: z.array(z.string().trim().min(1).max(253)).max(50).optional(),
  /** The authserv-id of the receiving organisation's Authentication-Results. */
  authservId: z.string().trim().min(1).max(253).optional(),
  /**
   * DNS TXT records the analyst captured for the signing keys, one a line (`s._domainkey.example.jp TXT
   * "v=DKIM1; p=..."`): the only keys DKIM signatures and ARC seals are checked against (no DNS query).
   */
  dnsRecords: z.string().max(DNS_RECORD_LIMITS.maxBytes).optional(),
});

function records(text: string | undefined): DnsRecords {
  try {
    return parseDnsRecords(text ?? '');
  } catch (e) {
    if (e instanceof EvidenceInputError) throw invalidField('dnsRecords', null, e.ja, e.message);
    throw e;
  }
}

export async function analyzeMail(uow: UnitOfWork, p: Principal, raw: unknown): Promise<MailAnalysis> {
  requirePermission(p, 'evidence.analyze');
  const input = parseOrThrow(AnalyzeMailInput, raw);
  const analysis = await analyzeAndVerify(input.message, records(input.dnsRecords), {
    now: uow.now,
    ...(input.trusted ? { trusted: input.trusted } : {}),
    ...(input.authservId ? { authservId: input.authservId } : {}),
  });
  const sha256 = createHash('sha256').update(input.message).digest('hex');
  await uow.auditBy(p, 'evidence.mail_analyzed', ['mail', sha256], {
    // The size, never the content: a large message (attachments) is told apart without keeping it.
    bytes: Buffer.byteLength(input.message, 'utf8'),
    bodySent: analysis.authentication.verification?.bodyPresent ?? false,
    hops: analysis.hops.length,
    originFound: analysis.originatingIp !== null,
    warnings: analysis.warnings.length,
  });
  return analysis;
}
