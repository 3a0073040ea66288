import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FormatMismatch, ingestFiles, StrictStop, ZoneMismatch } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { crashingAt } from './fresh-stores.ts';
import { B, fixture } from './helpers.ts';
import { openAttribution } from './setup.ts';

/** A synthetic PBA log: n blocks allocated and released, one line each. */
function pbaLog(n: number): string {
  /** Block `i` allocated or released, `offset + i` seconds after B. */
  const line = (event: 'ALLOC' | 'RELEASE', i: number, offset: number) => {
    const ip = `100.64.${(i >> 8) & 255}.${i & 255}`;
    const plo = 1024 + (i % 252) * 256;
    const pub = `198.51.100.${Math.floor(i / 252)}`;
    return (
      `RT_NAT - RT_SRC_NAT_PBA_${event} [internal-ip="${ip}" block-port-low="${plo}" ` +
      `block-port-high="${plo + 255}" reflexive-ip="${pub}" epoch-time-64="${(B + offset + i).toString(16)}"]`
    );
  };
  const blocks = Array.from({ length: n }, (_, i) => i);
  const lines = [...blocks.map((i) => line('ALLOC', i, 0)), ...blocks.map((i) => line('RELEASE', i, 5000))];
  return `${lines.join('\n')}\n`;
}

