import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEADER_SYNTAX, parseAddress, STRICT_SYNTAX } from '../../src/net/address.ts';
import { classifyAddress } from '../../src/net/classify.ts';

describe('address classes', () => {
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
    for (const [text, cls] of cases) assert.equal(classifyAddress(parseAddress(text, HEADER_SYNTAX)!), cls, text);
  });

  it('block edges', () => {
    const cases: Array<[string, string]> = [
      ['9.255.255.255', 'public'],
      ['11.0.0.0', 'public'],
      ['172.15.255.255', 'public'],
      ['172.16.0.0', 'private'],
      ['100.63.255.255', 'public'],
      ['192.0.1.255', 'public'],
      ['192.0.3.0', 'public'],
      ['198.17.255.255', 'public'],
      ['198.18.0.0', 'other_special'],
      ['198.19.255.255', 'other_special'],
      ['198.20.0.0', 'public'],
      ['223.255.255.255', 'public'],
      ['1fff:ffff::1', 'other_special'],
      ['2001:1ff::1', 'other_special'],
      ['2001:1ff:ffff:ffff::1', 'other_special'],
      // outside 2001::/23: ordinary global unicast (WIDE, Google, Deutsche Telekom)
      ['2001:200::1', 'public'],
      ['2001:4860:4860::8888', 'public'],
      ['2003:de:2016::1', 'public'],
      ['2002::1', 'other_special'],
      ['2002:ffff::1', 'other_special'],
      ['2001:db7::1', 'public'],
      ['3fff:1000::1', 'public'],
      ['3ffe:ffff::1', 'public'],
      ['febf::1', 'link_local'],
      ['fec0::1', 'other_special'],
      // kept as IPv6 (a request target): not global unicast
      ['::ffff:8.8.8.8', 'other_special'],
    ];
    for (const [text, cls] of cases) assert.equal(classifyAddress(parseAddress(text, STRICT_SYNTAX)!), cls, text);
  });
});
