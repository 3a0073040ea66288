import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvidenceInputError } from '../../src/evidence/index.ts';
import { detectRegistryFormat } from '../../src/evidence/registry/detect.ts';
import { parseRegistryFile } from '../../src/evidence/registry/import.ts';
import { parseIPv4 } from '../../src/net/address.ts';
import { fixtureText } from './helpers.ts';

const v4 = (s: string): bigint => BigInt(parseIPv4(s));

describe('registry file formats', () => {
  it('detects each format', () => {
    assert.equal(detectRegistryFormat(fixtureText('delegated-apnic-extended.txt')), 'delegated');
    assert.equal(detectRegistryFormat(fixtureText('delegated-ripencc.txt')), 'delegated');
    assert.equal(detectRegistryFormat(fixtureText('rdap-ocn.json')), 'rdap');
    assert.equal(detectRegistryFormat(fixtureText('jpnic-e.txt')), 'jpnic');
    assert.equal(detectRegistryFormat('hello world'), null);
    assert.throws(
      () => parseRegistryFile('hello world'),
      (e: unknown) => e instanceof EvidenceInputError && e.code === 'REGISTRY_FORMAT_UNKNOWN',
    );
  });

  const delegatedExtendedTitle =
    'delegated-extended: counts that are not powers of two, IPv6 prefixes, ASNs with opaque-ids, ' +
    'unassigned space skipped';
  it(delegatedExtendedTitle, () => {
    const p = parseRegistryFile(fixtureText('delegated-apnic-extended.txt'));
    assert.equal(p.format, 'delegated');
    assert.equal(p.registry, 'apnic');
    assert.equal(p.dataDate, '2026-11-23');
    assert.equal(p.ranges.length, 6);
    assert.equal(p.skipped, 2); // available + reserved
    const cn = p.ranges.find((r) => r.country === 'CN')!;
    assert.equal(cn.start, v4('1.0.1.0'));
    assert.equal(cn.end, v4('1.0.3.255')); // 768 addresses
    assert.equal(cn.recordDate, '2011-04-14');
    const v6 = p.ranges.find((r) => r.family === 6 && r.country === 'JP')!;
    assert.equal(v6.start, 0x24004050n << 96n);
    assert.equal(v6.end, (0x24004050n << 96n) | ((1n << 96n) - 1n));
    assert.equal(v6.opaqueId, 'A91A7381');
    assert.deepEqual(
      p.asns.map((a) => a.first),
      [4713, 2516, 1221],
    );
  });

  it('delegated (plain, without opaque-id)', () => {
    const p = parseRegistryFile(fixtureText('delegated-ripencc.txt'));
    assert.equal(p.registry, 'ripencc');
    assert.equal(p.ranges.length, 3);
    assert.equal(p.ranges[0]!.opaqueId, null);
    assert.equal(p.ranges[0]!.end - p.ranges[0]!.start, 1023n);
  });

  it('RDAP ip network objects: registrant, nested abuse entity, registry from port43 or links, origin ASNs', () => {
    const p = parseRegistryFile(fixtureText('rdap-ocn.json'));
    assert.equal(p.format, 'rdap');
    assert.equal(p.ranges.length, 3);
    assert.equal(p.skipped, 1); // the autnum object
    const [ocn, cust, de] = p.ranges;
    assert.equal(ocn!.holder, 'NTT Communications Corporation');
    assert.equal(ocn!.abuse, 'abuse@ocn.example.ad.jp');
    assert.equal(ocn!.registry, 'apnic');
    assert.equal(ocn!.recordDate, '2024-05-01T03:04:05.000Z'); // the event's instant, in UTC
    assert.equal(ocn!.handle, '60.32.0.0 - 60.47.255.255');
    assert.equal(cust!.holder, 'Example Customer K.K.');
    assert.equal(de!.family, 6);
    assert.equal(de!.registry, 'ripencc');
    assert.equal(de!.abuse, 'abuse@hoster.example.de');
    assert.deepEqual(de!.asns, [24940]);
    assert.equal(p.dataDate, '2025-01-10');
    const single = parseRegistryFile(
      JSON.stringify({ objectClassName: 'ip network', startAddress: '61.0.0.0', endAddress: '61.0.0.255', name: 'N' }),
    );
    assert.equal(single.ranges[0]!.holder, 'N');
  });

  it('RDAP: the registration is kept apart from the last change; an unreadable one is said and dropped', () => {
    const net = (events: Array<{ eventAction: string; eventDate: string }>) =>
      JSON.stringify({ objectClassName: 'ip network', startAddress: '192.0.2.0', endAddress: '192.0.2.255', events });
    const both = parseRegistryFile(
      net([
        { eventAction: 'last changed', eventDate: '2025-06-01T09:00:00+09:00' },
        { eventAction: 'registration', eventDate: '2025-03-10T00:00:00Z' },
      ]),
      'rdap',
    );
    assert.equal(both.ranges[0]!.recordDate, '2025-06-01T00:00:00.000Z');
    assert.equal(both.ranges[0]!.registeredDate, '2025-03-10T00:00:00.000Z');
    const bad = parseRegistryFile(
      net([
        { eventAction: 'last changed', eventDate: '2025-06-01T00:00:00Z' },
        { eventAction: 'registration', eventDate: '2025-02-30T00:00:00Z' },
      ]),
      'rdap',
    );
    assert.equal(bad.ranges[0]!.recordDate, '2025-06-01T00:00:00.000Z');
    assert.equal(bad.ranges[0]!.registeredDate, undefined);
    assert.deepEqual(
      bad.problems.map((x) => x.en),
      ['object 1: the registration "2025-02-30T00:00:00Z" is not a calendar date; it was not kept'],
    );
  });

  it('RDAP: an address written as its full-length prefix (RIPE NCC IPv6) is that address; another is not', () => {
    const net = (start: string, end: string) =>
      JSON.stringify({ objectClassName: 'ip network', startAddress: start, endAddress: end, type: 'ASSIGNED PI' });
    const p = parseRegistryFile(net('2001:67c:4e8::/128', '2001:67c:4e8:ffff:ffff:ffff:ffff:ffff/128'), 'rdap');
    assert.deepEqual(p.problems, []);
    assert.equal(p.ranges[0]!.family, 6);
    assert.equal(p.ranges[0]!.start, 0x2001067c04e8n << 80n);
    assert.equal(p.ranges[0]!.end, (0x2001067c04e8n << 80n) | ((1n << 80n) - 1n));
    assert.equal(parseRegistryFile(net('192.0.2.0/32', '192.0.2.255/32'), 'rdap').ranges.length, 1);
    for (const [start, end] of [
      ['2001:67c:4e8::/48', '2001:67c:4e8:ffff:ffff:ffff:ffff:ffff'],
      ['192.0.2.0/24', '192.0.2.255'],
      ['192.0.2.0/128', '192.0.2.255'],
    ] as const)
      assert.equal(parseRegistryFile(net(start, end), 'rdap').skipped, 1, start);
  });

  it('JPNIC WHOIS (/e): CIDR, explicit range and IPv6 network numbers, organisation, abuse, dates', () => {
    const p = parseRegistryFile(fixtureText('jpnic-e.txt'));
    assert.equal(p.format, 'jpnic');
    assert.equal(p.ranges.length, 3);
    const [bb, cafe, v6] = p.ranges;
    assert.equal(bb!.start, v4('61.112.0.0'));
    assert.equal(bb!.end, v4('61.113.255.255'));
    assert.equal(bb!.holder, 'Example Broadband Corp.');
    assert.equal(bb!.handle, 'EXAMPLE-BB');
    assert.equal(bb!.recordDate, '2015-06-01');
    assert.equal(bb!.country, 'JP');
    assert.equal(cafe!.end - cafe!.start, 127n);
    assert.equal(cafe!.abuse, 'abuse@cafe.example.jp');
    assert.equal(cafe!.status, 'assigned');
    assert.equal(v6!.family, 6);
    assert.equal(v6!.end - v6!.start, (1n << 80n) - 1n);
    const ja = parseRegistryFile(
      'a. [ネットワーク番号]     61.1.0.0/16\ng. [組織名]   例示株式会社\n[最終更新]   2020/01/01 00:00:00(JST)\n',
    );
    assert.equal(ja.ranges[0]!.holder, '例示株式会社');
  });

  it('bad lines are counted, never thrown', () => {
    const p = parseRegistryFile(
      '2|apnic|20261124|3|19830613|20261123|+1000\napnic|JP|ipv4|999.1.1.1|256|20200101|allocated\n' +
        'apnic|JP|ipv4|1.1.1.0|0|20200101|allocated\napnic|JP|ipv6|2400::|129|x|allocated\nfoo|bar\n',
      'delegated',
    );
    assert.equal(p.ranges.length, 0);
    assert.equal(p.skipped, 4);
    // Each reason names its line, in both languages.
    assert.deepEqual(p.problems, [
      { ja: '2 行目: IPv4 の範囲が不正です', en: 'line 2: bad IPv4 range' },
      { ja: '3 行目: IPv4 の範囲が不正です', en: 'line 3: bad IPv4 range' },
      { ja: '4 行目: IPv6 の範囲が不正です', en: 'line 4: bad IPv6 range' },
      { ja: '5 行目: 項目が 7 個に足りません', en: 'line 5: fewer than 7 fields' },
    ]);
    const r = parseRegistryFile(
      '[{"objectClassName":"ip network","startAddress":"61.0.0.9","endAddress":"61.0.0.1"},' +
        '{"objectClassName":"autnum"}]',
      'rdap',
    );
    assert.equal(r.ranges.length, 0);
    assert.equal(r.skipped, 2, 'an end before its start is counted, and said');
    assert.deepEqual(r.problems, [
      {
        ja: '1 番目のオブジェクト: endAddress "61.0.0.1" が startAddress "61.0.0.9" より前です',
        en: 'object 1: endAddress "61.0.0.1" is before startAddress "61.0.0.9"',
      },
      {
        ja: '2 番目のオブジェクト: RDAP の ip network ではありません（objectClassName: 「ip network」を指定してください）',
        en: 'object 2: not an RDAP ip network (objectClassName: expected "ip network")',
      },
    ]);
    assert.equal(parseRegistryFile('{not json', 'rdap').skipped, 1);
    const j = parseRegistryFile('a. [Network Number]             nope\n', 'jpnic');
    assert.deepEqual(j.problems, [
      { ja: '1 行目: ネットワーク番号を読み取れません: "nope"', en: 'line 1: unreadable network number "nope"' },
    ]);
    // Past the first 20 reasons, the rest are counted.
    const many = parseRegistryFile(
      `2|apnic|20261124|3|19830613|20261123|+1000\n${'foo|bar\n'.repeat(23)}`,
      'delegated',
    );
    assert.equal(many.problems.length, 20);
    assert.equal(many.problemsNotKept, 3);
    assert.equal(p.problemsNotKept, 0);
  });
});
