import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { testDialects } from '../support/dialects.ts';
import { askBoth, said } from './answers.ts';
import { stores } from './fresh-stores.ts';
import { B, iso } from './helpers.ts';
import { radius } from './radius-fixtures.ts';

// Two holdings of one stored key — the same address, start and account — both still open at a file's end:
// bob's two RADIUS sessions on 100.64.9.9 from 01:00 (one NAS, two session ids), two conntrack flows (TCP
// and UDP) of one inside address through one public port from one second. The store kept them as one open
// row, and the first end read in a later file closed it: after that end, bob's other session — never
// stopped — was gone from every answer (`unique alice` while bob may still hold it; `none` after alice's
// end). Each open holding is now a row of its own, named by the log's own identity for it (a session's NAS
// and id, a flow's protocol and inside port), and an end closes the holding it names and no other.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const at = (hhmm: string): AttributionQuery => ({ ip: '100.64.9.9', at: `2026-03-29T${hhmm}:00+09:00` });
const NAS = '192.0.2.2';

const RECORDS = {
  alice: radius(B, 'Start', 'alice', 'A1', '192.0.2.1'),
  aliceStop: radius(B + 3600, 'Stop', 'alice', 'A1', '192.0.2.1', 3600),
  bob1: radius(B, 'Start', 'bob', 'B1', NAS),
  bob2: radius(B, 'Start', 'bob', 'B2', NAS),
  stop1: radius(B + 300, 'Stop', 'bob', 'B1', NAS, 300),
  stop2: radius(B + 3000, 'Stop', 'bob', 'B2', NAS, 3000),
};

type Event = 'start' | 'end';
type Proto = 'tcp' | 'udp';

/** Logs of translations of 10.0.0.5 port 5353 through 203.0.113.50 port 40000: an event of one at `t`. */
const NAT_LOGS: Record<'conntrack' | 'netscaler-lsn', (t: number, event: Event, proto: Proto) => string> = {
  conntrack: (t, event, proto) => {
    const [n, dport] = proto === 'tcp' ? [6, 80] : [17, 53];
    return (
      `[${t}.000000]\t[${event === 'start' ? 'NEW' : 'DESTROY'}] ${proto}      ${n} 30 src=10.0.0.5 ` +
      `dst=192.0.2.80 sport=5353 dport=${dport} src=192.0.2.80 dst=203.0.113.50 sport=${dport} dport=40000`
    );
  },
  'netscaler-lsn': (t, event, proto) => {
    const [, y, mo, d, hms] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso(t))!;
    return (
      `${mo}/${d}/${y}:${hms} GMT Informational 0-PPE-2 : default LSN LSN_ADDRPORT_MAPPING 85 0 : A&PDM ` +
      `${event === 'start' ? 'CREATED' : 'DELETED'} Client IP:Port:TD 10.0.0.5:5353:0, NatIP:NatPort ` +
      `203.0.113.50:40000, Destination IP:Port:TD 192.0.2.80:80:0, Protocol: ${proto.toUpperCase()}`
    );
  },
};

