import type { DNSResolver } from 'mailauth';
import { spf } from 'mailauth/lib/spf/index.js';
import type { Notice } from '../messages.ts';
import type { DnsRecords } from './dns-records.ts';
import { asciiDomain, shownDomain, unicodeDomain } from './domain-name.ts';
import { POLICY_TEXT as P, type SpfSubject } from './policy-text.ts';
import type { MailAnalysis, MailHop, SpfCheck, SpfVerdict } from './types.ts';

// SPF at the trust boundary, by mailauth, against the TXT records the analyst supplied and nothing else.
// A name the evaluation asks for that is not among them is "not supplied": the resolver throws an error
// mailauth takes as a DNS failure (temperror), notes the name, and never queries.

const NOT_SUPPLIED = 'ENOTSUPPLIED';
/** RFC 7208 §4.6.4's limit on the time an evaluation may take (mailauth's maxElapsedTime). */
export const SPF_TIME_LIMIT_MS = 2000;

/**
 * Whether mailauth is asking for an `exp=` explanation (RFC 7208 §6.2): it does so through its function
 * `expResolver`, after the result is decided, so a name asked for only there is not one the result needed.
 * A test holds this to the mailauth in use (an explanation's name never shows among the missing).
 */
function explanationLookup(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 20;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder);
  Error.stackTraceLimit = limit;
  return holder.stack?.includes('expResolver') ?? false;
}

/**
 * A resolver over the supplied TXT records; every other question is noted in `missing` (unless asked for
 * an SPF explanation only) and refused. `asked` gets each TXT name asked for, in order.
 */
export function suppliedResolver(records: DnsRecords, missing: Set<string>, asked: string[] = []): DNSResolver {
  return async (name: string, rrtype: string) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    const type = rrtype.toUpperCase();
    if (type === 'TXT') asked.push(n);
    const key = records.keys.get(n);
    const held = type !== 'TXT' ? undefined : (records.txt.get(n) ?? (key !== undefined ? [key] : undefined));
    if (held !== undefined && held.length > 0) return held.map((r) => [r]);
    const err = new Error(`no ${type} record supplied for ${n}`) as Error & { code: string };
    // NONE in the records: the analyst says the name has no TXT record (a void lookup, as DNS's NODATA).
    err.code = held !== undefined ? 'ENODATA' : NOT_SUPPLIED;
    if (held === undefined && !explanationLookup()) missing.add(`${n} (${type})`);
    throw err;
  };
}

/** The address inside a Return-Path (`<a@b>`); '' for the empty sender `<>`; null when none can be read. */
function envelopeAddress(value: string | null): string | null {
  if (value === null) return null;
  const inside = /<([^>]*)>/.exec(value)?.[1] ?? value;
  const address = inside.trim();
  if (address === '') return '';
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/**
 * The envelope sender as a trusted server recorded it: a Return-Path above the lowest trusted Received
 * (one below it is the sender's own writing), else the envelope-from of that Received field.
 */
function envelopeSender(
  analysis: MailAnalysis,
  hop: MailHop,
): { sender: string; source: 'return-path' | 'received' } | null {
  const returnPath = analysis.message.returnPathTrusted ? envelopeAddress(analysis.message.returnPath) : null;
  if (returnPath !== null) return { sender: returnPath, source: 'return-path' };
  const recorded = envelopeAddress(hop.envelopeFrom);
  return recorded !== null ? { sender: recorded, source: 'received' } : null;
}

function spfNot(verdict: SpfVerdict, n: Notice, subject: Partial<SpfCheck> = {}): SpfCheck {
  return {
    verdict,
    domain: null,
    domainUnicode: null,
    ip: null,
    envelopeFrom: null,
    senderSource: null,
    helo: null,
    identity: null,
    missing: [],
    record: null,
    detail: null,
    ...subject,
    message: n.en,
    messageJa: n.ja,
  };
}

const SPF_RESULTS: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror']);

/**
 * SPF for the hop where the message entered the receiving organisation: the address the lowest trusted
 * server recorded (the originating address), the HELO name it recorded, and the envelope sender as a
 * trusted server recorded it. The checked domain is read as DNS holds it (lower case, no trailing dot,
 * A-labels).
 */
export async function checkSpf(analysis: MailAnalysis, records: DnsRecords): Promise<SpfCheck> {
  const ip = analysis.originatingIp;
  const hop = analysis.hops.find((h) => h.trusted);
  if (ip === null || hop === undefined) return spfNot('not_evaluated', P.spfNoOrigin());
  const helo = hop.from.helo;
  const envelope = envelopeSender(analysis, hop);
  if (envelope === null) {
    const below = analysis.message.returnPath !== null && !analysis.message.returnPathTrusted;
    return spfNot('not_evaluated', P.spfNoSender(below), { ip, helo });
  }
  const senderSource = envelope.source;
  const at = envelope.sender.lastIndexOf('@');
  const written = envelope.sender === '' ? (helo ?? '') : envelope.sender.slice(at + 1);
  const domain = asciiDomain(written);
  const shown = { sender: envelope.sender === '' ? null : envelope.sender, helo };
  if (domain === null)
    return spfNot('not_evaluated', P.spfNotADomain(shown, written), {
      ip,
      helo,
      senderSource,
      envelopeFrom: shown.sender,
    });
  const sender = envelope.sender === '' ? null : `${envelope.sender.slice(0, at)}@${domain}`;
  const missing = new Set<string>();
  const r = await spf({
    ip,
    ...(sender !== null ? { sender } : {}),
    ...(sender === null ? { helo: domain } : helo !== null ? { helo } : {}),
    mta: hop.by ?? 'the receiving server',
    resolver: suppliedResolver(records, missing),
    maxElapsedTime: SPF_TIME_LIMIT_MS,
  });
  const rr = (r as { rr?: unknown }).rr;
  const base = {
    domain: r.domain,
    domainUnicode: unicodeDomain(r.domain),
    ip,
    envelopeFrom: sender,
    senderSource,
    helo,
    identity: sender === null ? ('helo' as const) : ('mailfrom' as const),
    record: typeof rr === 'string' ? rr : null,
    detail: typeof r.status.comment === 'string' ? r.status.comment : null,
  };
  const subject: SpfSubject = {
    domain: shownDomain(r.domain),
    ip,
    sender,
    helo: base.identity === 'helo' ? domain : helo,
    source: senderSource,
  };
  const result = r.status.result;
  const list = [...missing];
  // A needed record not supplied leaves the result undecided whatever mailauth made of the gap: a PTR
  // lookup that failed (`ptr`, `%{p}`) is "no match" to it, which may turn into a fail or a pass.
  if (list.length > 0) return spfNot('not_supplied', P.spfNotSupplied(subject, list), { ...base, missing: list });
  if (base.detail?.includes('time limit exceeded'))
    return spfNot('not_evaluated', P.spfTimeLimit(SPF_TIME_LIMIT_MS / 1000), base);
  if (!SPF_RESULTS.has(result)) return spfNot('not_evaluated', P.spfError(), base);
  const verdict = result as SpfVerdict;
  const n = P.spf(verdict, subject);
  return { ...base, verdict, missing: [], message: n.en, messageJa: n.ja };
}
