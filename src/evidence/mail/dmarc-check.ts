import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import type { Notice } from '../messages.ts';
import { DMARC_TEXT as D, type DmarcPolicy, type PolicyReading, type PublishedTags } from './dmarc-text.ts';
import type { DnsRecords } from './dns-records.ts';
import { isAddressLiteral, shownDomain, unicodeDomain } from './domain-name.ts';
import { suppliedResolver } from './supplied-resolver.ts';
import type { DmarcCheck, SignatureCheck, SpfCheck } from './types.ts';

// DMARC of the From domain, by mailauth, against the `_dmarc` records the analyst supplied and nothing else.

function dmarcNot(verdict: DmarcCheck['verdict'], n: Notice, extra: Partial<DmarcCheck> = {}): DmarcCheck {
  return {
    verdict,
    fromDomain: null,
    fromDomainUnicode: null,
    noneReason: null,
    published: null,
    recordDomain: null,
    record: null,
    policy: null,
    testMode: false,
    alignedDkim: null,
    alignedSpf: null,
    strictDkim: false,
    strictSpf: false,
    missing: [],
    policyMessage: null,
    policyMessageJa: null,
    detail: null,
    ...extra,
    message: n.en,
    messageJa: n.ja,
  };
}

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
/** mailauth's (RFC 9989 §4.7) test of a DMARC record: `v=DMARC1` first. */
const DMARC_VERSION = /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/;

/** The policy tags of a record as written (the value trimmed; the tag name in any case). */
export function publishedTags(record: string): PublishedTags {
  const tags: PublishedTags = { p: null, sp: null, np: null, pct: null, t: null };
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    if (k === 'p' || k === 'sp' || k === 'np' || k === 'pct' || k === 't') tags[k] = part.slice(eq + 1).trim();
  }
  return tags;
}

/** The policy of the tag that applies, before t=y lowered it (a subdomain takes sp=, else p=). */
function beforeTest(published: PublishedTags, subdomain: boolean): DmarcPolicy {
  const written = ((subdomain ? (published.sp ?? published.p) : published.p) ?? '').toLowerCase();
  return POLICIES.has(written) ? (written as DmarcPolicy) : 'none';
}

/** Why DMARC found no record: the first `_dmarc` name of the walk with records that were not used. */
function whyNone(records: DnsRecords, asked: readonly string[]): { name: string; texts: string[] } | null {
  for (const name of asked) {
    if (!name.startsWith('_dmarc.')) continue;
    const texts = (records.txt.get(name) ?? []).map((r) => r.trim()).filter((r) => DMARC_VERSION.test(r));
    if (texts.length > 0) return { name: name.slice('_dmarc.'.length), texts };
  }
  return null;
}

/** What could not be checked and might have aligned, each with what would check it; and testing keys. */
function unchecked(signatures: Pick<SignatureCheck, 'dkim'>, spfCheck: SpfCheck) {
  const items: { en: string; ja: string }[] = [];
  for (const d of signatures.dkim) {
    if (d.verdict !== 'not_verified' || d.domain === null) continue;
    if (d.reason === 'no_key') items.push(D.uncheckedKey(d.domain, `${d.selector ?? '?'}._domainkey.${d.domain}`));
    else if (d.reason === 'no_body') items.push(D.uncheckedBody(d.domain));
  }
  if (spfCheck.verdict === 'not_supplied') items.push(D.uncheckedSpfRecords());
  else if (spfCheck.verdict === 'not_evaluated') items.push(D.uncheckedSpf());
  const testing = [
    ...new Set(signatures.dkim.filter((d) => d.reason === 'key_testing' && d.domain !== null).map((d) => d.domain)),
  ];
  return { items, testing: testing.length > 0 ? D.testingKeys(testing as string[]) : null };
}

/**
 * DMARC of the From domain: the DKIM signatures that passed here (our verdicts: a signature failed for a
 * From added above the signed one does not count; one under a testing key counts as no signature) and
 * the SPF domain if SPF passed, aligned against the supplied `_dmarc` records by mailauth's DMARC (RFC
 * 9989's tree walk over the From domain and its parents).
 */
