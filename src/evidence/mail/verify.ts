import type { ARCChainEntry, DKIMResult, DNSResolver } from 'mailauth';
import { arc, verifyASChain } from 'mailauth/lib/arc/index.js';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { Notice } from '../messages.ts';
import type { DnsRecords } from './dns-records.ts';
import type { ArcSealCheck, ArcVerification, DkimVerification, SignatureCheck } from './types.ts';
import { SIGNATURE_TEXT as S } from './verify-text.ts';

// DKIM-Signature fields and the ARC chain checked cryptographically by mailauth, against the key
// records the analyst supplied and nothing else: the resolver given to mailauth answers from those
// records and says "no record" for every other name, so no DNS query ever leaves this machine.

const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);
/** mailauth's comments for a key record it could not use (its KEY_ERROR_COMMENTS). */
const KEY_COMMENTS = new Set([
  'unknown key version',
  'unknown key type',
  'invalid public key',
  'inappropriate hash algorithm',
  'key not for email',
  'inappropriate key algorithm',
]);

function offlineResolver(records: DnsRecords): DNSResolver {
  return async (name: string, rrtype: string) => {
    const value = rrtype.toUpperCase() === 'TXT' ? records.keys.get(name.toLowerCase().replace(/\.$/, '')) : undefined;
    if (value === undefined) {
      const err = new Error(`no record supplied for ${name}`) as Error & { code: string };
      err.code = 'ENOTFOUND';
      throw err;
    }
    return [[value]];
  };
}

const keyName = (selector: string, domain: string): string =>
  `${selector}._domainkey.${domain}`.toLowerCase().replace(/\.$/, '');

/** Whether the message has a body (an empty line after the header block); header-only input has none. */
export function hasBody(raw: string | Uint8Array): boolean {
  const s = typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1');
  return /\r?\n\r?\n/.test(s);
}

/** The message's From fields and the first one's domain, as mailauth read them. */
export interface FromFields {
  count: number;
  domain: string | null;
  /** How many times each header field name (lower case) occurs in the message. */
  fields: ReadonlyMap<string, number>;
}

/** The From field's addresses as mailauth read them, and how many From fields there are (for DMARC). */
export interface AuthorFields {
  addresses: string[];
  fields: number;
}

/** RFC 5322 §3.6's fields a message has at most once: a reader shows one, the topmost. */
const ONCE = ['date', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'message-id', 'in-reply-to', 'references', 'subject'];

/**
 * The fields of ONCE a signature lists in h= fewer times than the message has them: DKIM signs them from
 * the bottom, so the extra ones above (what a mail program shows) were added after signing.
 */
function unsignedCopies(r: DKIMResult, from: FromFields): string[] {
  const listed = new Map<string, number>();
  for (const key of (r.signingHeaders?.keys ?? '').split(':')) {
    const k = key.trim().toLowerCase();
    if (k !== '') listed.set(k, (listed.get(k) ?? 0) + 1);
  }
  return ONCE.filter((k) => (from.fields.get(k) ?? 0) > (listed.get(k) ?? 0) && listed.has(k));
}

/**
 * A signature that verifies yet does not vouch for what a reader sees: several From fields (it covers the
 * bottom one, a mail program shows the top one), a Subject (Date, To…) added above the signed one, i=
 * outside d= (RFC 6376 §6.1.1 PERMFAIL, which mailauth's lenient mode only warns of), or an l= leaving
 * body bytes unsigned (appended by anyone).
 */
function unvouched(r: DKIMResult, from: FromFields, domain: string): [DkimVerification['reason'], Notice] | null {
  const notes = r.status;
  if (from.count > 1) return ['from_fields', S.dkimFromFields(from.count)];
  const copies = unsignedCopies(r, from);
  if (copies.length > 0) return ['unsigned_copies', S.dkimUnsignedCopies(copies)];
  if ((notes.warnings ?? []).includes('identity-domain')) return ['identity', S.dkimIdentity(domain.toLowerCase())];
  const uncovered = typeof notes.underSized === 'number' ? notes.underSized : 0;
  if (uncovered > 0) {
    const covered = typeof r.canonBodyLength === 'number' ? r.canonBodyLength : 0;
    return ['body_length', S.dkimBodyLength(covered, uncovered)];
  }
  return null;
}

