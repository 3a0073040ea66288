import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, parseAddress, parseV4, rangeToCidrs } from '../../src/evidence/net/ip.ts';

describe('address parsing and classes', () => {
  it('classifies special-purpose addresses; only public ones may be an origin', () => {
    const cases: Array<[string, string]> = [
      ['8.8.8.8', 'public'],
      ['126.33.10.200', 'public'],
      ['10.1.2.3', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', 'public'],
      ['192.168.0.1', 'private'],
      ['100.64.0.1', 'shared'],
      ['100.127.255.255', 'shared'],
      ['100.128.0.1', 'public'],
      ['127.0.0.1', 'loopback'],
      ['169.254.10.10', 'link_local'],
      ['192.0.2.1', 'documentation'],
      ['198.51.100.1', 'documentation'],
      ['203.0.113.1', 'documentation'],
      ['224.0.0.1', 'other_special'],
      ['255.255.255.255', 'other_special'],
      ['0.1.2.3', 'other_special'],
      ['2400:4050::1', 'public'],
      ['2001:db8::1', 'documentation'],
      ['3fff::1', 'documentation'],
      ['fd12::1', 'private'],
      ['fe80::1', 'link_local'],
      ['::1', 'loopback'],
      ['2001:0::1', 'other_special'],
      ['2002:c000:0201::1', 'other_special'],
      ['ff02::1', 'other_special'],
      ['::ffff:10.0.0.1', 'private'],
    ];
    for (const [text, cls] of cases) assert.equal(classifyAddress(parseAddress(text)!), cls, text);
  });

  it('rejects what is not an address', () => {
    for (const bad of ['1.2.3', '1.2.3.4.5', '01.2.3.4', '256.0.0.1', '1.2.3.-1', 'gggg::1', '', '[]', '1::2::3'])
      assert.equal(parseAddress(bad), null, bad);
  });

  it('renders arbitrary ranges as the covering CIDR blocks', () => {
    assert.deepEqual(rangeToCidrs(BigInt(parseV4('1.0.1.0')), BigInt(parseV4('1.0.3.255')), 32), [
      '1.0.1.0/24',
      '1.0.2.0/23',
    ]);
    assert.deepEqual(rangeToCidrs(0n, 0xffffffffn, 32), ['0.0.0.0/0']);
  });
});
