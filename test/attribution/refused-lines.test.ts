// Lines an ingest refused are records the store does not hold. Before, a RADIUS file whose second Start
// had only its header time was stored in part (1 stored, 1 skipped, "ingest with --zone ZONE"), and the run
// with --zone as told said "already ingested … 0 ingested, 0 skipped": the holder stayed out, and the
// 回答書 called the one candidate left "以下は該当し得る候補の全部です". A lookup before such a lost record
// said "possibly beyond retention". Now the run with --zone reads the file again (its stored lines read the
// same), a run that cannot says what was refused and how to take it in, and every answer over a store
// holding refused lines says so.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ingestLogs } from '../../src/attribution/attribution-service.ts';
import { ingestFiles, ZoneMismatch } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { findingLines } from '../../src/documents/finding-lines.ts';
import { LAYOUT_RULES } from '../../src/documents/layouts.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { DomainError } from '../../src/domain/errors.ts';
import { IpTargetSchema } from '../../src/domain/targets.ts';
import { addressFinding } from '../../src/holders/address-findings.ts';
import { resultOf } from '../../src/holders/items.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { migrate, migrateDown } from '../../src/store/database.ts';
import { SETTINGS, setSettingOnce } from '../../src/store/settings.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { JST_START_THEN_ZONELESS } from './radius-fixtures.ts';
import { type AttributionTestStore, openAttribution } from './setup.ts';

const AT = '2026-03-29T13:00:00+09:00';
const target = IpTargetSchema.parse({ type: 'ip', address: '198.51.100.20', at: AT });

