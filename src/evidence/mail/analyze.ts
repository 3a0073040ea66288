import { addressParser, decodeWords } from 'postal-mime';
import { HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { classifyAddress } from '../../net/classify.ts';
import { type NoticeJson, noticeJson } from '../messages.ts';
import { type AuthResult, parseAuthResults } from './auth-results.ts';
import { isoUtc, parseHeaderDate } from './date.ts';
import { type HeaderField, headerText, splitHeaderFields } from './headers.ts';
import { type ParsedReceived, parseReceived } from './received.ts';
import { parseTrusted } from './trust.ts';
import type { AnalyzeOptions, MailAnalysis, MailAuthentication, MailHop, MailSummary } from './types.ts';
import { AUTH_NOTE, MAIL_WARNINGS as W } from './warnings.ts';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
/**
 * Longest plausible wait between two of the organisation's own servers: beyond the usual queue
 * lifetime (Postfix and Sendmail 5 days, Exim 7). A longer gap means one of their clocks was wrong.
 */
const MAX_TRUSTED_GAP_MS = 7 * 86_400_000;
/** `with POP3` / `with IMAP` (fetchmail, getmail): a mailbox fetched, not a message sent by the peer. */
const RETRIEVAL = /^(?:pop3?|imap4?)s?(?:\s|$)/i;

function safeDecode(v: string): string {
  try {
    return decodeWords(v).trim();
  } catch {
    return v.trim();
  }
}

/**
 * A Received field cut at the field limit: its date (written last) is gone, and what is left may end
 * in text the sender wrote (a HELO, a recipient), so neither its date nor its peer is read from it,
 * and the boundary ends there.
 */
function cut(p: ParsedReceived): ParsedReceived {
  return {
    ...p,
    from: { helo: p.from?.helo ?? null, rdns: null, ip: null, port: null },
    date: null,
    dateText: null,
    fromAmbiguous: null,
    rdnsUnverified: false,
  };
}

/** The first (topmost) field of each name. */
function firstFields(fields: HeaderField[]): Map<string, HeaderField> {
  const m = new Map<string, HeaderField>();
  for (const f of fields) if (!m.has(f.lname)) m.set(f.lname, f);
  return m;
}

/** Domains named by an address field; encoded display names are decoded by postal-mime. */
function addressDomains(value: string): string[] {
  const out: string[] = [];
  let list: ReturnType<typeof addressParser>;
  try {
    list = addressParser(value);
  } catch {
    return out;
  }
  for (const a of list) {
    const boxes = 'group' in a && Array.isArray(a.group) ? a.group : [a];
    for (const b of boxes) {
      const addr = 'address' in b && typeof b.address === 'string' ? b.address : '';
      const at = addr.lastIndexOf('@');
      if (at > 0)
        out.push(
          addr
            .slice(at + 1)
            .toLowerCase()
            .replace(/\.$/, ''),
        );
    }
  }
  return out;
}

/** Two domains agree when equal or one is a subdomain of the other. */
function related(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Analyse a message's headers offline: the hops bottom-up, the trust boundary, the originating
 * address and time, Authentication-Results as stated, and warnings. Synchronous; never sends
 * anything anywhere. Throws EvidenceInputError only for inputs beyond the documented limits.
 */
export function analyzeMessage(raw: string | Uint8Array, options: AnalyzeOptions = {}): MailAnalysis {
  const trusted = parseTrusted(options.trusted ?? []);
  const now = (options.now ?? new Date()).getTime();
  const skewLimit = (options.dateSkewSeconds ?? 3600) * 1000;
  const { fields, unreadable, unreadableCount } = splitHeaderFields(headerText(raw));
  const top: NoticeJson[] = [];
  for (const u of unreadable) top.push(noticeJson(W.headerLineUnreadable(u.line), { details: { text: u.text } }));
  if (unreadableCount > unreadable.length) {
    const last = top[top.length - 1];
    if (last?.details) last.details.notListed = unreadableCount - unreadable.length;
  }
  for (const f of fields) if (f.truncated) top.push(noticeJson(W.fieldTruncated(f.name)));

  // Received fields top-down as written (index 0 = added last, by the final receiving server).
  const received = fields.filter((f) => f.lname === 'received');
  const parsed: ParsedReceived[] = received.map((f) =>
    f.truncated ? cut(parseReceived(f.value)) : parseReceived(f.value),
  );
  const n = parsed.length;

  // Trust boundary, walking down from the topmost Received (always trusted).
  const trustedTopDown: boolean[] = new Array<boolean>(n).fill(false);
  let lowest = -1;
  let extended = false;
  // The first trusted hop that recorded a loopback, private or link-local peer: trust went through it.
  let internalPeer: { address: string; hop: number } | null = null;
  for (let k = 0; k < n; k++) {
    if (k === 0) trustedTopDown[0] = true;
    else {
      const above = parsed[k - 1];
      if (!above || !trustedTopDown[k - 1] || !above.parsed) break;
      const from = above.from;
      let ok = false;
      if (from === null) {
        ok = true; // no network hop recorded (local pickup, qmail note, Gmail internal `by … with SMTP`)
        extended = true;
      } else if (from.ip !== null) {
        const a = parseAddress(from.ip, HEADER_SYNTAX);
        if (a) {
          if (trusted.matchesAddress(a)) ok = true;
          else {
            const cls = classifyAddress(a);
            if (cls === 'loopback' || cls === 'private' || cls === 'link_local') {
              ok = true;
              extended = true;
              internalPeer ??= { address: a.text, hop: n - k };
            }
          }
        }
      }
      if (!ok && from !== null && from.rdns !== null && trusted.matchesHost(from.rdns)) {
        // The sender sets the reverse name of its own address; a name the server says does not
        // resolve back (Sendmail's "may be forged") is the sender's word, not the organisation's relay.
        if (above.rdnsUnverified)
          top.push(noticeJson(W.trustNameUnverified(), { hop: n - k, details: { name: from.rdns } }));
        else ok = true;
      }
      if (!ok) break;
      trustedTopDown[k] = true;
    }
    lowest = k;
  }

  // Originating address: what the lowest trusted server recorded as its peer.
  let originatingIp: string | null = null;
  let originatingPort: number | null = null;
  let originatingTime: string | null = null;
  const lowestHop = lowest >= 0 ? parsed[lowest] : undefined;
  if (n === 0) top.push(noticeJson(W.noReceived()));
  else if (lowestHop) {
    const ip = lowestHop.from?.ip ?? null;
    const a = ip === null ? null : parseAddress(ip, HEADER_SYNTAX);
    const ambiguous = lowestHop.fromAmbiguous;
    if (ambiguous !== null)
      top.push(noticeJson(W.fromAmbiguous(), { details: { address: ambiguous[0], otherAddress: ambiguous[1] } }));
    else if (a === null) top.push(noticeJson(W.originUnknown()));
    else if (RETRIEVAL.test(lowestHop.with ?? ''))
      top.push(noticeJson(W.originRetrieval(), { details: { address: a.text } }));
    else {
      const cls = classifyAddress(a);
      if (cls === 'public') {
        originatingIp = a.text;
        originatingPort = lowestHop.from?.port ?? null;
        // A wall-clock time without a known offset is not an instant: naming it would let the reader
        // (or a draft request) take it in the wrong zone and ask about another subscriber.
        const date = lowestHop.date;
        if (date === null || date.epochMs === null)
          top.push(noticeJson(W.originTimeUnknown(), date ? { details: { time: date.iso } } : {}));
        else {
          // The organisation's servers must agree: a later hop dated before this one (beyond clock
          // skew) or long after it, or a time in the future, means a wrong clock, and which one was
          // wrong cannot be told. A mailbox retrieval (fetchmail) and every hop written after it come
          // when the mailbox was read, any time after delivery: they are held to the first rule only.
          const own = date.epochMs;
          let fetched = -1;
          for (let k = 0; k < lowest; k++) if (RETRIEVAL.test(parsed[k]?.with ?? '')) fetched = k;
          let other: string | null = own > now + FUTURE_TOLERANCE_MS ? isoUtc(now) : null;
          for (let k = 0; k < lowest && other === null; k++) {
            const d = parsed[k]?.date;
            if (d?.epochMs == null) continue;
            const gap = d.epochMs - own;
            if (gap < -FUTURE_TOLERANCE_MS || (k > fetched && gap > MAX_TRUSTED_GAP_MS)) other = d.iso;
          }
          if (other === null) originatingTime = date.iso;
          else top.push(noticeJson(W.originTimeInconsistent(), { details: { time: date.iso, otherTime: other } }));
        }
      } else top.push(noticeJson(W.originNotPublic(cls), { details: { address: a.text } }));
    }
    // Through an internal address the boundary may have taken the sender's own forged Received for the
    // organisation's (an MX behind NAT or a container proxy sees every client as such a peer): said first.
    if (internalPeer !== null)
      top.unshift(
        noticeJson(W.trustThroughInternalAddress(internalPeer.address), {
          hop: internalPeer.hop,
          details: { address: internalPeer.address },
        }),
      );
    else if (extended) top.push(noticeJson(W.trustExtendedInternal()));
  }

  // Hops bottom-up.
  const hops: MailHop[] = [];
  const hopWarnings: NoticeJson[] = [];
  let prevEpoch: number | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const p = parsed[i];
    const f = received[i];
    if (!p || !f) continue;
    const position = hops.length;
    const epoch = p.date?.epochMs ?? null;
    let delay: number | null = null;
    if (epoch !== null && prevEpoch !== null && position > 0) delay = Math.round((epoch - prevEpoch) / 1000);
    if (!p.parsed) hopWarnings.push(noticeJson(W.receivedUnparsed(), { hop: position }));
    if (p.date === null)
      hopWarnings.push(
        noticeJson(W.hopNoTime(), { hop: position, ...(p.dateText ? { details: { text: p.dateText } } : {}) }),
      );
    else if (p.date.offsetMinutes === null) hopWarnings.push(noticeJson(W.hopNoOffset(), { hop: position }));
    if (delay !== null && delay < 0) hopWarnings.push(noticeJson(W.timeBackwards(delay), { hop: position }));
    if (epoch !== null && epoch > now + FUTURE_TOLERANCE_MS)
      hopWarnings.push(noticeJson(W.timeInFuture(), { hop: position }));
    hops.push({
      from: {
        helo: p.from?.helo ?? null,
        rdns: p.from?.rdns ?? null,
        ip: p.from?.ip ?? null,
        port: p.from?.port ?? null,
      },
      by: p.by,
      with: p.with,
      id: p.id,
      for: p.for,
      envelopeFrom: p.envelopeFrom,
      time: p.date?.iso ?? null,
      timeUtc: epoch === null ? null : isoUtc(epoch),
      delaySeconds: delay,
      trusted: trustedTopDown[i] ?? false,
      raw: f.value.trim(),
    });
    if (epoch !== null) prevEpoch = epoch;
  }

  // Message summary and address-domain agreement.
  const first = firstFields(fields);
  const text = (l: string): string | null => {
    const f = first.get(l);
    return f ? safeDecode(f.value) : null;
  };
  // Authentication-Results and the Return-Path count only above the lowest trusted Received: added after
  // a trusted server took the message in. Anything below it came with the message (see readAuthentication).
  const limit = lowest < 0 ? -1 : (received[lowest]?.index ?? -1);
  const returnPathField = first.get('return-path');
  const summary: MailSummary = {
    from: text('from'),
    sender: text('sender'),
    replyTo: text('reply-to'),
    returnPath: text('return-path'),
    returnPathTrusted: returnPathField !== undefined && returnPathField.index < limit,
    subject: text('subject'),
    date: text('date'),
    messageId: text('message-id'),
  };
  const named: Record<string, string> = {};
  const domains: string[] = [];
  for (const [label, l] of [
    ['from', 'from'],
    ['sender', 'sender'],
    ['returnPath', 'return-path'],
    ['replyTo', 'reply-to'],
  ] as const) {
    const f = first.get(l);
    if (!f) continue;
    const ds = addressDomains(f.value);
    if (ds.length > 0) named[label] = ds.join(',');
    domains.push(...ds);
  }
  const once = ['from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id'];
  const repeated = once.filter((l) => fields.filter((f) => f.lname === l).length > 1);
  if (repeated.length > 0)
    top.push(noticeJson(W.fieldsRepeated(repeated.join(', ')), { details: { fields: repeated.join(',') } }));
  const disagree = domains.some((d) => domains.some((e) => !related(d, e)));
  if (disagree) top.push(noticeJson(W.domainsDisagree(), { details: named }));

  const dateField = first.get('date');
  const date = dateField ? parseHeaderDate(dateField.value) : null;
  if (!date) top.push(noticeJson(W.dateMissing()));
  const receiptEpoch = lowestHop?.date?.epochMs ?? null;
  if (date?.epochMs != null && receiptEpoch !== null) {
    const diff = date.epochMs - receiptEpoch;
    if (Math.abs(diff) > skewLimit)
      top.push(noticeJson(W.dateFarFromReceipt(Math.round(diff / 1000)), { details: { date: date.iso } }));
  }

  // Authentication-Results count only above the lowest trusted Received: added after a trusted server
  // took the message in. Anything below it (even just below, where Gmail writes its own) came with
  // the message or cannot be told from what did: the sender writes such fields too, with our
  // authserv-id, and a border MTA that does not delete them (RFC 8601 §5) passes them on.
  const authentication = readAuthentication(fields, options.authservId ?? null, limit, top);

  return {
    originatingIp,
    originatingPort,
    originatingTime,
    hops,
    authentication,
    warnings: [...top, ...hopWarnings],
    message: summary,
  };
}

function readAuthentication(
  fields: HeaderField[],
  authservId: string | null,
  boundaryIndex: number,
  warnings: NoticeJson[],
): MailAuthentication {
  const results: MailAuthentication['results'] = [];
  const arc: MailAuthentication['arc'] = [];
  const dkimSignatures: MailAuthentication['dkimSignatures'] = [];
  let ignored = 0;
  let forged = 0;
  // The lowest-instance ARC-Authentication-Results set with our authserv-id above the boundary: a trusted
  // server wrote it after taking the message in, as it would an Authentication-Results field there.
  let sealed: { instance: number; authservId: string; results: AuthResult[] } | null = null;
  const wanted = authservId?.toLowerCase() ?? null;
  for (const f of fields) {
    if (f.lname === 'authentication-results') {
      const ar = parseAuthResults(f.value);
      if (!ar || wanted === null || ar.authservId.toLowerCase() !== wanted) {
        ignored++;
        continue;
      }
      if (f.index > boundaryIndex) {
        forged++;
        continue;
      }
      for (const r of ar.results) results.push({ ...r, authservId: ar.authservId });
    } else if (f.lname === 'arc-authentication-results') {
      const ar = parseAuthResults(f.value, true);
      if (ar && ar.instance !== null) {
        arc.push({ instance: ar.instance, authservId: ar.authservId, results: ar.results });
        const ours = wanted !== null && ar.authservId.toLowerCase() === wanted && f.index <= boundaryIndex;
        if (ours && (sealed === null || ar.instance < sealed.instance)) sealed = { ...ar, instance: ar.instance };
      }
    } else if (f.lname === 'dkim-signature') {
      const tag = (t: string): string | null => {
        const m = new RegExp(`(?:^|;)\\s*${t}\\s*=\\s*([^;\\s]+)`).exec(f.value);
        return m?.[1] ?? null;
      };
      dkimSignatures.push({ domain: tag('d')?.toLowerCase() ?? null, selector: tag('s') });
    }
  }
  if (ignored > 0) warnings.push(noticeJson(W.authUntrusted(ignored)));
  if (forged > 0) warnings.push(noticeJson(W.authBelowBoundary(forged)));
  if (results.length === 0 && sealed !== null) {
    // Gmail writes its Authentication-Results just below its own Received (where a sender's fields sit, so
    // they are not believed) and the same results again in its ARC set above it: those are its word.
    const from = sealed;
    for (const r of from.results) results.push({ ...r, authservId: from.authservId });
    warnings.push(noticeJson(W.authFromArc(from.instance), { details: { instance: from.instance } }));
  }
  return {
    authservId,
    results,
    ignoredFields: ignored + forged,
    arc,
    dkimSignatures,
    verification: null,
    note: { ...AUTH_NOTE },
  };
}
