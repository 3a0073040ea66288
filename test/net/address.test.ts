import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Address,
  AddressError,
  type AddressSyntax,
  addressBytes,
  addressFromBigInt,
  addressFromBytes,
  addressToBigInt,
  bigIntToWords,
  formatBigInt,
  formatHostPort,
  formatIPv4,
  formatIPv6,
  HEADER_SYNTAX,
  ipv4Bytes,
  ipv4FromBytes,
  ipv4FromInt32,
  ipv4ToInt32,
  LOG_SYNTAX,
  parseAddress,
  parseAddressOrProblem,
  parseIPv4,
  parseIPv4At,
  requireAddress,
  STRICT_SYNTAX,
  wordsToBigInt,
} from '../../src/net/address.ts';
import { rng } from '../support/rng.ts';

const SYNTAXES: Array<[string, AddressSyntax]> = [
  ['strict', STRICT_SYNTAX],
  ['log', LOG_SYNTAX],
  ['header', HEADER_SYNTAX],
];

/** What each syntax makes of a text: the canonical text, `v4:`/`v6:` marking the family, or the problem. */
function read(text: string, syntax: AddressSyntax): string {
  const a = parseAddressOrProblem(text, syntax);
  return typeof a === 'string' ? a : `v${a.family}:${a.text}`;
}

