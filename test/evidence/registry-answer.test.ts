import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReferenceRegistry } from '../../src/evidence/registry/reference.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/evidence/registry/snapshot.ts';
import { RegistryTable, type TableRecord } from '../../src/evidence/registry/table.ts';
import type { RegistryAsnBlock, RegistrySource } from '../../src/evidence/registry/types.ts';
import { formatBigInt, formatIPv4, HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { fixtureRecords, rng } from './helpers.ts';

/**
 * The fast path (merged index, shared frozen answers, allocation-free IPv4 text parsing) must give
 * exactly what the straightforward reference gives: separate indexes per kind, answers built afresh
 * with BigInt arithmetic — the code `lookupAddresses` ran before.
 */

const SOURCES: RegistrySource[] = [
  {
    format: 'delegated',
    file: 'delegated-apnic',
    sha256: 'a',
    dataDate: '2026-11-23',
    importedAt: '2026-11-25T00:00:00.000Z',
  },
  {
    format: 'delegated',
    file: 'delegated-ripencc',
    sha256: 'b',
    dataDate: '2026-11-22',
    importedAt: '2026-11-25T00:00:00.000Z',
  },
  { format: 'rdap', file: 'rdap.json', sha256: 'c', dataDate: null, importedAt: '2026-11-25T00:00:01.000Z' },
  { format: 'jpnic', file: 'whois.txt', sha256: 'd', dataDate: '2026-11-01', importedAt: '2026-11-25T00:00:02.000Z' },
];

/** Random overlapping ranges of every kind, many sharing sizes (ties), some with abuse contacts, ASNs, opaque-ids. */
function randomData(seed: number, count: number): { records: TableRecord[]; asns: RegistryAsnBlock[] } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const maybe = <T>(p: number, v: T): T | null => (rand() < p ? v : null);
  const records: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(SOURCES);
    const delegated = source.format === 'delegated';
    const family: 4 | 6 = rand() < 0.7 ? 4 : 6;
    let start: bigint;
    let end: bigint;
    if (family === 4) {
      // prefix-aligned blocks (ties between sources) and arbitrary ranges
      if (rand() < 0.6) {
        const prefix = 8 + Math.floor(rand() * 25);
        const size = 2 ** (32 - prefix);
        const s = Math.floor((rand() * 2 ** 32) / size) * size;
        start = BigInt(s);
        end = BigInt(s + size - 1);
      } else {
        const s = Math.floor(rand() * 2 ** 32);
        start = BigInt(s);
        end = BigInt(Math.min(2 ** 32 - 1, s + Math.floor(rand() ** 3 * 2 ** 22)));
      }
    } else {
      const prefix = 20 + Math.floor(rand() * 45);
      const hi = BigInt(0x2400 + Math.floor(rand() * 3)) << 112n;
      const s =
        (hi | (BigInt(Math.floor(rand() * 2 ** 32)) << 80n) | BigInt(Math.floor(rand() * 2 ** 32))) &
        ~((1n << BigInt(128 - prefix)) - 1n);
      start = s;
      end = rand() < 0.8 ? s | ((1n << BigInt(128 - prefix)) - 1n) : s + BigInt(Math.floor(rand() * 2 ** 40));
    }
    const registry = delegated
      ? source.file.endsWith('apnic')
        ? 'apnic'
        : 'ripencc'
      : maybe(0.5, pick(['apnic', 'arin', 'jpnic']));
    records.push({
      family,
      start,
      end,
      registry,
      country: maybe(0.9, pick(['JP', 'DE', 'US', 'CN'])),
      status: maybe(0.8, pick(['allocated', 'assigned'])),
      holder: delegated
        ? null
        : maybe(0.8, pick(['日本ネットワーク株式会社', 'Example K.K.', 'Émile & Co', `holder ${i}`])),
      handle: delegated ? null : maybe(0.7, `NET-${i}`),
      abuse: delegated ? null : maybe(0.5, pick(['abuse@example.jp', `abuse${i}@example.net`, 'no-at-sign'])),
      asns: delegated ? [] : rand() < 0.3 ? [64500 + Math.floor(rand() * 20), 64500 + Math.floor(rand() * 20)] : [],
      opaqueId: delegated ? maybe(0.7, `A9${Math.floor(rand() * 30)}`) : null,
      recordDate: maybe(0.9, pick(['2004-02-19', '2015-01-01', '2026-11-01'])),
      source,
    });
  }
  const asns: RegistryAsnBlock[] = [];
  for (let i = 0; i < 60; i++)
    asns.push({
      registry: pick(['apnic', 'ripencc']),
      country: 'JP',
      first: 4000 + i * 3,
      count: 1 + Math.floor(rand() * 20),
      opaqueId: maybe(0.9, `A9${Math.floor(rand() * 30)}`),
    });
  return { records, asns };
}

