// The records file's A, AAAA, MX and PTR records (for SPF's a, mx, ptr and exists): the zone-file forms
// read, NONE and NXDOMAIN, and every bad line refused naming the line and its value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';

/** The reverse name of 2001:db8::1: its 32 nibbles, last first. */
const IPV6_REVERSE = `1.0.${'0.'.repeat(22)}8.b.d.0.1.0.0.2.ip6.arpa`;

/** The line is refused with the record file's error naming `line N`, in English and Japanese. */
function refused(text: string, line: number, en: RegExp, ja?: RegExp): void {
  assert.throws(
    () => parseDnsRecords(text),
    (e: Error & { code?: string; ja?: string }) => {
      assert.equal(e.code, 'MAIL_DNS_RECORD_INVALID');
      assert.match(e.message, new RegExp(`^DNS records, line ${line} \\(".*"\\): `));
      assert.match(e.message, en);
      assert.match(e.ja ?? '', new RegExp(`^DNS レコードの ${line} 行目`));
      if (ja) assert.match(e.ja ?? '', ja);
      return true;
    },
    text,
  );
}

describe('A, AAAA, MX and PTR records are read as a zone file writes them', () => {
  test('A and AAAA: TTL and IN optional, canonical text, the same record once, NONE, a U-label name', () => {
    const r = parseDnsRecords(
      [
        'example.jp A 192.0.2.1',
        'Example.JP. 300 IN A 192.0.2.2',
        'example.jp a 192.0.2.1',
        'example.jp AAAA 2001:DB8:0:0::1',
        'v4only.example.jp AAAA NONE',
        '例え.jp A 198.51.100.7',
        '# a comment between records',
        'ghost.example.jp A NXDOMAIN',
      ].join('\n'),
    );
    assert.deepEqual(r.a.get('example.jp'), ['192.0.2.1', '192.0.2.2']);
    assert.deepEqual(r.aaaa.get('example.jp'), ['2001:db8::1']);
    assert.deepEqual(r.aaaa.get('v4only.example.jp'), []);
    assert.deepEqual(r.a.get('xn--r8jz45g.jp'), ['198.51.100.7']);
    assert.ok(r.nxdomain.has('ghost.example.jp'));
    assert.equal(r.a.has('ghost.example.jp'), false);
    assert.equal(r.txt.size + r.keys.size, 0);
  });

  test('MX: preference and exchange (trailing dot, capitals read away), a null MX, NONE', () => {
    const r = parseDnsRecords(
      'example.jp MX 20 Mail2.Example.JP.\nexample.jp 3600 IN MX 10 mail.example.jp\nnomail.example.jp MX 0 .\n' +
        'bare.example.jp MX NONE',
    );
    assert.deepEqual(r.mx.get('example.jp'), [
      { preference: 20, exchange: 'mail2.example.jp' },
      { preference: 10, exchange: 'mail.example.jp' },
    ]);
    assert.deepEqual(r.mx.get('nomail.example.jp'), [{ preference: 0, exchange: '' }]);
    assert.deepEqual(r.mx.get('bare.example.jp'), []);
  });

  test('PTR: under the reverse name, or under the address itself (IPv4, IPv6, IPv4-mapped)', () => {
    const r = parseDnsRecords(
      [
        '77.10.200.153.in-addr.arpa. PTR out.example.jp.',
        '153.200.10.78 PTR Out2.Example.JP',
        '2001:db8::1 PTR v6.example.jp',
        `${IPV6_REVERSE.toUpperCase()} PTR v6b.example.jp`,
        '::ffff:192.0.2.9 PTR mapped.example.jp',
        '1.2.0.192.in-addr.arpa PTR NONE',
      ].join('\n'),
    );
    assert.deepEqual(r.ptr.get('77.10.200.153.in-addr.arpa'), ['out.example.jp']);
    assert.deepEqual(r.ptr.get('78.10.200.153.in-addr.arpa'), ['out2.example.jp']);
    assert.deepEqual(r.ptr.get(IPV6_REVERSE), ['v6.example.jp', 'v6b.example.jp']);
    assert.deepEqual(r.ptr.get('9.2.0.192.in-addr.arpa'), ['mapped.example.jp']);
    assert.deepEqual(r.ptr.get('1.2.0.192.in-addr.arpa'), []);
  });
});