function verdictOf(
  r: DKIMResult,
  records: DnsRecords,
  body: boolean,
  from: FromFields,
): { v: Omit<DkimVerification, 'domain'> } {
  const selector = r.selector ?? null;
  const domain = r.signingDomain ?? null;
  const comment = typeof r.status.comment === 'string' ? r.status.comment : null;
  const base = { selector, algorithm: r.algo ?? null, detail: comment };
  const say = (verdict: DkimVerification['verdict'], reason: DkimVerification['reason'], n: Notice) => ({
    v: { ...base, verdict, reason, message: n.en, messageJa: n.ja },
  });
  if (selector === null || domain === null) return say('fail', 'unreadable', S.dkimUnreadable());
  if (comment === 'From field not signed') return say('fail', 'from_unsigned', S.dkimFromUnsigned());
  const name = keyName(selector, domain);
  if (!records.keys.has(name)) return say('not_verified', 'no_key', S.dkimNoKey(name));
  if (!body) return say('not_verified', 'no_body', S.dkimNoBody());
  if (r.bodyHash !== undefined && r.bodyHashExpecting !== undefined && r.bodyHash !== r.bodyHashExpecting)
    return say('fail', 'body_hash', S.dkimBodyHash());
  if (r.status.result === 'pass') {
    const caveat = unvouched(r, from, domain);
    if (caveat !== null) return say('fail', ...caveat);
    // RFC 6376 §3.6.1: a key of t=y (testing) — "MUST NOT treat messages ... differently from unsigned email"
    if (r.status.testing === true) return say('not_verified', 'key_testing', S.dkimKeyTesting(name));
    if (r.status.aligned === false && from.domain !== null)
      return say('pass', null, S.dkimPassOtherDomain(name, domain.toLowerCase(), from.domain));
    return say('pass', null, S.dkimPass(name));
  }
  if (comment === 'bad signature') return say('fail', 'signature', S.dkimSignature(name));
  if (comment === 'expired' || comment === 'invalid expiration')
    return say('fail', 'expired', S.dkimExpired(r.expiresAfter ?? null));
  if (r.status.result === 'policy') return say('fail', 'weak_key', S.dkimWeakKey());
  if (comment !== null && KEY_COMMENTS.has(comment)) return say('fail', 'key_unusable', S.dkimKeyUnusable(name));
  return say('fail', 'other', S.dkimOther());
}

async function sealChecks(chain: ARCChainEntry[], resolver: DNSResolver, records: DnsRecords) {
  const seals: ArcSealCheck[] = [];
  for (let k = 1; k <= chain.length; k++) {
    const entry = chain[k - 1];
    const parsed = entry?.['arc-seal']?.parsed as Record<string, { value?: unknown } | undefined> | undefined;
    const d = typeof parsed?.d?.value === 'string' ? parsed.d.value.toLowerCase() : null;
    const s = typeof parsed?.s?.value === 'string' ? parsed.s.value : null;
    let verdict: ArcSealCheck['verdict'];
    if (d !== null && s !== null && !records.keys.has(keyName(s, d))) verdict = 'not_verified';
    else
      try {
        // Seal k signs the sets 1..k: verified with every seal below it, as a chain ending at k.
        verdict = (await verifyASChain({ chain: chain.slice(0, k) }, { resolver })) ? 'pass' : 'fail';
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        verdict = typeof code === 'string' && NO_RECORD.has(code) ? 'not_verified' : 'fail';
      }
    seals.push({ instance: entry?.i ?? k, domain: d, selector: s, verdict });
  }
  return seals;
}

