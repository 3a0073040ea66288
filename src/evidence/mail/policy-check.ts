import type { DNSResolver } from 'mailauth';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';
import type { Notice } from '../messages.ts';
import type { DnsRecords } from './dns-records.ts';
import { type DmarcPolicy, POLICY_TEXT as P, type SpfSubject } from './policy-text.ts';
import type { DmarcCheck, MailAnalysis, SignatureCheck, SpfCheck, SpfVerdict } from './types.ts';

// SPF at the trust boundary and DMARC of the From domain, by mailauth, against the TXT records the analyst
// supplied and nothing else. A name the evaluation asks for that is not among them is "not supplied": the
// resolver throws an error mailauth takes as a DNS failure (temperror), notes the name, and never queries.

const NOT_SUPPLIED = 'ENOTSUPPLIED';

/** A resolver over the supplied TXT records; every other question is noted in `missing` and refused. */
function suppliedResolver(records: DnsRecords, missing: Set<string>): DNSResolver {
  return async (name: string, rrtype: string) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    const type = rrtype.toUpperCase();
    const key = records.keys.get(n);
    const held = type !== 'TXT' ? undefined : (records.txt.get(n) ?? (key !== undefined ? [key] : undefined));
    if (held !== undefined && held.length > 0) return held.map((r) => [r]);
    const err = new Error(`no ${type} record supplied for ${n}`) as Error & { code: string };
    // NONE in the records: the analyst says the name has no TXT record (a void lookup, as DNS's NODATA).
    err.code = held !== undefined ? 'ENODATA' : NOT_SUPPLIED;
    if (held === undefined) missing.add(`${n} (${type})`);
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

function spfNot(verdict: SpfVerdict, n: Notice, subject: Partial<SpfCheck> = {}): SpfCheck {
  return {
    verdict,
    domain: null,
    ip: null,
    envelopeFrom: null,
    helo: null,
    identity: null,
    missing: [],
    detail: null,
    ...subject,
    message: n.en,
    messageJa: n.ja,
  };
}

const SPF_RESULTS: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror']);

/**
 * SPF for the hop where the message entered the receiving organisation: the address the lowest trusted
 * server recorded (the originating address), the HELO name it recorded, and the envelope sender (the
 * Return-Path, else that Received field's envelope-from).
 */
export async function checkSpf(analysis: MailAnalysis, records: DnsRecords): Promise<SpfCheck> {
  const ip = analysis.originatingIp;
  const hop = analysis.hops.find((h) => h.trusted);
  if (ip === null || hop === undefined) return spfNot('not_evaluated', P.spfNoOrigin());
  const helo = hop.from.helo;
  const sender = envelopeAddress(analysis.message.returnPath) ?? envelopeAddress(hop.envelopeFrom);
  if (sender === null) return spfNot('not_evaluated', P.spfNoSender(), { ip, helo });
  const missing = new Set<string>();
  const r = await spf({
    ip,
    ...(sender !== '' ? { sender } : {}),
    ...(helo !== null ? { helo } : {}),
    mta: hop.by ?? 'the receiving server',
    resolver: suppliedResolver(records, missing),
  });
  const subject: SpfSubject = { domain: r.domain, ip, sender: sender === '' ? null : sender, helo };
  const base = {
    domain: r.domain,
    ip,
    envelopeFrom: subject.sender,
    helo,
    identity: sender === '' ? ('helo' as const) : ('mailfrom' as const),
    detail: typeof r.status.comment === 'string' ? r.status.comment : null,
  };
  const result = r.status.result;
  // A needed record not supplied ends the evaluation as a DNS failure would: nothing was looked up.
  if (missing.size > 0 && !SPF_RESULTS.has(result))
    return spfNot('not_supplied', P.spfNotSupplied(subject, [...missing]), { ...base, missing: [...missing] });
  if (!SPF_RESULTS.has(result)) return spfNot('not_evaluated', P.spfError(), { ...base, missing: [...missing] });
  const verdict = result as SpfVerdict;
  const n = P.spf(verdict, subject);
  return { ...base, verdict, missing: [...missing], message: n.en, messageJa: n.ja };
}

function dmarcNot(verdict: DmarcCheck['verdict'], n: Notice, extra: Partial<DmarcCheck> = {}): DmarcCheck {
  return {
    verdict,
    fromDomain: null,
    recordDomain: null,
    record: null,
    policy: null,
    testMode: false,
    alignedDkim: null,
    alignedSpf: null,
    strictDkim: false,
    strictSpf: false,
    missing: [],
    detail: null,
    ...extra,
    message: n.en,
    messageJa: n.ja,
  };
}

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);

