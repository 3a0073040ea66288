import { spf } from 'mailauth/lib/spf/index.js';
import { HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import type { Notice } from '../messages.ts';
import type { DnsRecords } from './dns-records.ts';
import { asciiDomain, shownDomain, unicodeDomain } from './domain-name.ts';
import { POLICY_TEXT as P, type SpfSubject } from './policy-text.ts';
import { suppliedResolver } from './supplied-resolver.ts';
import type { MailAnalysis, MailHop, SpfCheck, SpfVerdict } from './types.ts';

// SPF at the trust boundary, by mailauth, against the records the analyst supplied and nothing else (the
// resolver: supplied-resolver.ts). A name the evaluation asks for that is not among them is "not supplied".

/** RFC 7208 §4.6.4's limit on the time an evaluation may take (mailauth's maxElapsedTime). */
export const SPF_TIME_LIMIT_MS = 2000;

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
  const family = parseAddress(ip, HEADER_SYNTAX)?.family ?? 4;
  const evaluate = async (otherFamilyNone: boolean) => {
    const missing = new Set<string>();
    const otherFamily = new Set<string>();
    const result = await spf({
      ip,
      ...(sender !== null ? { sender } : {}),
      ...(sender === null ? { helo: domain } : helo !== null ? { helo } : {}),
      mta: hop.by ?? 'the receiving server',
      resolver: suppliedResolver(records, missing, [], { family, otherFamily, otherFamilyNone }),
      maxElapsedTime: SPF_TIME_LIMIT_MS,
    });
    return { r: result, missing: [...missing], otherFamily: [...otherFamily] };
  };
  const first = await evaluate(false);
  const r = first.r;
  let list = first.missing;
  if (first.otherFamily.length > 0) {
    // The other family's records, not supplied, were taken to exist; taken to be NONE instead, does the
    // verdict change (the void lookup limit, an IPv6 client's `exists`)? Only then are they needed.
    const second = await evaluate(true);
    if (second.r.status.result !== r.status.result || second.missing.join('\n') !== list.join('\n'))
      list = [...new Set([...list, ...first.otherFamily, ...second.missing])];
  }
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
