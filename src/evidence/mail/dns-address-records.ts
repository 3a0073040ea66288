import { type AddressSyntax, addressBytes, parseAddressOrProblem, STRICT_SYNTAX } from '../../net/address.ts';
import { bad, internationalName, LABEL } from './dns-record-syntax.ts';

// The values of the address and name records a records file takes beside TXT, for SPF's `a`, `mx`, `ptr`
// and `exists` (and its `%{p}` macro): A and AAAA (one address, read by src/net/), MX (a preference and an
// exchange name) and PTR (under an address's reverse name, or the address itself). Each parser throws the
// records file's error naming the line and its value.

/** One MX record: its preference, and the exchange ('' for RFC 7505's null MX, written `.`). */
export interface MxRecord {
  readonly preference: number;
  readonly exchange: string;
}

/** The name of a PTR record written as the address itself: a mapped address is the IPv4 one SPF asks for. */
const PTR_OWNER_SYNTAX: AddressSyntax = Object.freeze({ ...STRICT_SYNTAX, mapped: 'ipv4' });

const FAMILY = {
  A: { family: 4, other: 'AAAA', example: '192.0.2.1' },
  AAAA: { family: 6, other: 'A', example: '2001:db8::1' },
} as const;

/** A domain name for an A, AAAA or MX record, or an MX or PTR record's target: DNS labels only. */
export function hostName(written: string, line: number, raw: string): string {
  const name = internationalName(written, line, raw);
  if (name.length > 253 || !name.split('.').every((l) => LABEL.test(l)))
    throw bad(line, raw, `"${written}" is not a domain name.`, `「${written}」はドメイン名ではありません。`);
  return name;
}

/** An A or AAAA record's address, in its canonical text. */
export function addressValue(type: 'A' | 'AAAA', value: string, line: number, raw: string): string {
  const want = FAMILY[type];
  const a = parseAddressOrProblem(value, STRICT_SYNTAX);
  if (typeof a !== 'string' && a.family === want.family) return a.text;
  if (typeof a !== 'string')
    throw bad(
      line,
      raw,
      `"${value}" is an IPv${a.family} address: an ${type} record holds an IPv${want.family} address ` +
        `(write it as an ${want.other} record).`,
      `「${value}」は IPv${a.family} アドレスです。${type} レコードには IPv${want.family} アドレスを書きます` +
        `（${want.other} レコードとして書いてください）。`,
    );
  throw bad(
    line,
    raw,
    `"${value}" is not an IPv${want.family} address (an ${type} record holds one address, as ${want.example}).`,
    `「${value}」は IPv${want.family} アドレスではありません（${type} レコードは ${want.example} のような` +
      'アドレスを一つ持ちます）。',
  );
}

/** An MX record's data: `preference exchange`, the exchange `.` for a null MX. */
export function mxValue(value: string, line: number, raw: string): MxRecord {
  const parts = value.split(/\s+/);
  const [preference = '', exchange = ''] = parts;
  if (parts.length === 1 && !/^\d+$/.test(preference))
    throw bad(
      line,
      raw,
      `an MX record without a preference: write the preference before the exchange (10 ${preference}).`,
      `MX レコードに優先度がありません。交換サーバ名の前に優先度を書いてください（10 ${preference}）。`,
    );
  if (parts.length !== 2)
    throw bad(
      line,
      raw,
      'an MX record is a preference and one exchange name (10 mail.example.jp).',
      'MX レコードは優先度と交換サーバ名一つです（10 mail.example.jp）。',
    );
  if (!/^\d{1,5}$/.test(preference) || Number(preference) > 65_535)
    throw bad(
      line,
      raw,
      `the MX preference "${preference}" is not a number from 0 to 65535.`,
      `MX の優先度「${preference}」は 0〜65535 の数ではありません。`,
    );
  return { preference: Number(preference), exchange: exchange === '.' ? '' : hostName(exchange, line, raw) };
}

function notReverse(written: string, line: number, raw: string) {
  return bad(
    line,
    raw,
    `"${written}" is not the reverse name of one address: a PTR record is written under the address's reverse ` +
      'name (77.10.200.153.in-addr.arpa, or the 32 nibbles under ip6.arpa) or under the address itself.',
    `「${written}」は一つのアドレスの逆引き名ではありません。PTR レコードはアドレスの逆引き名` +
      '（77.10.200.153.in-addr.arpa、または ip6.arpa の下の 32 個のニブル）か、アドレスそのものの下に書きます。',
  );
}

/** The reverse name SPF asks for an address (mailauth's form: decimal octets, lower-case nibbles). */
export function reverseNameOf(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${[...bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = [...bytes].flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** A PTR record's name: an address's whole reverse name, or the address itself (read as its reverse name). */
export function reverseName(written: string, line: number, raw: string): string {
  const address = parseAddressOrProblem(written, PTR_OWNER_SYNTAX);
  if (typeof address !== 'string') return reverseNameOf(addressBytes(address));
  const name = written.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (name.endsWith('.in-addr.arpa')) {
    const octets = labels.slice(0, -2);
    if (octets.length === 4 && octets.every((o) => /^(?:0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) return name;
  } else if (name.endsWith('.ip6.arpa')) {
    const nibbles = labels.slice(0, -2);
    if (nibbles.length === 32 && nibbles.every((n) => /^[0-9a-f]$/.test(n))) return name;
  }
  throw notReverse(written, line, raw);
}
