import { type Address, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { type HeaderDate, parseHeaderDate } from './date.ts';
import type { ReceivedClauses } from './types.ts';

/** One Received field, read as far as the header allows; null where it does not say. */
export interface ParsedReceived extends ReceivedClauses {
  from: { helo: string | null; rdns: string | null; ip: string | null; port: number | null } | null;
  date: HeaderDate | null;
  /** Text after the last `;` when it is present but not a date. */
  dateText: string | null;
  /** False when neither a from nor a by clause (nor a qmail note) could be read. */
  parsed: boolean;
  /**
   * The two addresses of a from clause that cannot be told apart, or null: two comments naming
   * different addresses (`x(192.0.2.1) (unknown [192.0.2.2])`, where the first can be the sender's
   * HELO written as given). Then `from.ip` is null.
   */
  fromAmbiguous: [string, string] | null;
  /** The server said the reverse name does not resolve back (Sendmail's `(may be forged)`). */
  rdnsUnverified: boolean;
}

/** A comment is `glued` when it follows a word without a space (`x(…)`): it may be part of that word. */
type Token = { kind: 'word'; text: string } | { kind: 'comment'; text: string; glued: boolean };

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

/** Words and (nested) comments; bounded by the field length, linear time. */
function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      i++;
      continue;
    }
    if (c === 40) {
      // "(" … ")" with nesting and backslash escapes; an unclosed comment runs to the end.
      let depth = 0;
      const start = i;
      const before = i > 0 ? s.charCodeAt(i - 1) : 32;
      const glued = before !== 32 && before !== 9 && before !== 13 && before !== 10 && before !== 41;
      for (; i < n; i++) {
        const d = s.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41 && --depth === 0) {
          i++;
          break;
        }
      }
      out.push({ kind: 'comment', text: s.slice(start + 1, depth === 0 ? i - 1 : n), glued });
      continue;
    }
    if (c === 41) {
      i++; // stray ")"
      continue;
    }
    const start = i;
    if (c === 60) {
      // <addr> as one word even if it holds spaces
      const close = s.indexOf('>', i);
      i = close < 0 ? n : close + 1;
    } else {
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === 32 || d === 9 || d === 13 || d === 10 || d === 40) break;
        i++;
      }
    }
    out.push({ kind: 'word', text: s.slice(start, i) });
  }
  return out;
}

interface Clause {
  words: string[];
  comments: string[];
  /** Words written before the clause's first comment (Exim: `with esmtps (TLS1.3) tls …`). */
  lead: number;
  /** The first comment is glued to the first word (`x(…)`): a sender's HELO can look like that. */
  gluedFirst: boolean;
}

const BRACKET_IP = /\[((?:IPv6:)?[0-9A-Fa-f:.]{2,60})\](:\d{1,5})?/g;
/** `helo=x` (Exim, ecelerity), `HELO x` (qmail, CommuniGate), `EHLO x` (GMX), `HELLO x`. */
const HELO_MARK = /\b(?:helo|ehlo|hello)(?:=|\s+)(\[[^\]\s]{1,80}\]|[^\s()[\];]{1,255})/i;
/** An IPv4 address with the client's port appended inside the brackets or without them. */
const V4_WITH_PORT = /^\[?(\d{1,3}(?:\.\d{1,3}){3})[:.](\d{1,5})\]?$/;

/** The peer a Received field names: its address, and the client's source port when written with it. */
interface Peer {
  address: Address;
  port: number | null;
}

/**
 * An address as a Received field writes the peer: plain, `[ip]`, `[IPv6:ip]`, `[ip]:port`, or an
 * IPv4 address with the port appended (`[192.0.2.1:50387]` ecelerity, `(192.0.2.1:50387)` XMail,
 * `[192.0.2.1.50387]` Exim 3). An IPv6 text is never cut: `[2001:db8::1:25]` is an address. The port
 * is kept (behind a shared address, CGNAT, the source port is what names one subscriber).
 */
