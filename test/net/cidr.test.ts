import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressBytes,
  addressFromBigInt,
  HEADER_SYNTAX,
  LOG_SYNTAX,
  parseAddress,
  parseIPv4,
  STRICT_SYNTAX,
} from '../../src/net/address.ts';
import {
  alignedCidr,
  cidrBounds,
  cidrContains,
  cidrOf,
  formatCidr,
  ipv4RangeToCidrs,
  ipv6RangeToCidrs,
  maskAddress,
  maskBytes,
  parseCidr,
  parseCidrAligned,
  rangeToCidrs,
} from '../../src/net/cidr.ts';
import { rng } from '../support/rng.ts';

const text = (s: string, syntax = LOG_SYNTAX): string | null => {
  const c = parseCidr(s, syntax);
  return c ? formatCidr(c) : null;
};

describe('prefixes', () => {
  it('reads addr/len and single addresses; clears the host bits', () => {
    assert.equal(text('192.0.2.77/24'), '192.0.2.0/24');
    assert.equal(text('192.0.2.77'), '192.0.2.77/32');
    assert.equal(text('10.0.0.0/8'), '10.0.0.0/8');
    assert.equal(text('0.0.0.0/0'), '0.0.0.0/0');
    assert.equal(text('255.255.255.255/1'), '128.0.0.0/1');
    assert.equal(text('2001:DB8:1234::1/36'), '2001:db8:1000::/36');
    assert.equal(text('2001:db8::1'), '2001:db8::1/128');
    assert.equal(text('::/0'), '::/0');
    assert.equal(text('2001:db8::/032'), '2001:db8::/32');
    // an IPv4-mapped prefix read as IPv4 takes an IPv4 length
    assert.equal(text('::ffff:10.1.2.3/8'), '10.0.0.0/8');
    assert.equal(text('::ffff:10.1.2.3/104'), null);
  });

  it('says whether no bit is set after the length, with the block and the address as written', () => {
    const view = (s: string): string | null => {
      const p = parseCidrAligned(s, LOG_SYNTAX);
      return p && `${formatCidr(p.cidr)} ${p.aligned ? 'aligned' : 'misaligned'} ${p.address.text}`;
    };
    assert.equal(view('192.0.2.77/24'), '192.0.2.0/24 misaligned 192.0.2.77');
    assert.equal(view('192.0.2.0/24'), '192.0.2.0/24 aligned 192.0.2.0');
    assert.equal(view('192.0.2.77'), '192.0.2.77/32 aligned 192.0.2.77');
    assert.equal(view('2001:db8:3400:1::/56'), '2001:db8:3400::/56 misaligned 2001:db8:3400:1::');
    assert.equal(view('2001:db8:3400:100::/56'), '2001:db8:3400:100::/56 aligned 2001:db8:3400:100::');
    assert.equal(view('10.0.0.0/33'), null);
    // an address and a length given apart (a DHCPv6 lease, a delegated-statistics line)
    const a = parseAddress('2001:db8::1', LOG_SYNTAX)!;
    assert.deepEqual([formatCidr(alignedCidr(a, 32).cidr), alignedCidr(a, 32).aligned], ['2001:db8::/32', false]);
    assert.equal(alignedCidr(a, 128).aligned, true);
  });

  it('the length is 1–3 decimal digits, at most the family size', () => {
    for (const bad of [
      '10.0.0.0/',
      '10.0.0.0/33',
      '10.0.0.0/-1',
      '10.0.0.0/8.0',
      '10.0.0.0/ 8',
      '10.0.0.0/0x8',
      '10.0.0.0/1e1',
      '10.0.0.0/0008',
      '10.0.0.0/8/8',
      '2001:db8::/129',
      '/8',
      'example.com/8',
    ])
      assert.equal(text(bad), null, bad);
  });

  it('the address part is read with the given syntax', () => {
    assert.equal(text(' 192.0.2.0/24 '), '192.0.2.0/24');
    assert.equal(text(' 192.0.2.0 /24'), '192.0.2.0/24');
    assert.equal(text(' 192.0.2.0/24', STRICT_SYNTAX), null);
    assert.equal(text('[2001:db8::]/32'), null);
    assert.equal(text('[2001:db8::]/32', HEADER_SYNTAX), '2001:db8::/32');
    assert.equal(text('fe80::%eth0/64'), 'fe80::/64');
    assert.equal(text('fe80::%eth0/64', STRICT_SYNTAX), null);
  });

  it('containment, at the edges and across families', () => {
    const c = (s: string) => parseCidr(s, LOG_SYNTAX)!;
    const a = (s: string) => parseAddress(s, LOG_SYNTAX)!;
    assert.ok(cidrContains(c('192.0.2.0/24'), a('192.0.2.0')));
    assert.ok(cidrContains(c('192.0.2.0/24'), a('192.0.2.255')));
    assert.ok(!cidrContains(c('192.0.2.0/24'), a('192.0.3.0')));
    assert.ok(!cidrContains(c('192.0.2.0/24'), a('192.0.1.255')));
    assert.ok(cidrContains(c('128.0.0.0/1'), a('255.255.255.255')));
    assert.ok(!cidrContains(c('128.0.0.0/1'), a('127.255.255.255')));
    assert.ok(cidrContains(c('0.0.0.0/0'), a('8.8.8.8')));
    assert.ok(cidrContains(c('192.0.2.1'), a('192.0.2.1')));
    assert.ok(!cidrContains(c('192.0.2.1'), a('192.0.2.2')));
    assert.ok(cidrContains(c('2001:db8::/32'), a('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')));
    assert.ok(!cidrContains(c('2001:db8::/32'), a('2001:db9::')));
    assert.ok(cidrContains(c('2001:db8::/33'), a('2001:db8:7fff::1')));
    assert.ok(!cidrContains(c('2001:db8::/33'), a('2001:db8:8000::1')));
    assert.ok(cidrContains(c('2001:db8::1:0/112'), a('2001:db8::1:ffff')));
    assert.ok(!cidrContains(c('2001:db8::1:0/112'), a('2001:db8::2:0')));
    assert.ok(cidrContains(c('::/0'), a('ffff::1')));
    assert.ok(!cidrContains(c('::/0'), a('8.8.8.8')), 'never across families');
    assert.ok(!cidrContains(c('0.0.0.0/0'), a('::1')), 'never across families');
    assert.ok(cidrContains(c('10.0.0.0/8'), a('::ffff:10.9.9.9')), 'mapped reads as IPv4');
  });

  it('containment agrees with comparing the masked addresses', () => {
    const rand = rng(21);
    for (let i = 0; i < 5000; i++) {
      const family = i % 2 === 0 ? 4 : 6;
      const bits = family === 4 ? 32 : 128;
      const big = (): bigint =>
        family === 4
          ? BigInt(Math.floor(rand() * 2 ** 32))
          : (BigInt(Math.floor(rand() * 2 ** 32)) << 96n) | BigInt(Math.floor(rand() * 2 ** 32));
      const x = addressFromBigInt(family, big());
      const length = Math.floor(rand() * (bits + 1));
      const net = cidrOf(x, length);
      // the network address with one bit flipped: inside exactly when the bit is a host bit
      const flip = Math.floor(rand() * bits);
      const y = addressFromBigInt(family, cidrBounds(net).start ^ (1n << BigInt(flip)));
      const inside = flip < bits - length;
      assert.equal(cidrContains(net, x), true);
      assert.equal(cidrContains(net, y), inside, `${formatCidr(net)} ${y.text}`);
      assert.deepEqual(
        Array.from(addressBytes(maskAddress(x, length))),
        Array.from(maskBytes(addressBytes(x), length)),
        'maskAddress and maskBytes agree',
      );
    }
  });

  it('bounds', () => {
    assert.deepEqual(cidrBounds(parseCidr('192.0.2.77/24', LOG_SYNTAX)!), {
      start: BigInt(parseIPv4('192.0.2.0')),
      end: BigInt(parseIPv4('192.0.2.255')),
    });
    assert.deepEqual(cidrBounds(parseCidr('2001:db8::/32', LOG_SYNTAX)!), {
      start: 0x20010db8n << 96n,
      end: (0x20010db8n << 96n) | ((1n << 96n) - 1n),
    });
    assert.deepEqual(cidrBounds(parseCidr('0.0.0.0/0', LOG_SYNTAX)!), { start: 0n, end: 0xffffffffn });
  });
});

