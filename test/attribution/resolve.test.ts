import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { QueryError, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../../src/attribution/store/memory-index.ts';
import { SqliteAttributionRepository } from '../../src/attribution/store/sqlite.repository.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { formatAtOffset } from '../../src/domain/time.ts';
import { type Dialect, testDialects } from '../support/dialects.ts';
import { B, iso } from './helpers.ts';
import { populatedStore } from './setup.ts';

const accounts = (r: Resolution): string[] => r.candidates.map((c) => c.account ?? '?').sort();
const codes = (r: Resolution): string[] => r.reasons.map((x) => x.code);

// Every dialect, plus the in-memory snapshot over SQLite: the same answers are expected from each.
const variants: Array<{ dialect: Dialect; memory: boolean }> = testDialects().map((dialect) => ({
  dialect,
  memory: false,
}));
if (testDialects().includes('sqlite')) variants.push({ dialect: 'sqlite', memory: true });

for (const { dialect, memory } of variants) {
  describe(`resolver on ${dialect}${memory ? ' with the in-memory snapshot' : ''}`, () => {
    let store: AttributionStore;
    let close: () => Promise<void>;
    let drop: () => Promise<void>;
    let resolver: Resolver;
    before(async () => {
      const s = await populatedStore(dialect);
      if (memory) {
        assert.ok(s.repo instanceof SqliteAttributionRepository, 'the snapshot loads from SQLite');
        store = await MemoryIndexedStore.load(s.repo);
      } else store = s.repo;
      close = s.close;
      drop = s.drop;
      resolver = new Resolver(store);
    });
    after(async () => {
      await close();
      await drop();
    });

    test('CGNAT address and port: the full chain to the contract holder, with sources', async () => {
      const r = await resolver.resolve({ ip: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' });
      assert.equal(r.verdict, 'unique');
      assert.equal(r.query.atUtc, '2026-03-28T16:30:12.000Z');
      assert.equal(r.query.at, '2026-03-29T01:30:12+09:00');
      assert.deepEqual(r.query.window, { from: '2026-03-28T16:30:12.000Z', to: '2026-03-28T16:30:12.000Z' });
      assert.equal(r.candidates.length, 1);
      const c = r.candidates[0]!;
      assert.equal(c.account, 'alice');
      assert.equal(c.insideAddress, '100.64.0.10');
      assert.equal(c.holder?.name, '山田 花子');
      assert.equal(c.holder?.installationAddress, '東京都千代田区1-1-1, 101号');
      // the contract by its days as the directory wrote them (a civil date in Tokyo), never a UTC instant
      assert.deepEqual([c.holder?.contractStart, c.holder?.contractEnd], ['2020-04-01', null]);
      assert.deepEqual(c.sources.map((s) => `${s.kind}:${s.file.split('/').pop()}:${s.line}`).sort(), [
        'assign:radius-detail.txt:10',
        'nat-block:juniper-pba.log:2',
      ]);
      assert.equal(c.from, iso(B + 10));
      assert.equal(c.to, iso(B + 3600));
    });

    test('PBA interim records keep the block held; the same port later belongs to the next holder', async () => {
      const r1 = await resolver.resolve({ ip: '203.0.113.7', port: '40447', at: iso(B + 1811) });
      assert.deepEqual([r1.verdict, accounts(r1)], ['unique', ['alice']]);
      const r2 = await resolver.resolve({ ip: '203.0.113.7', port: 40192, at: iso(B + 5000) });
      assert.deepEqual([r2.verdict, accounts(r2)], ['unique', ['dave']]);
      assert.equal(r2.candidates[0]!.holder?.name, '高橋 次郎');
      // its last day included, as written (2026-03-29), not the next day's midnight in UTC
      const { contractStart, contractEnd } = r2.candidates[0]!.holder ?? {};
      assert.deepEqual([contractStart, contractEnd], ['2018-01-01', '2026-03-29']);
    });

    test('a window straddling a hand-over is ambiguous and lists both holders', async () => {
      const r = await resolver.resolve({
        ip: '203.0.113.7',
        port: 40211,
        at: '2026-03-29T02:00:01+09:00',
        tolerance: '2s',
      });
      assert.equal(r.verdict, 'ambiguous');
      assert.deepEqual(accounts(r), ['alice', 'dave']);
      assert.ok(codes(r).includes('handover'));
      const tight = await resolver.resolve({ ip: '203.0.113.7', port: 40211, at: '2026-03-29T02:00:01+09:00' });
      assert.equal(tight.verdict, 'none');
      assert.ok(codes(tight).includes('gap'), JSON.stringify(tight.reasons));
      // Each language reads whole, the previous record's end included, at the offset the question was asked at.
      const gap = tight.reasons.find((x) => x.code === 'gap');
      assert.match(gap?.text.en ?? '', /; the previous record ended at 2026-03-29 \d{2}:\d{2}:\d{2} \+09:00$/);
      assert.match(gap?.text.ja ?? '', /。直前の記録は 2026-03-29 \d{2}:\d{2}:\d{2} \+09:00 に終了$/);
    });

    test('a port outside every block is none, with the reason', async () => {
      const r = await resolver.resolve({ ip: '203.0.113.7', port: 1000, at: '2026-03-29T01:30:12+09:00' });
      assert.equal(r.verdict, 'none');
      assert.deepEqual(r.candidates, []);
      assert.ok(codes(r).includes('port_outside_blocks'));
    });

    test('a CGNAT query without a port is ambiguous and lists every holder of that public address then', async () => {
      const r = await resolver.resolve({ ip: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' });
      assert.equal(r.verdict, 'ambiguous');
      assert.deepEqual([...new Set(accounts(r))], ['alice', 'carol']);
      assert.ok(codes(r).includes('no_port_cgnat'));
      const later = await resolver.resolve({ ip: '203.0.113.7', at: iso(B + 5000) });
      assert.ok(accounts(later).includes('dave'));
      assert.ok(!accounts(later).includes('alice'));
    });

    test('an IPv6 address inside a delegated prefix', async () => {
      const r = await resolver.resolve({ ip: '2001:db8:1200:ab::1', at: '2026-03-29T01:30:12+09:00' });
      assert.deepEqual([r.verdict, accounts(r)], ['unique', ['alice']]);
      assert.equal(r.candidates[0]!.insideAddress, '2001:db8:1200::/56');
      const pd = await resolver.resolve({ ip: '2001:db8:3400:12::5', at: iso(B + 100) });
      assert.deepEqual([pd.verdict, accounts(pd)], ['unique', ['00:01:00:01:2d:3c:4b:5a:aa:bb:cc:dd:ee:04']]);
      const outside = await resolver.resolve({ ip: '2001:db8:1201::1', at: '2026-03-29T01:30:12+09:00' });
      assert.equal(outside.verdict, 'none');
    });

    const withoutStopTitle =
      'a session without Stop: held until last seen; possible (ambiguous) until the address is reused minutes later';
    test(withoutStopTitle, async () => {
      const r1 = await resolver.resolve({ ip: '100.64.0.11', at: iso(B + 300) });
      assert.deepEqual([r1.verdict, accounts(r1)], ['unique', ['bob']]);
      const r2 = await resolver.resolve({ ip: '100.64.0.11', at: iso(B + 700) });
      assert.deepEqual([r2.verdict, accounts(r2)], ['ambiguous', ['bob']]);
      assert.ok(
        r2.candidates[0]!.notes.some(
          (n) => n.code === 'no_stop' && n.text.en.includes(formatAtOffset(Date.parse(iso(B + 600)), 0)),
        ),
        JSON.stringify(r2.candidates[0]!.notes),
      );
      const r3 = await resolver.resolve({ ip: '100.64.0.11', at: iso(B + 1000) });
      assert.deepEqual([r3.verdict, accounts(r3)], ['unique', ['carol']]);
    });

    test('DHCP: renewals, a deleted lease, the address reused by another client minutes later', async () => {
      const r1 = await resolver.resolve({ ip: '10.0.10.60', at: iso(B + 1000) });
      assert.deepEqual([r1.verdict, accounts(r1)], ['unique', ['aa:bb:cc:dd:ee:01']]);
      assert.equal(r1.candidates[0]!.holder?.name, '伊藤 誠');
      const r2 = await resolver.resolve({ ip: '10.0.10.60', at: iso(B + 2000) });
      assert.deepEqual([r2.verdict, accounts(r2)], ['ambiguous', ['aa:bb:cc:dd:ee:01']]);
      const r3 = await resolver.resolve({ ip: '10.0.10.60', at: iso(B + 3000) });
      assert.deepEqual([r3.verdict, accounts(r3)], ['unique', ['aa:bb:cc:dd:ee:02']]);
      assert.ok(codes(r3).includes('no_subscriber'));
      const isc = await resolver.resolve({ ip: '172.17.1.4', at: '2019-10-20T10:01:00Z' });
      assert.deepEqual([isc.verdict, accounts(isc)], ['unique', ['00:16:3e:ef:a9:c1']]);
      const isc2 = await resolver.resolve({ ip: '172.17.1.4', at: '2019-10-20T10:03:00Z' });
      assert.equal(isc2.verdict, 'none', 'released at 10:02:00, next lease from 10:05:00');
    });

    test('zone abbreviations in the source and in the query', async () => {
      const r = await resolver.resolve({ ip: '198.51.100.20', at: '2026-03-29 02:00:00 JST' });
      assert.deepEqual([r.verdict, accounts(r)], ['unique', ['erin']]);
      const cest = await resolver.resolve({ ip: '78.92.255.12', at: '2015-06-09T00:00:00+02:00' });
      assert.deepEqual([cest.verdict, accounts(cest)], ['unique', ['taki_dsl_p']]);
    });

    test('DST in the source zone (Europe/Berlin, 2026-03-29)', async () => {
      const r = await resolver.resolve({ ip: '192.0.2.77', at: '2026-03-29T03:15:00+02:00' });
      assert.deepEqual([r.verdict, accounts(r)], ['unique', ['frank']]);
      const late = await resolver.resolve({ ip: '192.0.2.77', at: '2026-03-29T03:45:00+02:00' });
      assert.equal(late.verdict, 'none');
    });

    test('none: before the oldest record, after the newest, an address never assigned', async () => {
      const early = await resolver.resolve({ ip: '203.0.113.7', port: 40211, at: '2026-03-01T00:00:00+09:00' });
      assert.equal(early.verdict, 'none');
      assert.ok(codes(early).includes('before_records'));
      const late = await resolver.resolve({ ip: '203.0.113.7', port: 40211, at: '2027-01-01T00:00:00+09:00' });
      assert.equal(late.verdict, 'none');
      assert.ok(codes(late).includes('after_records'), JSON.stringify(late.reasons));
      const unknown = await resolver.resolve({ ip: '192.0.2.99', at: '2026-03-29T01:30:12+09:00' });
      assert.equal(unknown.verdict, 'none');
      assert.ok(codes(unknown).includes('unknown_address'));
    });

    test('a NAT mapping whose inside address has no session is none, naming the inside address', async () => {
      const r = await resolver.resolve({ ip: '203.0.113.50', port: 32768, at: '2024-03-29T08:13:30Z' });
      assert.equal(r.verdict, 'none');
      assert.ok(r.reasons.some((x) => x.code === 'inside_unassigned' && x.message.includes('10.0.15.42')));
    });

    test('generic CSV NAT and deterministic NAT (RFC 7422) configuration', async () => {
      const g = await resolver.resolve({ ip: '203.0.113.90', port: 2500, at: '2026-03-29T10:30:00+09:00' });
      assert.deepEqual([g.verdict, accounts(g)], ['unique', ['judy']]);
      const d = await resolver.resolve({
        ip: '198.51.100.129',
        port: 1024 + 256 * 3 + 5,
        at: '2026-03-29T12:00:00+09:00',
      });
      assert.deepEqual([d.verdict, accounts(d)], ['unique', ['kenji']]);
      assert.equal(d.candidates[0]!.insideAddress, '100.65.0.255');
      assert.equal(d.candidates[0]!.sources.find((s) => s.kind === 'nat-config')?.file, 'nat-config:det-tokyo-1');
      const low = await resolver.resolve({ ip: '198.51.100.129', port: 100, at: '2026-03-29T12:00:00+09:00' });
      assert.equal(low.verdict, 'none');
    });

    test('bad queries are rejected naming the field', async () => {
      await assert.rejects(
        resolver.resolve({ ip: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12' }),
        (e: unknown) => e instanceof QueryError && e.field === 'at',
      );
      await assert.rejects(
        resolver.resolve({ ip: '203.0.113.700', at: '2026-03-29T01:30:12Z' }),
        (e: unknown) => e instanceof QueryError && e.field === 'ip',
      );
      await assert.rejects(
        resolver.resolve({ ip: '203.0.113.7', port: '70000', at: '2026-03-29T01:30:12Z' }),
        (e: unknown) => e instanceof QueryError && e.field === 'port',
      );
      await assert.rejects(
        resolver.resolve({ ip: '203.0.113.7', at: '2026-03-29T01:30:12Z', tolerance: 'x' }),
        (e: unknown) => e instanceof QueryError && e.field === 'tolerance',
      );
    });
  });
}
