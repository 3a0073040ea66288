import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { importSubscribers } from '../../src/attribution/attribution-service.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { parseSubscriberHeader, parseSubscriberLine } from '../../src/attribution/subscribers.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { openAttribution } from './setup.ts';

// The subscriber directory writes a hardware-address account in one form (lower case, colons); a log may
// write the same address another way (a RADIUS User-Name `00-11-22-AA-BB-CC`, a CSV account in capitals).
// The holder is the same line: the lookup must find the contract, not answer "no subscriber".

const DIRECTORY =
  'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end\n' +
  '00-11-22-AA-BB-CC,鈴木 一郎,スズキ イチロウ,東京都港区3-3-3,東京都港区3-3-3,03-0000-0003,s@example.jp,2020-04-01,\n';

const RADIUS =
  'Sun Mar 29 01:00:00 2026\n' +
  '\tAcct-Status-Type = Start\n' +
  '\tUser-Name = "00-11-22-aa-bb-cc"\n' +
  '\tAcct-Session-Id = "S-MAC-1"\n' +
  '\tNAS-IP-Address = 192.0.2.1\n' +
  '\tFramed-IP-Address = 100.64.7.7\n' +
  '\tEvent-Timestamp = "Mar 29 2026 01:00:00 JST"\n' +
  '\n' +
  'Sun Mar 29 02:00:00 2026\n' +
  '\tAcct-Status-Type = Stop\n' +
  '\tUser-Name = "00-11-22-aa-bb-cc"\n' +
  '\tAcct-Session-Id = "S-MAC-1"\n' +
  '\tNAS-IP-Address = 192.0.2.1\n' +
  '\tFramed-IP-Address = 100.64.7.7\n' +
  '\tEvent-Timestamp = "Mar 29 2026 02:00:00 JST"\n' +
  '\n';

const CSV =
  'type,start,end,address,port_low,port_high,inside_address,account\n' +
  'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,203.0.113.77,,,,00:11:22:AA:BB:CC\n';

for (const dialect of testDialects()) {
  describe(`hardware-address accounts written another way on ${dialect}`, () => {
    test('a RADIUS user name and a CSV account find the directory contract of the same address', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-accounts-'));
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        writeFileSync(join(dir, 'detail'), RADIUS);
        writeFileSync(join(dir, 'rows.csv'), CSV);
        const r = await ingestFiles(opened.repo, [join(dir, 'detail')], { format: 'radius-detail' });
        const c = await ingestFiles(opened.repo, [join(dir, 'rows.csv')], { format: 'generic-csv' });
        assert.deepEqual([...r.errors, ...c.errors], []);
        const [header, line] = DIRECTORY.trim().split('\n');
        const subscriber = parseSubscriberLine(parseSubscriberHeader(header!), line!);
        await run(opened.ctx, importSubscribers, SYSTEM_CALLER, {
          source: { file: 'directory.csv', sha256: '0'.repeat(64) },
          subscribers: [subscriber],
          skipped: 0,
        });
        const resolver = new Resolver(opened.repo);
        for (const ip of ['100.64.7.7', '203.0.113.77']) {
          const found = await resolver.resolve({ ip, at: '2026-03-29T01:30:00+09:00' });
          assert.equal(found.verdict, 'unique', `${ip}: ${JSON.stringify(found.reasons)}`);
          assert.equal(found.candidates[0]?.holder?.name, '鈴木 一郎', ip);
          assert.ok(!found.reasons.some((x) => x.code === 'no_subscriber'), ip);
        }
      } finally {
        await opened.close();
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
