import { EvidenceInputError } from '../messages.ts';
import { aLabels } from './domain-name.ts';

/**
 * DNS TXT records the analyst captured, one a line in zone-file form: the signing keys (DKIM and ARC
 * selectors, `selector._domainkey.example.jp [ttl] [IN] TXT "v=DKIM1; k=rsa; p=..."`) and any other TXT
 * record, such as a domain's SPF record or its `_dmarc` policy (several quoted strings are joined, as DNS
 * joins them). `name TXT NONE` (unquoted) says the analyst looked and the name has no TXT record. Empty
 * lines and lines starting with `#` or `;` are skipped. Nothing is ever looked up: these records are the
 * only ones a signature, SPF or DMARC is checked against.
 */
export interface DnsRecords {
  /** Key records (`selector._domainkey.domain`), exactly one a name. */
  readonly keys: ReadonlyMap<string, string>;
  /** Every other TXT record by name, as many as a name has; an empty list: the name has none (`NONE`). */
  readonly txt: ReadonlyMap<string, readonly string[]>;
}

/**
 * maxNameBytes: the TXT data of one name, all its records together: a DNS answer is at most 65,535 bytes,
 * so no name ever held more (and an SPF record's macros cost time and memory in proportion to its size).
 */
export const DNS_RECORD_LIMITS = { maxBytes: 1_048_576, maxRecords: 1000, maxNameBytes: 65_535 } as const;

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,62})$/;
const LINE = /^(\S+)\s+(?:(\d+)\s+)?(?:IN\s+)?TXT\s+(.+)$/i;

function bad(line: number, value: string, en: string, ja: string): EvidenceInputError {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new EvidenceInputError({
    code: 'MAIL_DNS_RECORD_INVALID',
    en: `DNS records, line ${line} ("${shown}"): ${en}`,
    ja: `DNS レコードの ${line} 行目（「${shown}」）: ${ja}`,
  });
}

/** The TXT data: quoted strings joined (`\DDD` and `\X` unescaped), or the rest of the line as is. */
function txtData(rest: string, line: number, raw: string): string {
  const s = rest.trim();
  if (!s.startsWith('"')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) break;
    if (s[i] !== '"') throw bad(line, raw, 'text outside the quoted strings.', '引用符の外に文字があります。');
    i++;
    let closed = false;
    while (i < s.length) {
      const c = s[i];
      const ddd = c === '\\' ? /^\d{3}/.exec(s.slice(i + 1, i + 4)) : null;
      if (ddd) {
        // RFC 1035 §5.1: \DDD is the octet of that decimal value (dig writes a ";" as \059).
        const n = Number(ddd[0]);
        if (n > 255)
          throw bad(
            line,
            raw,
            `\\${ddd[0]} is not an octet (000-255).`,
            `\\${ddd[0]} は 000〜255 の値ではありません。`,
          );
        out += String.fromCharCode(n);
        i += 4;
      } else if (c === '\\' && i + 1 < s.length) {
        out += s[i + 1];
        i += 2;
      } else if (c === '"') {
        closed = true;
        i++;
        break;
      } else {
        out += c;
        i++;
      }
    }
    if (!closed) throw bad(line, raw, 'a quoted string is not closed.', '引用符が閉じていません。');
  }
  return out;
}

/**
 * A record name as DNS holds it: lower case, no trailing dot, an internationalised label (U-label) in its
 * A-label form (`例え.jp` → `xn--r8jz45g.jp`), as DNS holds it.
 */
function internationalName(written: string, line: number, raw: string): string {
  const name = written.toLowerCase().replace(/\.$/, '');
  const ascii = aLabels(name);
  if (ascii.split('.').some((l) => l === '') && name.split('.').every((l) => l !== ''))
    throw bad(
      line,
      raw,
      `"${written}" has a label that cannot be converted to its A-label form: write the name in punycode (xn--…).`,
      `「${written}」には A ラベルに変換できないラベルがあります。名前を punycode（xn--…）で書いてください。`,
    );
  return ascii;
}