export async function checkDmarc(
  from: { addresses: string[]; fields: number },
  signatures: Pick<SignatureCheck, 'dkim'>,
  spfCheck: SpfCheck,
  records: DnsRecords,
): Promise<DmarcCheck> {
  const missing = new Set<string>();
  const asked: string[] = [];
  const passed = signatures.dkim.filter((d) => d.verdict === 'pass' && d.domain !== null);
  const evaluation = await evaluateDmarc({
    headerFrom: from.addresses,
    fromFields: from.fields,
    spfDomains: spfCheck.verdict === 'pass' && spfCheck.domain !== null ? [spfCheck.domain] : [],
    dkimDomains: passed.map((d) => ({ domain: d.domain ?? '' })),
    resolver: suppliedResolver(records, missing, asked),
  });
  const r = evaluation.response;
  if (r === false) return dmarcNot('not_evaluated', D.noAuthor());
  const fromDomain = r.status.header?.from?.toLowerCase().replace(/\.$/, '') ?? null;
  const author = shownDomain(fromDomain ?? '?');
  const result = r.status.result;
  const list = [...missing];
  const errorText = (r as { error?: unknown }).error;
  const detail = typeof errorText === 'string' ? errorText : null;
  const who = { fromDomain, fromDomainUnicode: unicodeDomain(fromDomain), missing: list };
  if (result === 'none') {
    if (fromDomain !== null && isAddressLiteral(fromDomain))
      return dmarcNot('none', D.noneLiteral(fromDomain), { ...who, noneReason: 'address_literal' });
    const found = whyNone(records, asked);
    if (found === null) return dmarcNot('none', D.none(author), { ...who, noneReason: 'absent' });
    const at = { recordDomain: found.name, record: found.texts.join('\n') };
    if (found.texts.length > 1)
      return dmarcNot('none', D.noneSeveral(shownDomain(found.name), found.texts.length), {
        ...who,
        ...at,
        noneReason: 'several',
      });
    const published = publishedTags(found.texts[0] ?? '');
    return dmarcNot('none', D.noneInvalid(shownDomain(found.name), at.record), {
      ...who,
      ...at,
      published,
      noneReason: 'invalid',
    });
  }
  if (result !== 'pass' && result !== 'fail')
    return list.length > 0
      ? dmarcNot('not_supplied', D.notSupplied(author, list), { ...who, detail })
      : dmarcNot('not_evaluated', D.error(), { ...who, detail });
  const recordDomain = r.policyDomain ?? null;
  const policy = POLICIES.has(r.policy) ? (r.policy as DmarcPolicy) : null;
  const record = r.rr ?? null;
  const published = publishedTags(record ?? '');
  const at = shownDomain(recordDomain ?? fromDomain ?? '?');
  const subdomain = recordDomain !== null && recordDomain !== fromDomain;
  const invalid = [published.p, published.sp, published.np].some(
    (v, k) => (v !== null || k === 0) && !POLICIES.has((v ?? '').toLowerCase()),
  );
  const reading: PolicyReading | null =
    policy === null
      ? null
      : {
          recordAt: at,
          from: author,
          published,
          policy,
          published7489: r.testMode === true && !invalid ? beforeTest(published, subdomain) : policy,
          invalid,
          subdomain,
          existenceUnknown: fromDomain !== null && list.includes(`${fromDomain} (A)`),
        };
  const words = reading === null ? null : D.policy(reading);
  const fields = {
    ...who,
    recordDomain,
    record,
    published,
    policy,
    testMode: r.testMode === true,
    alignedDkim: r.alignment.dkim.result ?? null,
    alignedSpf: r.alignment.spf.result ?? null,
    strictDkim: r.alignment.dkim.strict,
    strictSpf: r.alignment.spf.strict,
    policyMessage: words?.en ?? null,
    policyMessageJa: words?.ja ?? null,
    detail,
  };
  if (result === 'pass')
    return dmarcNot('pass', D.pass(author, at, D.aligned(fields.alignedDkim, fields.alignedSpf)), fields);
  // Nothing aligned among what was checked: a fail only when nothing was left unchecked.
  const u = unchecked(signatures, spfCheck);
  if (u.items.length > 0) return dmarcNot('incomplete', D.incomplete(author, u.items, u.testing), fields);
  if (reading === null) return dmarcNot('not_evaluated', D.error(), fields);
  return dmarcNot('fail', D.fail(reading, u.testing), fields);
}