/** Probe texts: random addresses, range edges and their neighbours, other spellings, invalid text. */
function probes(records: readonly TableRecord[], seed: number, count: number): string[] {
  const rand = rng(seed);
  const out: string[] = [];
  const text = (family: 4 | 6, v: bigint): string | null => {
    if (v < 0n) return null;
    if (family === 4) return v <= 0xffffffffn ? formatIPv4(Number(v)) : null;
    return v < 1n << 128n ? formatBigInt(6, v) : null;
  };
  for (let k = 0; k < count; k++) {
    const r = records[Math.floor(rand() * records.length)]!;
    const x = rand();
    if (x < 0.3) out.push(formatIPv4(Math.floor(rand() * 2 ** 32)));
    else if (x < 0.85) {
      for (const v of [r.start, r.end, r.start - 1n, r.end + 1n]) {
        const t = text(r.family, v);
        if (t) out.push(t);
      }
    } else if (x < 0.95) {
      const t = text(r.family, r.start + (r.end - r.start) / 2n);
      if (t) out.push(r.family === 4 ? pick4(rand, t) : `[${t}]`);
    } else out.push(pick4(rand, 'not-an-ip'));
  }
  return out;
}

function pick4(rand: () => number, v4: string): string {
  const forms = [v4, `[${v4}]`, `::ffff:${v4}`, ` ${v4} `, `${v4}.`, `0${v4}`];
  return forms[Math.floor(rand() * forms.length)]!;
}

function isDeepFrozen(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return true;
  return Object.isFrozen(x) && Object.values(x).every(isDeepFrozen);
}

describe('registry full-record fast path', () => {
  const matchesReferenceTitle =
    'returns exactly what the reference returns, for 39,000+ seeded random addresses over random overlapping data';
  it(matchesReferenceTitle, () => {
    for (const seed of [1, 2, 3]) {
      const { records, asns } = randomData(20261125 + seed, 700);
      const table = RegistryTable.build(records, asns);
      const ref = new ReferenceRegistry(records, asns);
      let compared = 0;
      for (const p of probes(records, seed, 5000)) {
        const fast = table.answerText(p);
        const slow = ref.answerText(p);
        assert.deepStrictEqual(fast, slow, `seed ${seed}, address ${JSON.stringify(p)}`);
        if (fast) {
          assert.ok(isDeepFrozen(fast), 'answers are deeply frozen');
          // the record-level API agrees too
          const a = parseAddress(p, HEADER_SYNTAX)!;
          assert.deepStrictEqual(table.lookup(a), ref.lookup(a));
          assert.deepStrictEqual(table.abuseRecord(a), ref.abuseRecord(a));
          assert.deepStrictEqual(table.asnsFor(table.lookup(a)), ref.asnsFor(ref.lookup(a)));
        }
        compared++;
      }
      assert.ok(compared > 13_000);
    }
  });

  it('agrees with the reference on the fixtures, and shares one frozen object per answer', () => {
    const { records, asns } = fixtureRecords();
    const table = RegistryTable.build(records, asns);
    const ref = new ReferenceRegistry(records, asns);
    for (const p of probes(records, 99, 3000)) assert.deepStrictEqual(table.answerText(p), ref.answerText(p), p);
    const a = table.answerText('60.32.128.5')!;
    assert.equal(table.answerText('60.32.128.77'), a, 'same segment, same object');
    assert.equal(table.answer(parseAddress('::ffff:60.32.128.5', HEADER_SYNTAX)!), a);
    assert.equal(a.holder?.name, 'Example Customer K.K.');
    assert.throws(() => {
      (a as { country: string | null }).country = 'XX';
    }, TypeError);
    assert.equal(table.answerText('nope'), null);
    assert.deepStrictEqual(table.answerText('8.8.8.8'), {
      registry: null,
      country: null,
      range: null,
      holder: null,
      abuse: null,
      asns: [],
      source: [],
    });
  });
});