function readPeer(text: string): Peer | null {
  const close = text.lastIndexOf(']:');
  const suffix = close > 0 && /^\]:\d{1,5}$/.test(text.slice(close)) ? Number(text.slice(close + 2)) : null;
  const t = suffix !== null ? text.slice(0, close + 1) : text;
  const port = suffix !== null && suffix <= 65535 ? suffix : null;
  const a = parseAddress(t, HEADER_SYNTAX);
  if (a) return { address: a, port };
  const m = V4_WITH_PORT.exec(t);
  if (!m || Number(m[2]) > 65535) return null;
  const v4 = parseAddress(m[1] ?? '', HEADER_SYNTAX);
  return v4 && { address: v4, port: Number(m[2]) };
}

/** Could this word be an address (with a port)? A cheap test that spares host names the parsers. */
const ADDRESS_CHARS = /^[0-9A-Fa-f:.]+$/;

function stripHost(h: string | undefined): string | null {
  if (!h) return null;
  let v = h.trim();
  const at = v.lastIndexOf('@'); // ident: user@host (Sendmail, qmail)
  if (at >= 0) v = v.slice(at + 1);
  if (v.endsWith('.')) v = v.slice(0, -1);
  if (v === '' || /^unknown$/i.test(v)) return null;
  return v;
}

/** The address the receiving server saw, from a from-clause comment: `[ip]`, `[IPv6:ip]`, `(ip)`. */
function commentAddress(comment: string): { ip: string; port: number | null; rdns: string | null } | null {
  for (const m of comment.matchAll(BRACKET_IP)) {
    const a = readPeer(`[${m[1] ?? ''}]${m[2] ?? ''}`);
    if (a) {
      const before = comment.slice(0, m.index).trim().split(/\s+/);
      const prev = before[before.length - 1];
      const rdns = prev && !/=/.test(prev) && !prev.startsWith('[') ? stripHost(prev) : null;
      return { ip: a.address.text, port: a.port, rdns };
    }
  }
  for (const raw of comment.split(/[\s,;]+/)) {
    let t = raw;
    const at = t.lastIndexOf('@');
    if (at >= 0) t = t.slice(at + 1);
    if (t === '' || !/[.:]/.test(t)) continue;
    const a = readPeer(t);
    if (a) return { ip: a.address.text, port: a.port, rdns: null };
  }
  return null;
}

interface FromRead {
  helo: string | null;
  rdns: string | null;
  ip: string | null;
  port: number | null;
  ambiguous: [string, string] | null;
  /** Sendmail's `(may be forged)`: the reverse name does not resolve back to the address. */
  unverified: boolean;
}

/** `port=N` just before the HELO marker (Exim with the peer's address first); the sender writes after it. */
const EXIM_PORT = /(?:^|\s)port=(\d{1,5})\s*$/;

/** Sendmail writes it after the reverse name when that name does not resolve back to the peer. */
const MAY_BE_FORGED = /\bmay\s+be\s+forged\b/i;