/**
 * Check every DKIM-Signature and the ARC chain against the supplied key records. `at` is the time a
 * signature's x= expiry is judged against (the final receipt, when the message says it).
 */
export async function verifySignatures(
  raw: string | Uint8Array,
  records: DnsRecords,
  at: Date,
): Promise<{ check: Omit<SignatureCheck, 'spf' | 'dmarc' | 'recordsNote'>; from: AuthorFields }> {
  const resolver = offlineResolver(records);
  const body = hasBody(raw);
  const input = typeof raw === 'string' ? raw : Buffer.from(raw);
  const dkim = await dkimVerify(input, { resolver, curTime: at });
  const signatures: DkimVerification[] = [];
  const firstFrom = dkim.headerFrom?.[0];
  const from: FromFields = {
    count: typeof dkim.fromFields === 'number' ? dkim.fromFields : 0,
    domain: typeof firstFrom === 'string' ? (firstFrom.split('@').pop() ?? '').toLowerCase() || null : null,
    fields: new Map(),
  };
  for (const h of dkim.headers?.parsed ?? []) {
    const k = h.key.toLowerCase();
    (from.fields as Map<string, number>).set(k, (from.fields.get(k) ?? 0) + 1);
  }
  for (const r of dkim.results) {
    if (r.signature === undefined && r.signingDomain === undefined) continue; // "message not signed"
    signatures.push({ domain: r.signingDomain?.toLowerCase() ?? null, ...verdictOf(r, records, body, from).v });
  }
  const data = dkim.arc;
  const chain = data && Array.isArray(data.chain) ? data.chain : [];
  const instances = chain.map((c) => c.i);
  let arcResult: ArcVerification;
  if (data?.error) {
    const n = S.arcBroken();
    arcResult = { verdict: 'fail', instances, message: n.en, messageJa: n.ja, detail: data.error.message, seals: [] };
  } else if (chain.length === 0) {
    const n = S.arcNone();
    arcResult = { verdict: 'none', instances, message: n.en, messageJa: n.ja, detail: null, seals: [] };
  } else {
    const res = await arc({ chain, ...(data?.lastEntry ? { lastEntry: data.lastEntry } : {}) }, { resolver });
    const seals = await sealChecks(chain, resolver, records);
    const last = chain[chain.length - 1];
    const ams = last?.['arc-message-signature']?.parsed as Record<string, { value?: unknown } | undefined> | undefined;
    const amsName =
      typeof ams?.s?.value === 'string' && typeof ams.d?.value === 'string' ? keyName(ams.s.value, ams.d.value) : null;
    const missing = [
      ...seals.filter((s) => s.verdict === 'not_verified').map((s) => keyName(s.selector ?? '', s.domain ?? '')),
      ...(amsName !== null && !records.keys.has(amsName) ? [amsName] : []),
    ];
    const comment = typeof res.status.comment === 'string' ? res.status.comment : null;
    let verdict: ArcVerification['verdict'];
    let n: Notice;
    if (res.status.result === 'pass') [verdict, n] = ['pass', S.arcPass(instances.length)];
    else if (missing.length > 0) [verdict, n] = ['not_verified', S.arcNoKey([...new Set(missing)].join(', '))];
    else if (!body && seals.every((s) => s.verdict === 'pass')) [verdict, n] = ['not_verified', S.arcNoBody()];
    else [verdict, n] = ['fail', S.arcFail()];
    arcResult = { verdict, instances, message: n.en, messageJa: n.ja, detail: comment, seals };
  }
  return {
    check: {
      keysSupplied: records.keys.size,
      bodyPresent: body,
      checkedAt: at.toISOString(),
      dkim: signatures,
      arc: arcResult,
    },
    from: { addresses: dkim.headerFrom ?? [], fields: from.count },
  };
}
