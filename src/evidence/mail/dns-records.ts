import { EvidenceInputError } from '../messages.ts';
import { addressValue, hostName, type MxRecord, mxValue, reverseName } from './dns-address-records.ts';
import { bad, internationalName, LABEL, txtData } from './dns-record-syntax.ts';

export type { MxRecord } from './dns-address-records.ts';

/**
 * DNS records the analyst captured, one a line in zone-file form (`name [ttl] [IN] TYPE data`): TXT records
 * — the signing keys (DKIM and ARC selectors, `selector._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=..."`)
 * and any other, such as a domain's SPF record or its `_dmarc` policy (several quoted strings are joined, as
 * DNS joins them) — and the A, AAAA, MX and PTR records SPF's `a`, `mx`, `ptr` and `exists` ask for
 * (`example.jp A 192.0.2.1`, `example.jp MX 10 mail.example.jp`, `1.2.0.192.in-addr.arpa PTR
 * mail.example.jp`, or the PTR record under the address itself: `192.0.2.1 PTR mail.example.jp`).
 * `name TYPE NONE` (unquoted) says the analyst looked and the name has no record of that type (DNS's
 * NODATA: the name exists); `name TYPE NXDOMAIN` that the name does not exist at all. Empty lines and
 * lines starting with `#` or `;` are skipped. Nothing is ever looked up: these records are the only ones a
 * signature, SPF or DMARC is checked against.
 */
export interface DnsRecords {
  /** Key records (`selector._domainkey.domain`), exactly one a name. */
  readonly keys: ReadonlyMap<string, string>;
  /** Every other TXT record by name, as many as a name has; an empty list: the name has none (`NONE`). */
  readonly txt: ReadonlyMap<string, readonly string[]>;
  /** A records (canonical IPv4 text) by name; an empty list: `NONE`. */
  readonly a: ReadonlyMap<string, readonly string[]>;
  /** AAAA records (canonical IPv6 text, RFC 5952) by name; an empty list: `NONE`. */
  readonly aaaa: ReadonlyMap<string, readonly string[]>;
  /** MX records by name; an empty list: `NONE`. */
  readonly mx: ReadonlyMap<string, readonly MxRecord[]>;
  /** PTR records (host names) by reverse name (`4.3.2.1.in-addr.arpa`, nibbles under `ip6.arpa`). */
  readonly ptr: ReadonlyMap<string, readonly string[]>;
  /** Names given as `NXDOMAIN`: they do not exist, so they have no record of any type. */
  readonly nxdomain: ReadonlySet<string>;
}

/**
 * maxNameBytes: the TXT data of one name, all its records together: a DNS answer is at most 65,535 bytes,
 * so no name ever held more (and an SPF record's macros cost time and memory in proportion to its size).
 * maxRecords counts the records of every type together.
 */
export const DNS_RECORD_LIMITS = { maxBytes: 1_048_576, maxRecords: 1000, maxNameBytes: 65_535 } as const;

/** The record types the file takes. */
export const DNS_RECORD_TYPES = ['TXT', 'A', 'AAAA', 'MX', 'PTR'] as const;
type RecordType = (typeof DNS_RECORD_TYPES)[number];
const TYPES: ReadonlySet<string> = new Set(DNS_RECORD_TYPES);
const isRecordType = (t: string): t is RecordType => TYPES.has(t);

const LINE = /^(\S+)\s+(?:(\d+)\s+)?(?:IN\s+)?([A-Za-z][A-Za-z0-9]*)\s+(.+)$/i;

interface Building {
  keys: Map<string, string>;
  txt: Map<string, string[]>;
  a: Map<string, string[]>;
  aaaa: Map<string, string[]>;
  mx: Map<string, MxRecord[]>;
  ptr: Map<string, string[]>;
  nxdomain: Set<string>;
}

function typeNotTaken(type: string, line: number, raw: string) {
  const alias =
    type.toUpperCase() === 'CNAME'
      ? {
          en: " For an alias, write the records a resolver answers for it under the alias's own name.",
          ja: '別名（CNAME）には、リゾルバがその名前に返すレコードを別名そのものの名前で書いてください。',
        }
      : { en: '', ja: '' };
  return bad(
    line,
    raw,
    `the record type ${type} is not taken: the file takes TXT, A, AAAA, MX and PTR records.${alias.en}`,
    `レコードの種類 ${type} は扱いません。扱うのは TXT・A・AAAA・MX・PTR レコードです。${alias.ja}`,
  );
}