describe('reading addresses', () => {
  it('rejects what is not an address, in every syntax', () => {
    const bad = [
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.04',
      '010.0.0.1',
      '0x7f.0.0.1',
      '127.1',
      '256.0.0.1',
      '1.2.3.-1',
      '1.2.3.4/24',
      '1.2.3.4.',
      '.1.2.3.4',
      '1..2.3',
      '1234.1.1.1',
      'gggg::1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::1',
      '2001:db8::g',
      'example.com',
      '',
      ' ',
      '[]',
      'fe80::1%',
      'fe80::1%eth0/64',
      'fe80::1%a b',
      '::1%%',
      `::ffff:${'0'.repeat(60)}1.2.3.4`,
    ];
    for (const [name, syntax] of SYNTAXES)
      for (const text of bad) assert.equal(parseAddress(text, syntax), null, `${name}: ${JSON.stringify(text)}`);
  });

  it('each syntax reads what its place writes, and nothing more', () => {
    // text → [strict, log, header]
    const cases: Array<[string, [string, string, string]]> = [
      ['192.0.2.1', ['v4:192.0.2.1', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      ['0.0.0.0', ['v4:0.0.0.0', 'v4:0.0.0.0', 'v4:0.0.0.0']],
      ['255.255.255.255', ['v4:255.255.255.255', 'v4:255.255.255.255', 'v4:255.255.255.255']],
      [' 192.0.2.1\t', ['not_an_address', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      ['[192.0.2.1]', ['not_an_address', 'not_an_address', 'v4:192.0.2.1']],
      ['2001:DB8:0:0:0:0:0:1', ['v6:2001:db8::1', 'v6:2001:db8::1', 'v6:2001:db8::1']],
      ['2001:db8:0:0:1:0:0:1', ['v6:2001:db8::1:0:0:1', 'v6:2001:db8::1:0:0:1', 'v6:2001:db8::1:0:0:1']],
      ['2001:0db8::0001', ['v6:2001:db8::1', 'v6:2001:db8::1', 'v6:2001:db8::1']],
      ['::', ['v6:::', 'v6:::', 'v6:::']],
      ['::1', ['v6:::1', 'v6:::1', 'v6:::1']],
      [' ::1 ', ['not_an_address', 'v6:::1', 'v6:::1']],
      ['[2001:db8::1]', ['not_an_address', 'not_an_address', 'v6:2001:db8::1']],
      ['IPv6:2001:db8::1', ['not_an_address', 'not_an_address', 'v6:2001:db8::1']],
      ['[IPv6:2001:DB8::1]', ['not_an_address', 'not_an_address', 'v6:2001:db8::1']],
      ['[ipv6:::1]', ['not_an_address', 'not_an_address', 'v6:::1']],
      ['[2001:db8::1', ['not_an_address', 'not_an_address', 'not_an_address']],
      ['fe80::1%eth0', ['zone_index', 'v6:fe80::1', 'v6:fe80::1']],
      ['fe80::1%eth0.100', ['zone_index', 'v6:fe80::1', 'v6:fe80::1']],
      ['fe80::1%25', ['zone_index', 'v6:fe80::1', 'v6:fe80::1']],
      ['[IPv6:fe80::1%en0]', ['zone_index', 'not_an_address', 'v6:fe80::1']],
      ['1.2.3.4%eth0', ['zone_index', 'not_an_address', 'not_an_address']],
      ['fe80::1%', ['zone_index', 'not_an_address', 'not_an_address']],
      // IPv4-mapped: the IPv4 address where traffic is read, kept IPv6 (mixed notation) in a request
      ['::ffff:192.0.2.1', ['v6:::ffff:192.0.2.1', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      ['::FFFF:C000:0201', ['v6:::ffff:192.0.2.1', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      ['0:0:0:0:0:ffff:c000:201', ['v6:::ffff:192.0.2.1', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      ['[::ffff:10.0.0.1]', ['not_an_address', 'not_an_address', 'v4:10.0.0.1']],
      // ipaddr.js reads the deprecated IPv4-compatible form as IPv4-mapped
      ['::192.0.2.1', ['v6:::ffff:192.0.2.1', 'v4:192.0.2.1', 'v4:192.0.2.1']],
      // not mapped: IPv4-translated and NAT64 prefixes stay IPv6
      ['::ffff:0:c000:201', ['v6:::ffff:0:c000:201', 'v6:::ffff:0:c000:201', 'v6:::ffff:0:c000:201']],
      ['64:ff9b::192.0.2.1', ['v6:64:ff9b::c000:201', 'v6:64:ff9b::c000:201', 'v6:64:ff9b::c000:201']],
    ];
    for (const [text, want] of cases) {
      const got = SYNTAXES.map(([, s]) => read(text, s));
      assert.deepEqual(got, want, JSON.stringify(text));
    }
  });

  it('a plain dotted quad keeps the very text it was given', () => {
    const text = ['192', '0', '2', '1'].join('.');
    const a = parseAddress(text, LOG_SYNTAX);
    assert.ok(a?.family === 4);
    assert.equal(a.text, text);
    assert.equal(a.v4, 0xc0000201);
  });

  it('canonical text reads back as itself (idempotent), in every syntax', () => {
    const rand = rng(11);
    const hex = (): string => Math.floor(rand() * 65536).toString(16);
    for (let i = 0; i < 2000; i++) {
      const groups = Array.from({ length: 8 }, () => (rand() < 0.4 ? '0' : hex()));
      const text = i % 3 === 0 ? formatIPv4(Math.floor(rand() * 2 ** 32)) : groups.join(':');
      for (const [name, syntax] of SYNTAXES) {
        const a = parseAddress(text, syntax);
        assert.ok(a, `${name}: ${text}`);
        assert.deepEqual(parseAddress(a.text, syntax), a, `${name}: ${text} → ${a.text}`);
        assert.deepEqual(parseAddress(a.text, STRICT_SYNTAX)?.text, a.text, `${name}: ${a.text} is strict`);
      }
    }
  });

  it('requireAddress throws AddressError naming the text', () => {
    assert.equal(requireAddress('192.0.2.1', LOG_SYNTAX).text, '192.0.2.1');
    assert.throws(
      () => requireAddress('999.1.1.1', LOG_SYNTAX),
      (e: unknown) => {
        assert.ok(e instanceof AddressError);
        assert.equal(e.message, 'not an IP address: "999.1.1.1"');
        return true;
      },
    );
  });
});

describe('IPv4 numbers (the hot path)', () => {
  it('parses strict dotted quads to unsigned 32-bit numbers, -1 otherwise', () => {
    assert.equal(parseIPv4('0.0.0.0'), 0);
    assert.equal(parseIPv4('255.255.255.255'), 0xffffffff);
    assert.equal(parseIPv4('192.0.2.1'), 0xc0000201);
    assert.equal(parseIPv4('10.20.30.40'), 0x0a141e28);
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '01.1.1.1',
      '1.1.1.00',
      '256.1.1.1',
      '1.1.1.1 ',
      '+1.1.1.1',
      '1.1.1.1e0',
    ])
      assert.equal(parseIPv4(bad), -1, bad);
  });

  it('parseIPv4At reads a part of a string exactly as parseIPv4 reads that part alone', () => {
    const rand = rng(5);
    const alphabet = '0123456789.. x';
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = Math.floor(rand() * 24);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      if (i % 4 === 0) s = `a="${formatIPv4(Math.floor(rand() * 2 ** 32))}"`;
      const from = Math.floor(rand() * (s.length + 1));
      const to = from + Math.floor(rand() * (s.length - from + 1));
      assert.equal(parseIPv4At(s, from, to), parseIPv4(s.slice(from, to)), `${JSON.stringify(s)} ${from}..${to}`);
    }
  });

  it('agrees with the general parser on every dotted quad it is given', () => {
    const rand = rng(8);
    for (let i = 0; i < 5000; i++) {
      const parts = Array.from({ length: 4 }, () => String(Math.floor(rand() * 300)));
      if (rand() < 0.1) parts[Math.floor(rand() * 4)] = `0${parts[0]}`;
      const text = parts.join('.');
      const v = parseIPv4(text);
      const a = parseAddress(text, STRICT_SYNTAX);
      assert.equal(v >= 0, a !== null, text);
      if (a?.family === 4) {
        assert.equal(a.v4, v);
        assert.equal(formatIPv4(v), text);
      }
    }
  });

  it('storage keys keep address order in the signed 32-bit range', () => {
    const xs = [0, 1, 0x7fffffff, 0x80000000, 0xc0000201, 0xffffffff];
    const keys = xs.map(ipv4ToInt32);
    for (const k of keys) assert.ok(k >= -(2 ** 31) && k < 2 ** 31 && Number.isInteger(k));
    assert.deepEqual(
      [...keys].sort((a, b) => a - b),
      keys,
    );
    assert.deepEqual(keys.map(ipv4FromInt32), xs);
  });
});

describe('views of an address', () => {
  it('bytes, words, BigInt and text round-trip', () => {
    const rand = rng(3);
    for (let i = 0; i < 3000; i++) {
      let a: Address;
      if (i % 2 === 0) a = addressFromBigInt(4, BigInt(Math.floor(rand() * 2 ** 32)));
      else {
        const w = (): number => (rand() < 0.3 ? 0 : Math.floor(rand() * 2 ** 32));
        const words = [w(), w(), w(), w()] as const;
        a = addressFromBigInt(6, wordsToBigInt(words));
        assert.equal(a.family === 6 && a.words.join(), words.join());
      }
      const bytes = addressBytes(a);
      assert.equal(bytes.length, a.family === 4 ? 4 : 16);
      assert.deepEqual(addressFromBytes(bytes), a);
      assert.deepEqual(addressFromBigInt(a.family, addressToBigInt(a)), a);
      assert.equal(formatBigInt(a.family, addressToBigInt(a)), a.text);
      assert.deepEqual(parseAddress(a.text, STRICT_SYNTAX), a);
    }
  });

  it('network byte order', () => {
    assert.deepEqual(Array.from(ipv4Bytes(0xc0000201)), [192, 0, 2, 1]);
    assert.equal(ipv4FromBytes(Uint8Array.of(255, 255, 255, 254)), 0xfffffffe);
    const a = parseAddress('2001:db8::102:304', STRICT_SYNTAX)!;
    assert.deepEqual(Array.from(addressBytes(a)), [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    assert.equal(addressToBigInt(a), 0x20010db8000000000000000001020304n);
    assert.deepEqual(bigIntToWords(0x20010db8000000000000000001020304n), [0x20010db8, 0, 0, 0x01020304]);
    assert.throws(() => addressFromBytes(new Uint8Array(5)), AddressError);
  });

  it('IPv6 text is RFC 5952; IPv4-mapped addresses in mixed notation', () => {
    assert.equal(formatIPv6([0x20010db8, 0, 0x00010000, 1]), '2001:db8::1:0:0:1');
    assert.equal(formatIPv6([0x20010db8, 0, 1, 0]), '2001:db8::1:0:0');
    assert.equal(formatIPv6([0x20010000, 0x00010000, 0, 1]), '2001:0:1::1');
    assert.equal(formatIPv6([0, 0, 0, 0]), '::');
    assert.equal(formatIPv6([0, 0, 0xffff, 0xc0000201]), '::ffff:192.0.2.1');
    assert.equal(formatIPv6([0, 0, 0xffff, 0]), '::ffff:0.0.0.0');
    assert.equal(formatIPv6([0, 1, 0xffff, 0]), '::1:0:ffff:0:0');
    assert.equal(
      formatIPv6([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]),
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    );
  });

  it('with a port: IPv6 in brackets; without one, the address alone', () => {
    assert.equal(formatHostPort('203.0.113.7', 443), '203.0.113.7:443');
    assert.equal(formatHostPort('2001:db8::1', 0), '[2001:db8::1]:0');
    assert.equal(formatHostPort('2001:db8::1'), '2001:db8::1');
  });
});