describe('bad address and name records are refused, naming the line and the value', () => {
  test('an address of the wrong family or no address at all', () => {
    refused(
      '# x\nexample.jp A 2001:db8::1',
      2,
      /"2001:db8::1" is an IPv6 address: .*write it as an AAAA record/,
      /AAAA/,
    );
    refused('example.jp AAAA 192.0.2.1', 1, /"192\.0\.2\.1" is an IPv4 address: .*write it as an A record/);
    refused('example.jp A 192.0.2', 1, /"192\.0\.2" is not an IPv4 address \(an A record holds one address/);
    refused('example.jp A 010.0.0.1', 1, /"010\.0\.0\.1" is not an IPv4 address/);
    refused('example.jp A 192.0.2.1 192.0.2.2', 1, /"192\.0\.2\.1 192\.0\.2\.2" is not an IPv4 address/);
    refused('example.jp AAAA fe80::1%eth0', 1, /"fe80::1%eth0" is not an IPv6 address/, /IPv6 アドレスではありません/);
  });

  test('an MX record without a preference, with a bad one, with two exchanges or a bad exchange', () => {
    refused(
      'example.jp MX mail.example.jp',
      1,
      /an MX record without a preference: .*\(10 mail\.example\.jp\)/,
      /優先度/,
    );
    refused('example.jp MX 70000 mail.example.jp', 1, /the MX preference "70000" is not a number from 0 to 65535/);
    refused('example.jp MX -1 mail.example.jp', 1, /the MX preference "-1" is not a number/);
    refused('example.jp MX 10 a.example.jp b.example.jp', 1, /a preference and one exchange name/);
    refused('example.jp MX 10 mail..example.jp', 1, /"mail\.\.example\.jp" is not a domain name/);
  });

  test('a PTR record under a name that is not one whole reverse name, or with a bad target', () => {
    for (const name of ['10.200.153.in-addr.arpa', '077.10.200.153.in-addr.arpa', 'example.jp', '1.0.ip6.arpa'])
      refused(`${name} PTR out.example.jp`, 1, /is not the reverse name of one address: .*or under the address itself/);
    refused('77.10.200.153.in-addr.arpa PTR out example', 1, /"out example" is not a domain name/);
  });

  test('a bad name, a type not taken (a CNAME with advice), a line without data', () => {
    refused('exa$mple.jp A 192.0.2.1', 1, /"exa\$mple\.jp" is not a domain name/);
    refused('www.example.jp CNAME example.jp', 1, /the record type CNAME is not taken: .*under the alias's own name/);
    refused(
      'example.jp SRV 0 5 25 mail.example.jp',
      1,
      /the record type SRV is not taken: the file takes TXT, A, AAAA/,
    );
    refused('example.jp A', 1, /not a record of the form `name TYPE data`/);
  });

  test('NONE or NXDOMAIN beside records of the name is refused on the later line', () => {
    refused('example.jp A 192.0.2.1\nexample.jp A NONE', 2, /example\.jp is given both as NONE \(no A record\)/);
    refused('example.jp MX NONE\nexample.jp MX 10 mail.example.jp', 2, /both as NONE \(no MX record\)/);
    refused('77.10.200.153.in-addr.arpa PTR NONE\n153.200.10.77 PTR out.example.jp', 2, /both as NONE \(no PTR/);
    refused('example.jp A NXDOMAIN\nexample.jp TXT "v=spf1 -all"', 2, /example\.jp is given both as NXDOMAIN/);
    refused('example.jp TXT NONE\nexample.jp MX NXDOMAIN', 2, /both as NXDOMAIN \(no such name\) and with records/);
  });

  test('the limit of 1000 records counts every type', () => {
    const lines = Array.from({ length: 1001 }, (_, i) =>
      i % 2 === 0 ? `h${i}.example.jp A 192.0.2.${i % 250}` : `h${i}.example.jp MX 10 mail.example.jp`,
    );
    refused(lines.join('\n'), 1001, /more than 1000 records/);
    assert.equal(parseDnsRecords(lines.slice(0, 1000).join('\n')).a.size, 500);
  });
});