/** Parse the records file; throws EvidenceInputError naming the line and value of the first bad one. */
export function parseDnsRecords(text: string): DnsRecords {
  if (text.length > DNS_RECORD_LIMITS.maxBytes)
    throw new EvidenceInputError({
      code: 'MAIL_DNS_RECORDS_TOO_LARGE',
      en: `The DNS records are longer than ${DNS_RECORD_LIMITS.maxBytes} characters.`,
      ja: `DNS レコードが ${DNS_RECORD_LIMITS.maxBytes} 文字を超えています。`,
    });
  const b: Building = {
    keys: new Map(),
    txt: new Map(),
    a: new Map(),
    aaaa: new Map(),
    mx: new Map(),
    ptr: new Map(),
    nxdomain: new Set(),
  };
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
        'not a record of the form `name TYPE data` (`example.jp TXT "v=spf1 ..."`, `example.jp A 192.0.2.1`).',
        '`名前 種類 データ`（`example.jp TXT "v=spf1 ..."`、`example.jp A 192.0.2.1`）の形式ではありません。',
      );
    const type = (m[3] ?? '').toUpperCase();
    if (!isRecordType(type)) throw typeNotTaken(m[3] ?? '', line, raw);
    if (++count > DNS_RECORD_LIMITS.maxRecords)
      throw bad(
        line,
        raw,
        `more than ${DNS_RECORD_LIMITS.maxRecords} records.`,
        `レコードが ${DNS_RECORD_LIMITS.maxRecords} 件を超えています。`,
      );
    const data = (m[4] ?? '').trim();
    const written = m[1] ?? '';
    if (data.toUpperCase() === 'NXDOMAIN') {
      addNxdomain(b, type === 'PTR' ? reverseName(written, line, raw) : hostName(written, line, raw), line, raw);
      continue;
    }
    const name = type === 'TXT' ? addTxtLine(b, written, data, line, raw) : addOther(b, type, written, data, line, raw);
    if (b.nxdomain.has(name)) throw nxdomainAndRecords(name, line, raw);
  }
  return b;
}

function nxdomainAndRecords(name: string, line: number, raw: string) {
  return bad(
    line,
    raw,
    `${name} is given both as NXDOMAIN (no such name) and with records or NONE: keep one.`,
    `${name} が NXDOMAIN（名前が存在しない）とレコードまたは NONE の両方で書かれています。どちらか一方にしてください。`,
  );
}

/** `name TYPE NXDOMAIN`: the name does not exist, so it has no record of any type. */
function addNxdomain(b: Building, name: string, line: number, raw: string): void {
  if ([b.keys, b.txt, b.a, b.aaaa, b.mx, b.ptr].some((m) => m.has(name))) throw nxdomainAndRecords(name, line, raw);
  b.nxdomain.add(name);
}

/** An A, AAAA, MX or PTR line: its name and data read, and kept as a set (the same record twice is one). */
function addOther(
  b: Building,
  type: Exclude<RecordType, 'TXT'>,
  written: string,
  data: string,
  line: number,
  raw: string,
): string {
  const none = data.toUpperCase() === 'NONE';
  if (type === 'MX') {
    const name = hostName(written, line, raw);
    const value = none ? null : mxValue(data, line, raw);
    const same = (r: MxRecord) => value !== null && r.preference === value.preference && r.exchange === value.exchange;
    addRecord(b.mx, name, value, type, same, line, raw);
    return name;
  }
  const name = type === 'PTR' ? reverseName(written, line, raw) : hostName(written, line, raw);
  const value = none ? null : type === 'PTR' ? hostName(data, line, raw) : addressValue(type, data, line, raw);
  addRecord(b[type === 'A' ? 'a' : type === 'AAAA' ? 'aaaa' : 'ptr'], name, value, type, (r) => r === value, line, raw);
  return name;
}

function noneAndRecords(name: string, type: string, line: number, raw: string) {
  return bad(
    line,
    raw,
    `${name} is given both as NONE (no ${type} record) and with records: keep one.`,
    `${name} が NONE（${type} レコードなし）とレコードの両方で書かれています。どちらか一方にしてください。`,
  );
}

/** A record of a name (null: NONE, which stands alone); the same record given twice is kept once. */
function addRecord<T>(
  map: Map<string, T[]>,
  name: string,
  value: T | null,
  type: string,
  same: (r: T) => boolean,
  line: number,
  raw: string,
): void {
  const held = map.get(name);
  if (held !== undefined && (value === null || held.length === 0)) throw noneAndRecords(name, type, line, raw);
  if (value === null) map.set(name, []);
  else if (!held?.some(same)) map.set(name, [...(held ?? []), value]);
}

/** A TXT line: a key record (under `_domainkey`, or `v=DKIM1` data), or any other TXT record. */
function addTxtLine(b: Building, written: string, rest: string, line: number, raw: string): string {
  const name = internationalName(written, line, raw);
  const labels = name.split('.');
  const at = labels.indexOf('_domainkey');
  const none = rest.toUpperCase() === 'NONE';
  const data = none ? '' : txtData(rest, line, raw);
  const keyData = at >= 0 || /^v\s*=\s*DKIM1\b/i.test(data);
  const size = Buffer.byteLength(data) + (b.txt.get(name) ?? []).reduce((n, r) => n + Buffer.byteLength(r), 0);
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
    throw bad(line, raw, `"${written}" is not a domain name.`, `「${written}」はドメイン名ではありません。`);
  if (keyData && (!labels.every((l) => LABEL.test(l)) || at < 1 || at === labels.length - 1))
    throw bad(
      line,
      raw,
      `"${written}" is not a key record name (selector._domainkey.domain).`,
      `「${written}」は鍵レコードの名前（selector._domainkey.ドメイン）ではありません。`,
    );
  if (keyData) addKey(b.keys, name, data, line, raw);
  else addTxt(b.txt, name, none ? null : data, line, raw);
  return name;
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
  if (held !== undefined && (data === null || held.length === 0)) throw noneAndRecords(name, 'TXT', line, raw);
  if (data === null) txt.set(name, []);
  else txt.set(name, [...(held ?? []), data]);
}