function interpretFrom(c: Clause): FromRead {
  const first = c.words[0];
  let helo: string | null = null;
  let rdns: string | null = null;
  let ip: string | null = null;
  let port: number | null = null;
  let marker: string | null = null;
  // Exim's `[ip] (port=N helo=x)`: the port it writes before the HELO when no reverse name stands first
  let markerPort: number | null = null;
  const cleaned: string[] = [];
  for (const com of c.comments) {
    const mm = HELO_MARK.exec(com);
    if (mm && marker === null) {
      marker = mm[1] ?? null;
      const pm = EXIM_PORT.exec(com.slice(0, mm.index));
      markerPort = pm && Number(pm[1]) <= 65535 ? Number(pm[1]) : null;
      cleaned.push(`${com.slice(0, mm.index)} ${com.slice(mm.index + mm[0].length)}`);
    } else cleaned.push(com);
  }
  for (const com of cleaned) {
    const found = commentAddress(com);
    if (found) {
      ip = found.ip;
      port = found.port;
      rdns = found.rdns;
      break;
    }
  }
  // `x (a) (… [b])`, `x(a) (… [b])`: a comment before the server's own may be the sender's HELO
  // (`HELO x (a)` from a server that writes the HELO as given), or the server's record of the peer
  // (TIS smap `unknown(a)`, qmail `(HELO x) (a)`). When two comments name different addresses (a HELO
  // literal after a marker aside), which one is the peer cannot be told.
  let named: string | null = null;
  for (const com of cleaned) {
    const found = commentAddress(com)?.ip ?? null;
    if (found === null) continue;
    if (named === null) named = found;
    else if (found !== named)
      return { helo: first ?? null, rdns: null, ip: null, port: null, ambiguous: [named, found], unverified: false };
  }
  const firstLiteral = first?.startsWith('[') ? readPeer(first) : null;
  // `from 192.0.2.7 by …`: web mail over HTTP (Hotmail, GMX, SquirrelMail) and some relays write the
  // peer as a bare address; a HELO would stand before a comment naming the peer, never alone.
  const firstBare = first !== undefined && ADDRESS_CHARS.test(first) ? readPeer(first) : null;
  if (marker !== null) {
    // Exim (`host ([ip] helo=x)`, `[ip] (helo=x)`), CommuniGate (`[ip] (HELO x)`) and qmail
    // (`rdns (HELO x) (ip)`): the first word is the reverse name or the address the server saw (which
    // then outranks any other address in the comments); the HELO is in the marker.
    helo = marker;
    if (firstLiteral) {
      const same = ip === firstLiteral.address.text;
      if (!same) rdns = null; // a name found next to another address is not this one's
      port = same ? (firstLiteral.port ?? port) : (firstLiteral.port ?? markerPort);
      ip = firstLiteral.address.text;
    } else if (ip === null && firstBare) {
      ip = firstBare.address.text;
      port = firstBare.port;
    }
    // a first word with a comment glued to it may be the sender's HELO (`name(helo=x)`): not a name
    else if (rdns === null && !firstBare && !c.gluedFirst) rdns = stripHost(first);
  } else {
    // Postfix, Sendmail, Exchange, Gmail: `HELO (rdns [ip])` or `HELO (ip)`.
    helo = first ?? null;
    if (ip === null && (firstLiteral || firstBare)) {
      // No address in a comment: the first word is what the server recorded (Exim without a
      // differing HELO, Yahoo! JAPAN web mail `from [ip] … via HTTP`, `from ip by … with HTTP`).
      const peer = firstLiteral ?? firstBare;
      ip = peer?.address.text ?? null;
      port = peer?.port ?? null;
      helo = null;
    }
  }
  if (ip === null) {
    // `name [ip]` after the first word: NAVGW (`(from HELO [ip])`), GMX (`rdns (EHLO x) [ip]`),
    // Exim 3 (`rdns (helo) [ip.port] (ident)`), QMQP relays (`name [ip]`).
    for (let k = 1; k < c.words.length && ip === null; k++) {
      const w = c.words[k] ?? '';
      const a = w.startsWith('[') ? readPeer(w) : null;
      if (!a) continue;
      ip = a.address.text;
      port = a.port;
      const lone = cleaned[0]?.trim() ?? '';
      if (marker === null && c.lead === 1 && !c.gluedFirst && HOST_WORD.test(lone)) {
        // Exim 3: the reverse name first, the differing HELO alone in the comment before the address
        rdns = stripHost(first);
        helo = lone;
      }
    }
  }
  return { helo, rdns, ip, port, ambiguous: null, unverified: c.comments.some((t) => MAY_BE_FORGED.test(t)) };
}

const HOST_WORD = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+\.?$/;

const ENVELOPE_FROM = /envelope-(?:from|sender)\s*[=:]?\s*<?([^<>\s()]*)>?/i;