for (const dialect of testDialects()) {
  describe(`two open holdings of one key on ${dialect}`, () => {
    const open = stores(dialect, 'shokai-open-holdings-');

    test('RADIUS: one Stop read later closes one of two open sessions; the other stays possible', async () => {
      const seen: Array<Array<ReturnType<typeof said>>> = [];
      for (const starts of [
        [RECORDS.bob1, RECORDS.bob2],
        [RECORDS.bob2, RECORDS.bob1],
      ]) {
        const s = await open();
        await s.ingest('detail.1', [RECORDS.alice, ...starts, RECORDS.aliceStop].join('\n'), 'radius-detail');
        assert.deepEqual((await s.ingest('detail.2', RECORDS.stop1, 'radius-detail')).errors, []);
        const afterOne = [said(await s.resolve(at('01:30'))), said(await s.resolve(at('02:30')))];
        // bob's second session never stopped: beside alice at 01:30, and after her end at 02:30
        assert.deepEqual(afterOne[0]!.slice(0, 2), ['ambiguous', ['alice', 'bob']]);
        assert.deepEqual(afterOne[1]!.slice(0, 2), ['ambiguous', ['bob']]);
        assert.match(afterOne[1]![2][0]!, /no_stop$/);
        // the same Stop again, from another file: it closed its own session already, and closes no other
        await s.ingest('detail.2-copy', `${RECORDS.stop1}\n`, 'radius-detail');
        assert.deepEqual([said(await s.resolve(at('01:30'))), said(await s.resolve(at('02:30')))], afterOne);
        // the other session's Stop: both ended, bob held it until 01:50, no one after alice's end
        await s.ingest('detail.3', RECORDS.stop2, 'radius-detail');
        const afterBoth = await askBoth(s.repo, at('01:30'));
        assert.deepEqual([afterBoth.verdict, afterBoth.accounts], ['ambiguous', ['alice', 'bob']]);
        const bob = (await s.resolve(at('01:30'))).candidates.find((c) => c.account === 'bob')!;
        assert.deepEqual([bob.to, bob.possibleTo, bob.notes], [iso(B + 3000), iso(B + 3000), []]);
        assert.equal((await askBoth(s.repo, at('02:30'))).verdict, 'none');
        seen.push(afterOne);
      }
      assert.deepEqual(seen[1], seen[0], 'the order of the Starts changes nothing');
    });

    test('RADIUS: the later session stopped first leaves the earlier-ending one open', async () => {
      const s = await open();
      await s.ingest('detail.1', [RECORDS.bob1, RECORDS.bob2].join('\n'), 'radius-detail');
      await s.ingest('detail.2', RECORDS.stop2, 'radius-detail');
      // B1 never stopped: possible after B2's end at 01:50
      const late = await askBoth(s.repo, at('02:30'));
      assert.deepEqual([late.verdict, late.accounts], ['ambiguous', ['bob']]);
      const stats = await s.repo.stats();
      assert.equal(stats.assigns, 2, 'one row a session');
    });

    for (const [format, event] of Object.entries(NAT_LOGS)) {
      test(`${format}: one translation ended later leaves the other through the same port open`, async () => {
        const s = await open();
        const holder = `${HEADER}\nassign,${iso(B - 3600)},${iso(B + 7200)},10.0.0.5,,,,carol\n`;
        await s.ingest('rows.csv', holder, 'generic-csv');
        const log = (name: string, ...lines: string[]) => s.ingest(name, `${lines.join('\n')}\n`, format as LogFormat);
        await log('nat.1', event(B, 'start', 'tcp'), event(B, 'start', 'udp'));
        assert.deepEqual((await log('nat.2', event(B + 5, 'end', 'tcp'))).errors, []);
        const q = { ip: '203.0.113.50', port: 40000, at: iso(B + 60) };
        const r = await askBoth(s.repo, q);
        assert.deepEqual([r.verdict, r.accounts], ['ambiguous', ['carol']], 'the UDP translation may go on');
        await log('nat.3', event(B + 30, 'end', 'udp'));
        assert.equal((await askBoth(s.repo, q)).verdict, 'none', 'both ended');
      });
    }

    test('property: sessions of one key with ends read in later files, in any order', async () => {
      let seed = 20261207;
      // the high bits: an LCG's low bits repeat with a short period
      const rnd = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return (seed >>> 12) % n;
      };
      const shuffle = <T>(xs: T[]): T[] => {
        const out = xs.slice();
        for (let i = out.length - 1; i > 0; i--) {
          const j = rnd(i + 1);
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      };
      const starts: string[] = [];
      const pairedStops: string[] = [];
      const laterStops: string[] = [];
      const questions: Array<{ q: AttributionQuery; holders: Set<string>; open: Set<string> }> = [];
      for (let k = 0; k < 24; k++) {
        const address = `100.80.0.${k + 1}`;
        const sessions: Array<{ user: string; end: number | null }> = [];
        for (const user of ['u0', 'u1']) {
          const nas = user === 'u0' ? '192.0.2.10' : '192.0.2.11';
          // up to three sessions of one user from one second: one key in the store
          for (let i = 0, n = rnd(4); i < n; i++) {
            const sid = `S${k}-${user}-${i}`;
            const end = rnd(5) === 0 ? null : B + 60 * (1 + rnd(20));
            sessions.push({ user, end });
            starts.push(radius(B, 'Start', user, sid, nas, undefined, address));
            if (end === null) continue;
            const stop = radius(end, 'Stop', user, sid, nas, end - B, address);
            (rnd(3) === 0 ? pairedStops : laterStops).push(stop);
          }
        }
        for (let j = 0; j < 3; j++) {
          const t = B + 60 * rnd(25) + 30;
          const holding = sessions.filter((x) => x.end === null || x.end >= t);
          questions.push({
            q: { ip: address, at: iso(t) },
            holders: new Set(holding.map((x) => x.user)),
            open: new Set(holding.filter((x) => x.end === null).map((x) => x.user)),
          });
        }
      }
      const results: string[][] = [];
      for (const batchLines of [1_000_000, 7, 1_000_000]) {
        const s = await open();
        const first = [...shuffle(starts), ...shuffle(pairedStops)].join('\n');
        const opts = { batchLines };
        assert.deepEqual((await s.ingest('detail.1', first, 'radius-detail', opts)).errors, []);
        assert.deepEqual(
          (await s.ingest('detail.2', shuffle(laterStops).join('\n'), 'radius-detail', opts)).errors,
          [],
        );
        const out: string[] = [];
        for (const { q, holders, open: openUsers } of questions) {
          const r = await s.resolve(q);
          const accounts = r.candidates.map((c) => c.account ?? '').sort();
          assert.deepEqual(accounts, [...holders].sort(), `${JSON.stringify(q)}: every holding not yet ended`);
          const unique = holders.size === 1 && openUsers.size === 0;
          const want = holders.size === 0 ? 'none' : unique ? 'unique' : 'ambiguous';
          assert.equal(r.verdict, want, JSON.stringify(q));
          out.push(JSON.stringify(said(r)));
        }
        results.push(out);
      }
      assert.deepEqual(results[1], results[0]);
      assert.deepEqual(results[2], results[0]);
    });
  });
}