for (const dialect of testDialects()) {
  describe(`ingest on ${dialect}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-ingest-'));
    const drops: Array<() => Promise<void>> = [];
    /** A fresh main store's attribution repository; the store is closed (and dropped) after the suite. */
    const open = async (): Promise<AttributionStore> => {
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      drops.push(async () => {
        await opened.close();
        await loc.drop();
      });
      return opened.repo;
    };
    let log: string;
    /** A generic-csv file in the suite's directory: the header, then `rows`. */
    const genericCsv = (name: string, rows: string[]): string => {
      const path = join(dir, name);
      writeFileSync(path, ['type,start,end,address,port_low,port_high,inside_address,account', ...rows].join('\n'));
      return path;
    };
    before(() => {
      log = join(dir, 'pba.log');
      writeFileSync(log, pbaLog(600));
    });
    after(async () => {
      for (const d of drops) await d();
      rmSync(dir, { recursive: true, force: true });
    });

    test('re-ingesting the same file adds nothing twice', async () => {
      const store = await open();
      const first = await ingestFiles(store, [log], { format: 'juniper-pba', batchLines: 100 });
      assert.equal(first.ingested, 1200);
      const rows = await store.stats();
      const again = await ingestFiles(store, [log], { format: 'juniper-pba', batchLines: 100 });
      assert.equal(again.ingested, 0);
      assert.deepEqual(again.alreadyIngested, [log]);
      assert.deepEqual(await store.stats(), rows);
      assert.equal(rows.natBlocks, 600);
      // the same content under another name is the same file
      const copy = join(dir, 'pba-copy.log');
      writeFileSync(copy, pbaLog(600));
      const third = await ingestFiles(store, [copy], { format: 'juniper-pba' });
      assert.equal(third.ingested, 0);
      assert.deepEqual(await store.stats(), rows);
    });

    test('a file of which no line was stored is not kept as ingested: the run with its zone reads it', async () => {
      const store = await open();
      const csv = genericCsv('no-zone.csv', [
        'assign,2026-03-28T10:00:00,2026-03-28T18:00:00,2001:db8:1200::/56,,,,acct-1',
        'assign,2026-03-28T11:00:00,2026-03-28T19:00:00,2001:db8:1300::/56,,,,acct-2',
      ]);
      const refused = await ingestFiles(store, [csv], { format: 'generic-csv' });
      assert.deepEqual([refused.ingested, refused.skipped], [0, 2]);
      assert.deepEqual(refused.nothingStored, [csv]);
      assert.deepEqual(refused.alreadyIngested, []);
      const read = await ingestFiles(store, [csv], { format: 'generic-csv', zone: 'Asia/Tokyo' });
      assert.deepEqual([read.ingested, read.skipped, read.nothingStored], [2, 0, []]);
      const found = await new Resolver(store).resolve({
        ip: '2001:db8:1200::1',
        port: null,
        at: '2026-03-28T12:00:00+09:00',
      });
      assert.equal(found.verdict, 'unique');
      assert.deepEqual(
        found.candidates.map((c) => c.account),
        ['acct-1'],
      );
    });

    const wrongFormatTitle =
      'a file read in the wrong format is read again in the right one; a file done says how it was read';
    test(wrongFormatTitle, async () => {
      const store = await open();
      const wrong = await ingestFiles(store, [log], { format: 'kea4' });
      assert.equal(wrong.ingested, 0);
      assert.ok(wrong.skipped > 0);
      assert.deepEqual(wrong.nothingStored, [log]);
      const right = await ingestFiles(store, [log], { format: 'juniper-pba' });
      assert.equal(right.ingested, 1200);
      const again = await ingestFiles(store, [log], { format: 'kea4' });
      assert.deepEqual(again.alreadyIngested, [log]);
      assert.equal(again.earlierRuns.length, 1);
      assert.equal(again.earlierRuns[0]?.format, 'juniper-pba');
      assert.ok(Math.abs(Date.parse(again.earlierRuns[0]?.at ?? '') - Date.now()) < 3_600_000);
    });

    test('a hand-over at a shared second is ambiguous and named as a hand-over', async () => {
      const store = await open();
      const csv = genericCsv('handover.csv', [
        'assign,2026-03-28T10:00:00+09:00,2026-03-28T11:00:00+09:00,192.0.2.50,,,,acct-a',
        'assign,2026-03-28T11:00:00+09:00,2026-03-28T12:00:00+09:00,192.0.2.50,,,,acct-b',
      ]);
      await ingestFiles(store, [csv], { format: 'generic-csv' });
      const r = await new Resolver(store).resolve({ ip: '192.0.2.50', at: '2026-03-28T11:00:00+09:00' });
      assert.equal(r.verdict, 'ambiguous');
      assert.deepEqual(
        r.reasons.map((x) => x.code).filter((c) => c === 'handover' || c === 'several_accounts'),
        ['several_accounts', 'handover'],
      );
    });

    test('generic-csv counts the rows it stored, not the rows it refused', async () => {
      const store = await open();
      const csv = genericCsv('mixed.csv', [
        'assign,2026-03-28T10:00:00+09:00,2026-03-28T18:00:00+09:00,192.0.2.10,,,,acct-1',
        'assign,2026-03-28T10:00:00+09:00,,not-an-address,,,,acct-2',
        'nat,2026-03-28T10:00:00+09:00,,198.51.100.1,1024,2047,100.64.0.1,',
        'nat,2026-03-28T10:00:00+09:00,,198.51.100.1,99999,2047,100.64.0.2,',
        'other,2026-03-28T10:00:00+09:00,,198.51.100.1,,,,',
      ]);
      const summary = await ingestFiles(store, [csv], { format: 'generic-csv' });
      assert.deepEqual([summary.ingested, summary.skipped], [2, 3]);
      const stats = await store.stats();
      assert.equal(stats.assigns + stats.natBlocks + stats.natSessions, 2);
    });

    test('a file begun in one format is not resumed in another', async () => {
      const store = await open();
      await assert.rejects(
        ingestFiles(crashingAt(store, 2), [log], { format: 'juniper-pba', batchLines: 100 }),
        /simulated crash/,
      );
      await assert.rejects(
        ingestFiles(store, [log], { format: 'cisco-cgn', batchLines: 100 }),
        (e: unknown) => e instanceof FormatMismatch && e.begunAs === 'juniper-pba',
      );
      const resumed = await ingestFiles(store, [log], { format: 'juniper-pba', batchLines: 100 });
      assert.ok(resumed.ingested > 0);
    });

    const crashMidFileTitle =
      'a crash mid-file loses no committed batch, leaves no half batch, and a re-run completes it exactly once';
    test(crashMidFileTitle, async () => {
      const clean = await open();
      const crashed = await open();
      await ingestFiles(clean, [log], { format: 'juniper-pba', batchLines: 100 });
      await assert.rejects(
        ingestFiles(crashingAt(crashed, 10), [log], { format: 'juniper-pba', batchLines: 100 }),
        /simulated crash/,
      );
      const partial = await crashed.stats();
      // batches 7–9 (lines 601–900) closed 300 blocks; allocations still open stay in memory and are re-read
      assert.equal(partial.natBlocks, 300, 'the committed batches survive, the crashed one left nothing');
      // a file partly read goes on as it began: another --zone would read its next lines another way
      await assert.rejects(
        ingestFiles(crashed, [log], { format: 'juniper-pba', batchLines: 100, zone: 'Asia/Tokyo' }),
        ZoneMismatch,
      );
      const resumed = await ingestFiles(crashed, [log], { format: 'juniper-pba', batchLines: 100 });
      assert.ok(resumed.ingested > 0);
      assert.deepEqual(await crashed.stats(), await clean.stats());
      // and every block is closed exactly as in the clean run
      const r1 = new Resolver(clean);
      const r2 = new Resolver(crashed);
      for (const i of [0, 299, 599]) {
        const q = {
          ip: `198.51.100.${Math.floor(i / 252)}`,
          port: 1024 + (i % 252) * 256 + 7,
          at: new Date((B + 5000 + i + 1) * 1000).toISOString(),
        };
        const [a, b] = [await r1.resolve(q), await r2.resolve(q)];
        assert.equal(a.verdict, b.verdict);
        assert.equal(a.verdict, 'none', 'released before the instant');
      }
    });

    test('a bad line is reported as file:line: reason and skipped; --strict stops', async () => {
      const store = await open();
      const s = await ingestFiles(store, [fixture('juniper-pba.log')], { format: 'juniper-pba' });
      assert.equal(s.skipped, 1);
      assert.deepEqual(
        s.errors.map((e) => [e.file, e.line]),
        [[fixture('juniper-pba.log'), 10]],
      );
      assert.match(s.errors[0]!.reason, /epoch-time-64/);
      const other = await open();
      await assert.rejects(
        ingestFiles(other, [fixture('kea4.csv')], { format: 'kea4', strict: true }),
        (e: unknown) => e instanceof StrictStop && /kea4\.csv:8: /.test((e as Error).message),
      );
    });

    if (dialect === 'sqlite') {
      test('a SQLite store created by shokai is readable by its owner only (0600)', async () => {
        const path = join(dir, 'perm.sqlite');
        const opened = await openAttribution({ kind: 'sqlite', path });
        try {
          await ingestFiles(opened.repo, [log], { format: 'juniper-pba' });
          assert.equal(statSync(path).mode & 0o777, 0o600);
          // SQLite gives the write-ahead log the database file's permissions
          assert.equal(statSync(`${path}-wal`).mode & 0o777, 0o600);
        } finally {
          await opened.close();
        }
      });
    }
  });
}