/** Read one Received field (unfolded value). Never throws. */
export function parseReceived(value: string): ParsedReceived {
  const semi = value.lastIndexOf(';');
  let body = value;
  let date: HeaderDate | null = null;
  let dateText: string | null = null;
  if (semi >= 0) {
    const tail = value.slice(semi + 1);
    date = parseHeaderDate(tail);
    if (date) body = value.slice(0, semi);
    else if (tail.trim() !== '' && !/[<>]/.test(tail)) {
      dateText = tail.trim().slice(0, 200);
      body = value.slice(0, semi);
    }
  }
  const tokens = tokenize(body);
  const clauses = new Map<string, Clause>();
  const prefix: Clause = { words: [], comments: [], lead: -1, gluedFirst: false };
  let current: Clause = prefix;
  let envelopeFrom: string | null = null;
  let secondFrom = false;
  for (const t of tokens) {
    if (t.kind === 'comment') {
      if (current.comments.length === 0) {
        current.lead = current.words.length;
        current.gluedFirst = t.glued && current.words.length === 1;
      }
      current.comments.push(t.text);
      if (envelopeFrom === null) {
        const e = ENVELOPE_FROM.exec(t.text);
        if (e) envelopeFrom = e[1] ?? null;
      }
      continue;
    }
    const k = t.text.toLowerCase();
    if (KEYWORDS.has(k) && !clauses.has(k)) {
      current = { words: [], comments: [], lead: -1, gluedFirst: false };
      clauses.set(k, current);
      continue;
    }
    if (secondFrom) {
      secondFrom = false;
      // XMail: `… for <rcpt> from <sender>`: the envelope sender, not a word of the clause before
      if (t.text.startsWith('<')) {
        if (envelopeFrom === null) envelopeFrom = t.text.replace(/^<|>$/g, '');
        continue;
      }
    }
    if (k === 'from' && clauses.has('from')) secondFrom = true;
    current.words.push(t.text);
  }
  const fromC = clauses.get('from');
  let read = fromC ? interpretFrom(fromC) : null;
  const leading = fromC === undefined ? prefix.comments.find((c) => /^\s*from\s/i.test(c)) : undefined;
  if (leading !== undefined) {
    // NAVGW writes the from clause as a comment: `(from HELO [ip]) by host (NAVGW …) with SMTP`.
    // Sendmail's local submission `(from user@localhost) by …` names no address: no network hop.
    const inner: Clause = { words: [], comments: [], lead: -1, gluedFirst: false };
    for (const t of tokenize(leading.replace(/^\s*from\s+/i, ''))) {
      if (t.kind === 'word') inner.words.push(t.text);
      else {
        if (inner.comments.length === 0) {
          inner.lead = inner.words.length;
          inner.gluedFirst = t.glued && inner.words.length === 1;
        }
        inner.comments.push(t.text);
      }
    }
    const innerRead = interpretFrom(inner);
    if (innerRead.ip !== null || innerRead.ambiguous !== null) read = innerRead;
  }
  const from = read === null ? null : { helo: read.helo, rdns: read.rdns, ip: read.ip, port: read.port };

  const byC = clauses.get('by');
  const withC = clauses.get('with');
  const viaC = clauses.get('via');
  const idC = clauses.get('id');
  const forC = clauses.get('for');
  const qmailNote =
    fromC === undefined && byC === undefined && prefix.comments.some((c) => /^qmail\s+\d+/i.test(c.trim()));
  const firstWord = (c: Clause | undefined): string | null => (c?.words[0] ? c.words[0] : null);
  const withWords = withC ? withC.words.slice(0, withC.lead < 0 ? withC.words.length : Math.max(withC.lead, 1)) : [];
  const withText = withWords.length > 0 ? withWords.join(' ') : firstWord(viaC);
  let recipient = firstWord(forC);
  if (recipient) recipient = recipient.replace(/^<|>$/g, '').replace(/[;,]$/, '') || null;
  return {
    from,
    by: firstWord(byC),
    with: withText,
    id: firstWord(idC)?.replace(/[;,]$/, '') ?? null,
    for: recipient,
    envelopeFrom: envelopeFrom === '' ? null : envelopeFrom,
    date,
    dateText,
    parsed: from !== null || byC !== undefined || qmailNote,
    fromAmbiguous: read?.ambiguous ?? null,
    rdnsUnverified: read?.unverified ?? false,
  };
}