for (const dialect of testDialects()) {
  describe(`lines an ingest refused, on ${dialect}`, () => {
    let dir: string;
    let s: AttributionTestStore;
    let drop: () => Promise<void>;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'shokai-refused-'));
      const loc = await freshLocation(dialect as Dialect, dir);
      drop = loc.drop;
      s = await openAttribution(loc.location);
      await inTransaction(s.ctx, (uow) =>
        setSettingOnce(uow.tx, SETTINGS.attributionOwner, 'org_provider', uow.now.toISOString()),
      );
    });
    after(async () => {
      await s.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const asTold =
      'the run with --zone, as told, reads the refused record; until then every answer says lines were refused';
    test(asTold, async () => {
      const file = join(dir, 'detail');
      writeFileSync(file, JST_START_THEN_ZONELESS);
      const first = await ingestLogs(s.ctx, SYSTEM_CALLER, { files: [file], format: 'radius-detail' });
      assert.deepEqual([first.ingested, first.skipped], [1, 1]);
      assert.match(first.errors[0]?.reason ?? '', /ingest with --zone ZONE/);

      // the lookup rests on a file with a refused line: said, and never "all the candidates"
      const partial = await new Resolver(s.repo).resolve({ ip: '198.51.100.20', at: AT });
      assert.equal(partial.verdict, 'ambiguous');
      assert.deepEqual(
        partial.candidates.map((c) => c.account),
        ['first'],
      );
      const refused = partial.reasons.find((r) => r.code === 'lines_refused');
      assert.ok(refused, JSON.stringify(partial.reasons));
      assert.match(refused.text.en, new RegExp(`${file}: 1 line\\(s\\)`));
      assert.match(refused.text.ja, /読めなかった行があります/);
      const finding = addressFinding(target, partial);
      assert.ok(finding.reasons.some((r) => r.code === 'lines_refused'));
      const printed = findingLines(finding, String, LAYOUT_RULES[7]!).map((l) => l.text);
      assert.ok(!printed.some((l) => /候補の全部です/.test(l)), printed.join('\n'));
      assert.ok(printed.some((l) => /候補がこれで全部とは限りません/.test(l)));

      // as the advice says: --zone Asia/Tokyo reads the file again, the stored line not twice
      const again = await ingestLogs(s.ctx, SYSTEM_CALLER, {
        files: [file],
        format: 'radius-detail',
        zone: 'Asia/Tokyo',
      });
      assert.deepEqual(again.alreadyIngested, []);
      assert.deepEqual(again.readAgain, [{ file, lines: 1, zone: 'Asia/Tokyo' }]);
      assert.deepEqual([again.ingested, again.skipped], [2, 0]);
      assert.equal(again.files[0]?.readAgain, true);
      // the second Start, read now, ends the first holding's possible span: its holder alone is a candidate
      const whole = await new Resolver(s.repo).resolve({ ip: '198.51.100.20', at: AT });
      assert.deepEqual(
        whole.candidates.map((c) => c.account),
        ['second'],
      );
      assert.ok(!whole.reasons.some((r) => r.code === 'lines_refused'), JSON.stringify(whole.reasons));
      const stats = await s.repo.stats();
      assert.equal(stats.assigns, 2, 'the line stored before is not stored twice');
      assert.deepEqual(await s.repo.refusedFiles(), []);

      // a third run adds nothing and says nothing was refused
      const third = await ingestLogs(s.ctx, SYSTEM_CALLER, {
        files: [file],
        format: 'radius-detail',
        zone: 'Asia/Tokyo',
      });
      assert.deepEqual([third.alreadyIngested, third.refusedBefore, third.readAgain], [[file], [], []]);
    });

    test('a file read with one zone is not read again with another; the same run says what was refused', async () => {
      const file = join(dir, 'rows.csv');
      writeFileSync(
        file,
        'type,start,end,address,port_low,port_high,inside_address,account\n' +
          'assign,2026-03-29 00:00:00,2026-03-29 06:00:00,192.0.2.50,,,,early\n' +
          'assign,2026-03-29 06:00:00,2026-03-29 12:00:00,192.0.2.50/24,,,,slip\n',
      );
      const first = await ingestFiles(s.repo, [file], { format: 'generic-csv', zone: 'UTC' });
      assert.deepEqual([first.ingested, first.skipped], [1, 1]);
      // the same zone: already ingested, and the refused line is said, with how to take it in
      const same = await ingestFiles(s.repo, [file], { format: 'generic-csv', zone: 'UTC' });
      assert.deepEqual(same.refusedBefore, [{ file, lines: 1, zone: 'UTC' }]);
      // another zone would read the stored line at another time: refused, in words, naming both zones
      await assert.rejects(ingestFiles(s.repo, [file], { format: 'generic-csv', zone: 'Asia/Tokyo' }), ZoneMismatch);
      await assert.rejects(
        ingestLogs(s.ctx, SYSTEM_CALLER, { files: [file], format: 'generic-csv', zone: 'Asia/Tokyo' }),
        (err: DomainError) => {
          assert.equal(err.code, 'CONFLICT');
          assert.equal(err.details?.field, 'zone');
          assert.match(
            err.messages.en,
            /ingested with --zone UTC and 1 line\(s\) were refused; reading it again with --zone Asia\/Tokyo/,
          );
          assert.match(err.messages.ja, /--zone UTC で取り込まれ、1 行が読めませんでした/);
          return true;
        },
      );
      assert.equal((await s.repo.stats()).assigns, 3, 'nothing stored twice');
    });

    test('before the oldest record: not called beyond retention while lines were refused', async () => {
      const file = join(dir, 'lost.csv');
      // 10:00:60 is no leap second: the line is refused, and with it the only earlier holding
      writeFileSync(
        file,
        'type,start,end,address,port_low,port_high,inside_address,account\n' +
          'assign,2026-03-28T10:00:60+09:00,2026-03-28T18:00:00+09:00,203.0.113.77,,,,lost\n' +
          'assign,2026-03-29T10:00:00+09:00,2026-03-29T18:00:00+09:00,203.0.113.77,,,,kept\n',
      );
      const run = await ingestFiles(s.repo, [file], { format: 'generic-csv' });
      assert.equal(run.skipped, 1);
      assert.match(run.errors[0]?.reason ?? '', /second 60 is a leap second/);
      const r = await new Resolver(s.repo).resolve({ ip: '203.0.113.77', at: '2026-03-28T12:00:00+09:00' });
      assert.equal(r.verdict, 'none');
      const early = r.reasons.find((x) => x.code === 'before_records');
      assert.ok(early, JSON.stringify(r.reasons));
      assert.doesNotMatch(early.text.en, /possibly beyond retention/);
      assert.match(early.text.en, /need not be beyond retention/);
      assert.doesNotMatch(early.text.ja, /保存期間外の可能性/);
      assert.ok(r.reasons.some((x) => x.code === 'lines_refused'));
      const finding = addressFinding(
        IpTargetSchema.parse({ type: 'ip', address: '203.0.113.77', at: '2026-03-28T12:00:00+09:00' }),
        r,
      );
      assert.equal(resultOf(finding), 'no_data', 'not "retention expired"');
    });

    test('a store migrated to 078 learns the refused lines of its files from the audited runs', async () => {
      const file = join(dir, 'audited.csv');
      writeFileSync(
        file,
        'type,start,end,address,port_low,port_high,inside_address,account\n' +
          'assign,2026-03-29T10:00:00+09:00,2026-03-29T18:00:00+09:00,203.0.113.88,,,,kept\n' +
          'assign,2026-03-29 10:00:00,2026-03-29 18:00:00,203.0.113.89,,,,no-offset\n',
      );
      const run = await ingestLogs(s.ctx, SYSTEM_CALLER, { files: [file], format: 'generic-csv' });
      assert.equal(run.skipped, 1);
      // down to before 078 and up again: the columns are made anew, filled from the audit log
      await migrateDown(s.ctx.store, '076-registry-registration-date');
      await migrate(s.ctx.store);
      // the RADIUS file read again (its audited runs say so) has none; this one has its line; the files
      // ingested without an audited run are not known
      assert.deepEqual(await s.repo.refusedFiles(), [{ path: file, lines: 1 }]);
      const r = await new Resolver(s.repo).resolve({ ip: '203.0.113.88', at: '2026-03-29T12:00:00+09:00' });
      assert.ok(r.reasons.some((x) => x.code === 'lines_refused'));
      // the zone it was read with was not recorded then: reading it with one is refused, in words
      await assert.rejects(
        ingestLogs(s.ctx, SYSTEM_CALLER, { files: [file], format: 'generic-csv', zone: 'Asia/Tokyo' }),
        (err: DomainError) => {
          assert.equal(err.details?.field, 'zone');
          assert.match(err.messages.en, /ingested with a shokai release that did not record its --zone and 1 line/);
          return true;
        },
      );
    });
  });
}