/** Parse the records file; throws EvidenceInputError naming the line and value of the first bad one. */
export function parseDnsRecords(text: string): DnsRecords {
  if (text.length > DNS_RECORD_LIMITS.maxBytes)
    throw new EvidenceInputError({
      code: 'MAIL_DNS_RECORDS_TOO_LARGE',
      en: `The DNS records are longer than ${DNS_RECORD_LIMITS.maxBytes} characters.`,
      ja: `DNS レコードが ${DNS_RECORD_LIMITS.maxBytes} 文字を超えています。`,
    });
  const keys = new Map<string, string>();
  const txt = new Map<string, string[]>();
  let count = 0;
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const raw = (lines[k] ?? '').trim();
    const line = k + 1;
    if (raw === '' || raw.startsWith('#') || raw.startsWith(';')) continue;
    const m = LINE.exec(raw);
    if (!m)
      throw bad(
        line,
        raw,
        'not a record of the form `name TXT "text"` (`s._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=..."`).',
        '`名前 TXT "テキスト"`（`s._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=..."`）の形式ではありません。',
      );
    const name = internationalName(m[1] ?? '', line, raw);
    const labels = name.split('.');
    const at = labels.indexOf('_domainkey');
    if (++count > DNS_RECORD_LIMITS.maxRecords)
      throw bad(
        line,
        raw,
        `more than ${DNS_RECORD_LIMITS.maxRecords} records.`,
        `レコードが ${DNS_RECORD_LIMITS.maxRecords} 件を超えています。`,
      );
    const none = (m[3] ?? '').trim().toUpperCase() === 'NONE';
    const data = none ? '' : txtData(m[3] ?? '', line, raw);
    const keyData = at >= 0 || /^v\s*=\s*DKIM1\b/i.test(data);
    const size = Buffer.byteLength(data) + (txt.get(name) ?? []).reduce((n, r) => n + Buffer.byteLength(r), 0);
    if (size > DNS_RECORD_LIMITS.maxNameBytes)
      throw bad(
        line,
        raw,
        `the TXT data of ${name} comes to ${size} bytes, more than the ${DNS_RECORD_LIMITS.maxNameBytes} a DNS ` +
          'answer can carry: no name ever held such a record.',
        `${name} の TXT データが ${size} バイトあり、DNS の応答に収まる ${DNS_RECORD_LIMITS.maxNameBytes} バイトを` +
          '超えています。このようなレコードは実在しません。',
      );
    if (!keyData && !labels.every((l) => LABEL.test(l)))
      throw bad(line, raw, `"${m[1]}" is not a domain name.`, `「${m[1]}」はドメイン名ではありません。`);
    if (keyData && (!labels.every((l) => LABEL.test(l)) || at < 1 || at === labels.length - 1))
      throw bad(
        line,
        raw,
        `"${m[1]}" is not a key record name (selector._domainkey.domain).`,
        `「${m[1]}」は鍵レコードの名前（selector._domainkey.ドメイン）ではありません。`,
      );
    if (keyData) addKey(keys, name, data, line, raw);
    else addTxt(txt, name, none ? null : data, line, raw);
  }
  return { keys, txt };
}

function addKey(keys: Map<string, string>, name: string, data: string, line: number, raw: string): void {
  if (!/(?:^|;)\s*p\s*=/.test(data))
    throw bad(line, raw, 'the record has no p= (public key) tag.', 'レコードに p=（公開鍵）タグがありません。');
  // Two keys under one name (captured before and after a rotation?) would make the verdict depend on
  // which one is tried: the analyst says which.
  if (keys.has(name))
    throw bad(
      line,
      raw,
      `a second record for ${name}: keep only the one in use when the message was sent.`,
      `${name} のレコードが二つあります。メール送信時に使われていた一つだけにしてください。`,
    );
  keys.set(name, data);
}

/** A name may have several TXT records (an SPF record beside a site verification); NONE stands alone. */
function addTxt(txt: Map<string, string[]>, name: string, data: string | null, line: number, raw: string): void {
  const held = txt.get(name);
  if (held !== undefined && (data === null || held.length === 0))
    throw bad(
      line,
      raw,
      `${name} is given both as NONE (no TXT record) and with records: keep one.`,
      `${name} が NONE（TXT レコードなし）とレコードの両方で書かれています。どちらか一方にしてください。`,
    );
  if (data === null) txt.set(name, []);
  else txt.set(name, [...(held ?? []), data]);
}