/**
 * DMARC of the From domain: the DKIM signatures that passed here (our verdicts: a signature failed for a
 * From added above the signed one does not count) and the SPF domain if SPF passed, aligned against the
 * supplied `_dmarc` records by mailauth's DMARC (RFC 9989's tree walk over the From domain and its parents).
 */
export async function checkDmarc(
  from: { addresses: string[]; fields: number },
  signatures: Pick<SignatureCheck, 'dkim'>,
  spfCheck: SpfCheck,
  records: DnsRecords,
): Promise<DmarcCheck> {
  const missing = new Set<string>();
  const passed = signatures.dkim.filter((d) => d.verdict === 'pass' && d.domain !== null);
  const evaluation = await evaluateDmarc({
    headerFrom: from.addresses,
    fromFields: from.fields,
    spfDomains: spfCheck.verdict === 'pass' && spfCheck.domain !== null ? [spfCheck.domain] : [],
    dkimDomains: passed.map((d) => ({ domain: d.domain ?? '' })),
    resolver: suppliedResolver(records, missing),
  });
  const r = evaluation.response;
  if (r === false) return dmarcNot('not_evaluated', P.dmarcNoAuthor());
  const fromDomain = r.status.header?.from ?? null;
  const author = fromDomain ?? '?';
  const result = r.status.result;
  const list = [...missing];
  const errorText = (r as { error?: unknown }).error;
  const detail = typeof errorText === 'string' ? errorText : null;
  if (result === 'none') return dmarcNot('none', P.dmarcNone(author), { fromDomain, missing: list });
  if (result !== 'pass' && result !== 'fail')
    return list.length > 0
      ? dmarcNot('not_supplied', P.dmarcNotSupplied(author, list), { fromDomain, missing: list, detail })
      : dmarcNot('not_evaluated', P.dmarcError(), { fromDomain, detail });
  const recordDomain = r.policyDomain ?? null;
  const policy = POLICIES.has(r.policy) ? (r.policy as DmarcPolicy) : null;
  const fields = {
    fromDomain,
    recordDomain,
    record: r.rr ?? null,
    policy,
    testMode: r.testMode === true,
    alignedDkim: r.alignment.dkim.result ?? null,
    alignedSpf: r.alignment.spf.result ?? null,
    strictDkim: r.alignment.dkim.strict,
    strictSpf: r.alignment.spf.strict,
    missing: list,
    detail,
  };
  const at = recordDomain ?? author;
  if (result === 'pass')
    return dmarcNot('pass', P.dmarcPass(author, at, P.aligned(fields.alignedDkim, fields.alignedSpf)), fields);
  // Nothing aligned among what was checked: a fail only when nothing was left unchecked.
  const unverified = signatures.dkim.filter((d) => d.verdict === 'not_verified' && d.domain !== null);
  const spfUnchecked = spfCheck.verdict === 'not_supplied' || spfCheck.verdict === 'not_evaluated';
  if (unverified.length > 0 || spfUnchecked) {
    const words = P.unchecked([...new Set(unverified.map((d) => d.domain ?? ''))], spfUnchecked);
    return dmarcNot('incomplete', P.dmarcIncomplete(author, words), fields);
  }
  return dmarcNot('fail', P.dmarcFail(author, at, policy ?? 'none'), fields);
}