describe('registry snapshot (binary)', () => {
  it('round-trips: records, answers and the record-level API are unchanged', () => {
    const { records, asns } = randomData(7, 900);
    // a lone surrogate forces the exact UTF-16 string encoding
    records[3] = { ...records[3]!, holder: 'broken \ud800 name' };
    const built = RegistryTable.build(records, asns);
    const bytes = encodeSnapshot(built);
    const loaded = decodeSnapshot(bytes)!;
    assert.ok(loaded);
    assert.equal(loaded.recordCount, records.length);
    assert.equal(loaded.segmentCount, built.segmentCount);
    assert.deepStrictEqual(loaded.records, built.records);
    const ref = new ReferenceRegistry(records, asns);
    for (const p of probes(records, 5, 4000)) {
      assert.deepStrictEqual(loaded.answerText(p), built.answerText(p), p);
      assert.deepStrictEqual(loaded.answerText(p), ref.answerText(p), p);
      const a = parseAddress(p, HEADER_SYNTAX);
      if (a) {
        assert.deepStrictEqual(loaded.find(a), built.find(a));
        assert.deepStrictEqual(loaded.registryAndCountry(a), built.registryAndCountry(a));
        assert.deepStrictEqual(loaded.asnsFor(loaded.lookup(a)), built.asnsFor(built.lookup(a)));
      }
    }
    // UTF-8 path too
    const plain = RegistryTable.build(
      records.map((r) => ({ ...r, holder: r.holder === 'broken \ud800 name' ? '日本語の名前' : r.holder })),
      asns,
    );
    assert.deepStrictEqual(decodeSnapshot(encodeSnapshot(plain))!.records, plain.records);
  });

  it('an empty table round-trips', () => {
    const t = decodeSnapshot(encodeSnapshot(RegistryTable.build([])))!;
    assert.deepStrictEqual(t.answerText('1.2.3.4'), t.answerText('2400::1'));
    assert.equal(t.answerText('1.2.3.4')!.range, null);
  });

  it('another format is ignored; damaged bytes are refused, never misread', () => {
    const { records, asns } = randomData(11, 200);
    const bytes = encodeSnapshot(RegistryTable.build(records, asns));
    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(999, 8);
    assert.equal(decodeSnapshot(otherVersion), null);
    assert.equal(decodeSnapshot(Buffer.from('not a snapshot at all')), null);
    const rand = rng(3);
    for (let k = 0; k < 50; k++) {
      const bad = Buffer.from(bytes);
      const at = 20 + Math.floor(rand() * (bad.length - 20));
      bad[at] = bad[at]! ^ (1 + Math.floor(rand() * 255));
      let result: RegistryTable | null | 'threw' = 'threw';
      try {
        result = decodeSnapshot(bad);
      } catch {
        // refused
      }
      assert.equal(result, 'threw', `flipped byte ${at}`);
    }
    assert.throws(() => decodeSnapshot(bytes.subarray(0, bytes.length - 10)));
  });
});
