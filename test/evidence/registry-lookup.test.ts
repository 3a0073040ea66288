import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupAddresses, RegistryTable } from '../../src/evidence/index.ts';
import type { TableRecord } from '../../src/evidence/registry/table.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { fixtureTable, holderRange, rng } from './helpers.ts';

describe('registry lookup (in memory)', () => {
  const table = fixtureTable();

  it('most specific range wins across overlapping sources; registry and country from the RIR data', () => {
    const [cust, ocn] = lookupAddresses(table, ['60.32.128.5', '60.40.1.1']);
    assert.equal(cust!.holder?.name, 'Example Customer K.K.');
    assert.deepEqual(cust!.range, { start: '60.32.128.0', end: '60.32.128.255', cidrs: ['60.32.128.0/24'] });
    assert.equal(cust!.registry, 'apnic');
    assert.equal(cust!.country, 'JP');
    // the customer's assignment names no abuse contact: the enclosing range's applies, and its source is listed
    assert.equal(cust!.abuse, 'abuse@ocn.example.ad.jp');
    assert.deepEqual(
      cust!.source.map((s) => s.range),
      ['60.32.128.0-60.32.128.255', '60.32.0.0-60.47.255.255', '60.32.0.0-60.47.255.255'],
    );
    assert.equal(ocn!.holder?.name, 'NTT Communications Corporation');
    assert.equal(ocn!.abuse, 'abuse@ocn.example.ad.jp');
    assert.deepEqual(ocn!.range?.cidrs, ['60.32.0.0/12']);
    assert.deepEqual(ocn!.asns, [4713]); // same opaque-id in delegated-extended data
    assert.deepEqual(
      ocn!.source.map((s) => s.format),
      ['rdap', 'delegated'],
    );
    assert.equal(ocn!.source[1]!.dataDate, '2026-11-23');
    assert.equal(ocn!.source[1]!.recordDate, '2004-02-19');
  });

  it('JPNIC WHOIS assignments inside an APNIC allocation', () => {
    const [cafe, bb] = lookupAddresses(table, ['61.113.4.100', '61.113.4.128']);
    assert.equal(cafe!.holder?.name, 'Manga Kissa Example K.K.');
    assert.equal(cafe!.abuse, 'abuse@cafe.example.jp');
    assert.equal(cafe!.range?.cidrs[0], '61.113.4.0/25');
    assert.equal(bb!.holder?.name, 'Example Broadband Corp.');
    assert.equal(bb!.registry, 'apnic');
  });

  it('IPv6, IPv4-mapped input, unknown and invalid addresses', () => {
    const [v6a, v6b, mapped, none, bad] = lookupAddresses(table, [
      '2400:4050:a0c1:1::25',
      '2400:4050:1::1',
      '::ffff:1.0.2.3',
      '8.8.8.8',
      'not-an-ip',
    ]);
    assert.equal(v6a!.holder?.name, 'Example Sender K.K.');
    assert.equal(v6a!.range?.cidrs[0], '2400:4050:a0c1::/48');
    assert.equal(v6b!.holder, null);
    assert.equal(v6b!.country, 'JP');
    assert.equal(v6b!.range?.cidrs[0], '2400:4050::/32');
    assert.equal(mapped!.address, '1.0.2.3');
    assert.equal(mapped!.country, 'CN');
    assert.deepEqual(mapped!.range?.cidrs, ['1.0.1.0/24', '1.0.2.0/23']);
    assert.equal(none!.registry, null);
    assert.equal(none!.range, null);
    assert.equal(none!.provider.verdict, 'unknown');
    assert.equal(bad!.error?.code, 'REGISTRY_ADDRESS_INVALID');
  });

  it('the compact registry/country path agrees with the full answer', () => {
    const addrs = [
      '60.32.128.5',
      '61.113.4.100',
      '2400:4050:a0c1:1::25',
      '185.12.64.3',
      '1.0.2.3',
      '8.8.8.8',
      '2a01:4f8:1::1',
    ];
    const full = lookupAddresses(table, addrs);
    const quick = addrs.map((x) => table.registryAndCountry(parseAddress(x, HEADER_SYNTAX)!));
    assert.deepEqual(
      quick,
      full.map((r) => ({ registry: r.registry, country: r.country })),
    );
    assert.deepEqual(quick[3], { registry: 'ripencc', country: 'DE' });
  });

  it('two holder records of one range: the newer wins whatever its format; format only breaks a tie', () => {
    const src = (format: 'jpnic' | 'rdap') => ({ format, file: format, sha256: 'x', dataDate: null, importedAt: 'x' });
    const rec = (holder: string, format: 'jpnic' | 'rdap', recordDate: string | null): TableRecord => ({
      ...holderRange(4, 0x7e210000n, 0x7e21ffffn, holder, src(format)),
      recordDate,
    });
    const holderOf = (records: TableRecord[]): string | null | undefined =>
      lookupAddresses(RegistryTable.build(records), ['126.33.10.200'])[0]!.holder?.name;
    // a WHOIS answer saved in 2019 beside the RDAP record of a transfer in 2024: the RDAP record is in force
    const transfer = [rec('Old Holder', 'jpnic', '2019-04-01'), rec('New Holder', 'rdap', '2024-06-01T00:00:00.000Z')];
    assert.equal(holderOf(transfer), 'New Holder');
    assert.equal(holderOf([...transfer].reverse()), 'New Holder');
    assert.equal(holderOf([rec('Old', 'rdap', '2019-04-01'), rec('New', 'jpnic', '2024-06-01')]), 'New');
    // the same day (an instant inside a day of unstated zone) or undated: the dates do not tell, WHOIS wins
    assert.equal(holderOf([rec('W', 'jpnic', '2024-06-01'), rec('R', 'rdap', '2024-06-01T09:00:00.000Z')]), 'W');
    assert.equal(holderOf([rec('R', 'rdap', '2024-06-01T09:00:00.000Z'), rec('W', 'jpnic', null)]), 'W');
  });

  it('flattened index agrees with a brute-force most-specific search (random overlapping ranges, fixed seed)', () => {
    const rand = rng(20261125);
    const source = { format: 'rdap' as const, file: 'x', sha256: 'x', dataDate: null, importedAt: 'x' };
    const records: TableRecord[] = [];
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(rand() * 2 ** 32);
      const len = Math.floor(rand() ** 4 * 2 ** 24);
      const end = Math.min(2 ** 32 - 1, start + len);
      records.push(holderRange(4, BigInt(start), BigInt(end), `h${i}`, source));
    }
    const t = RegistryTable.build(records);
    for (let k = 0; k < 5000; k++) {
      // probe near range edges as well as at random
      const r = records[Math.floor(rand() * records.length)]!;
      const probes = [
        Math.floor(rand() * 2 ** 32),
        Number(r.start),
        Number(r.end),
        Number(r.start) - 1,
        Number(r.end) + 1,
      ].filter((p) => p >= 0 && p < 2 ** 32);
      for (const p of probes) {
        let best: TableRecord | null = null;
        for (const c of records)
          if (BigInt(p) >= c.start && BigInt(p) <= c.end && (best === null || c.end - c.start < best.end - best.start))
            best = c;
        const hit = t.lookup(
          parseAddress(`${p >>> 24}.${(p >>> 16) & 255}.${(p >>> 8) & 255}.${p & 255}`, HEADER_SYNTAX)!,
        ).holder;
        assert.equal(
          hit === null ? null : hit.end - hit.start,
          best === null ? null : best.end - best.start,
          `address ${p}`,
        );
      }
    }
  });

  it('IPv6 flattening agrees with brute force too', () => {
    const rand = rng(7);
    const source = { format: 'jpnic' as const, file: 'x', sha256: 'x', dataDate: null, importedAt: 'x' };
    const records: TableRecord[] = [];
    for (let i = 0; i < 200; i++) {
      const prefix = 16 + Math.floor(rand() * 48);
      const hi = BigInt(0x2400 + Math.floor(rand() * 4)) << 112n;
      const start = (hi | (BigInt(Math.floor(rand() * 2 ** 32)) << 80n)) & ~((1n << BigInt(128 - prefix)) - 1n);
      records.push(holderRange(6, start, start | ((1n << BigInt(128 - prefix)) - 1n), `h${i}`, source));
    }
    const t = RegistryTable.build(records);
    const hex = (b: bigint): string => b.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
    for (let k = 0; k < 3000; k++) {
      const r = records[Math.floor(rand() * records.length)]!;
      for (const p of [r.start, r.end, r.end + 1n, r.start + BigInt(Math.floor(rand() * 1000))]) {
        let best: TableRecord | null = null;
        for (const c of records)
          if (p >= c.start && p <= c.end && (best === null || c.end - c.start < best.end - best.start)) best = c;
        const hit = t.lookup(parseAddress(hex(p), HEADER_SYNTAX)!).holder;
        assert.equal(hit === null ? null : hit.end - hit.start, best === null ? null : best.end - best.start);
      }
    }
  });
});
