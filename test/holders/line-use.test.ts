// The kind of line ("a line, not a person"): the subscriber directory says whether a contract is a
// residential, business or shared line; the finding carries it, with a note for a shared or business
// line; old directories without the column stay valid (unknown); a bad value is refused naming the
// field and the value. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lookupAttribution } from '../../src/attribution/attribution-lookup.ts';
import { importSubscribers } from '../../src/attribution/attribution-service.ts';
import { ParseError } from '../../src/attribution/model.ts';
import { parseSubscriberHeader, parseSubscriberLine } from '../../src/attribution/subscribers.ts';
import { findingLines } from '../../src/documents/finding-lines.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { populatedStoreHooks } from '../attribution/setup.ts';
import { testDialects } from '../support/dialects.ts';
import { inquiry } from './support.ts';

const OLD_HEADER =
  'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end';
const ALICE =
  'alice,山田 花子,ヤマダ ハナコ,"東京都千代田区1-1-1, 101号",東京都千代田区1-1-1,03-0000-0001,alice@example.jp,2020-04-01,';

const lineUseTitle =
  'the directory reads line_use; without the column every line is unknown; a bad value names field and value';
test(lineUseTitle, () => {
  const old = parseSubscriberLine(parseSubscriberHeader(OLD_HEADER), ALICE);
  assert.equal(old.lineUse, 'unknown');
  const cols = parseSubscriberHeader(`line_use,${OLD_HEADER}`);
  assert.equal(parseSubscriberLine(cols, `shared,${ALICE}`).lineUse, 'shared');
  assert.equal(parseSubscriberLine(cols, ` Business ,${ALICE}`).lineUse, 'business');
  assert.equal(parseSubscriberLine(cols, `residential,${ALICE}`).lineUse, 'residential');
  assert.equal(parseSubscriberLine(cols, `,${ALICE}`).lineUse, 'unknown');
  assert.throws(
    () => parseSubscriberLine(cols, `flat-share,${ALICE}`),
    (e: unknown) => e instanceof ParseError && /field line_use: "flat-share" is not one of/.test(e.message),
  );
});

test('the CLI refuses a bad kind of line naming the file, line, field and value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-line-use-'));
  const file = join(dir, 'subscribers.csv');
  writeFileSync(
    file,
    [
      `${OLD_HEADER},line_use`,
      `${ALICE},shared`,
      'bob,佐藤,サトウ,港区,港区,03,b@example.jp,2021-01-01,,home',
      '',
    ].join('\n'),
  );
  const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'shokai.js');
  const r = spawnSync(process.execPath, [bin, 'logs', 'subscribers', '--strict', '--store', join(dir, 's.db'), file], {
    encoding: 'utf8',
    env: { ...process.env, SHOKAI_LANG: 'en', SHOKAI_DATA_DIR: dir },
  });
  rmSync(dir, { recursive: true, force: true });
  assert.notEqual(r.status, 0);
  assert.ok(r.stderr.includes(`${file}:3: field line_use: "home" is not one of`), r.stderr);
});

for (const dialect of testDialects()) {
  describe(`the kind of line in a finding, on ${dialect}`, () => {
    const s = populatedStoreHooks(dialect);

    const request = inquiry([{ type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' }]);
    const lookup = { address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' };

    test('a directory loaded without the column: unknown, and no note about the kind of line', async () => {
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      const c = p.targets[0]?.finding?.candidates[0];
      assert.equal(c?.account, 'alice');
      assert.equal(c?.line?.use, 'unknown');
      assert.ok(!c?.notes.some((n) => n.code === 'shared_line' || n.code === 'business_line'));
      const r = await run(s.ctx, lookupAttribution, SYSTEM_CALLER, lookup);
      assert.equal(r.candidates[0]?.holder?.lineUse, 'unknown');
    });

    test('a shared line: carried into the finding, the lookup, the notes and the 回答書', async () => {
      const cols = parseSubscriberHeader(`${OLD_HEADER},line_use`);
      await run(s.ctx, importSubscribers, SYSTEM_CALLER, {
        source: { file: 'subscribers-2.csv', sha256: 'b'.repeat(64) },
        subscribers: [parseSubscriberLine(cols, `${ALICE},shared`)],
        skipped: 0,
      });
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      const f = FindingSchema.parse(p.targets[0]?.finding);
      const c = f.candidates[0];
      assert.equal(c?.line?.use, 'shared');
      assert.equal(c?.line?.addressesDiffer, true);
      assert.ok(
        c?.notes.some((n) => n.code === 'shared_line' && /共用回線/.test(n.text.ja) && /shared line/.test(n.text.en)),
      );
      const r = await run(s.ctx, lookupAttribution, SYSTEM_CALLER, lookup);
      assert.equal(r.candidates[0]?.holder?.lineUse, 'shared');
      const printed = findingLines(f, String, { queryInWords: true, candidateSpans: true }).map((l) => l.text);
      assert.ok(printed.includes('回線: 共用回線（集合住宅・公衆 Wi-Fi 等）'), printed.join('\n'));

      await run(s.ctx, importSubscribers, SYSTEM_CALLER, {
        source: { file: 'subscribers-3.csv', sha256: 'c'.repeat(64) },
        subscribers: [parseSubscriberLine(cols, `${ALICE},business`)],
        skipped: 0,
      });
      const b = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      assert.equal(b.targets[0]?.finding?.candidates[0]?.line?.use, 'business');
      assert.ok(b.targets[0]?.finding?.candidates[0]?.notes.some((n) => n.code === 'business_line'));
    });
  });
}