describe('ranges as CIDR blocks', () => {
  it('renders arbitrary ranges as the covering CIDR blocks', () => {
    assert.deepEqual(rangeToCidrs(BigInt(parseIPv4('1.0.1.0')), BigInt(parseIPv4('1.0.3.255')), 32), [
      '1.0.1.0/24',
      '1.0.2.0/23',
    ]);
    assert.deepEqual(rangeToCidrs(0n, 0xffffffffn, 32), ['0.0.0.0/0']);
    assert.deepEqual(rangeToCidrs(0n, (1n << 128n) - 1n, 128), ['::/0']);
    assert.deepEqual(rangeToCidrs(5n, 4n, 32), []);
    assert.equal(rangeToCidrs(1n, 0xfffffffen, 32, 100).length, 62);
    assert.equal(rangeToCidrs(1n, 0xfffffffen, 32).length, 8, 'at most `limit` blocks');
  });

  it('the fast versions give exactly what the plain one gives', () => {
    const rand = rng(17);
    for (let i = 0; i < 3000; i++) {
      const s = Math.floor(rand() * 2 ** 32);
      const e = Math.min(0xffffffff, s + Math.floor(rand() * 2 ** Math.floor(rand() * 33)));
      assert.deepEqual(ipv4RangeToCidrs(s, e), rangeToCidrs(BigInt(s), BigInt(e), 32), `${s}-${e}`);
      const s6 = (BigInt(Math.floor(rand() * 2 ** 32)) << 96n) >> BigInt(Math.floor(rand() * 100));
      const e6 = s6 + (BigInt(Math.floor(rand() * 2 ** 20)) << BigInt(Math.floor(rand() * 100)));
      if (e6 < 1n << 128n) assert.deepEqual(ipv6RangeToCidrs(s6, e6), rangeToCidrs(s6, e6, 128), `${s6}-${e6}`);
    }
    assert.deepEqual(ipv4RangeToCidrs(0, 0xffffffff), ['0.0.0.0/0']);
    assert.deepEqual(ipv6RangeToCidrs(0n, (1n << 128n) - 1n), ['::/0']);
  });
});
