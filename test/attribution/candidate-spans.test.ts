// A candidate whose holding has no end record may have held the address after its last sighting: the span
// shown for it must not stop there. Before, a /64 held from 12:00 with no Stop, asked at 13:00, read
// "該当し得る期間 12:00 から 12:00 まで" — a span that leaves out the very time asked — beside a note that it
// may have continued. Now the span the records confirm and the span it may have been held are both given,
// by the resolver, the API's finding, the 回答書, the command line and the review pages.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findingLines as reviewLines } from '../../src/agent/render.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { humanResolution } from '../../src/cli/lookup-lines.ts';
import { findingLines } from '../../src/documents/finding-lines.ts';
import { LAYOUT_RULES } from '../../src/documents/layouts.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { IpTargetSchema } from '../../src/domain/targets.ts';
import { addressFinding } from '../../src/holders/address-findings.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { openAttribution } from './setup.ts';

const ROWS = [
  'type,start,end,address,port_low,port_high,inside_address,account',
  'assign,2026-03-29T10:00:00+09:00,2026-03-29T18:00:00+09:00,2001:db8:1200::/56,,,,userV6a',
  'assign,2026-03-29T12:00:00+09:00,,2001:db8:1200:5::/64,,,,userV6b',
];
const AT = '2026-03-29T13:00:00+09:00';

async function resolveOver(dialect: Dialect): Promise<Resolution> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-spans-'));
  const loc = await freshLocation(dialect, dir);
  const opened = await openAttribution(loc.location);
  try {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, `${ROWS.join('\n')}\n`);
    const s = await ingestFiles(opened.repo, [file], { format: 'generic-csv' });
    assert.deepEqual(s.errors, []);
    return await new Resolver(opened.repo).resolve({ ip: '2001:db8:1200:5::99', at: AT });
  } finally {
    await opened.close();
    await loc.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const dialect of testDialects()) {
  describe(`a candidate's spans on ${dialect}`, () => {
    const title =
      'a holding without an end record: the confirmed span and the possible span, which holds the time asked';
    test(title, async () => {
      const r = await resolveOver(dialect);
      assert.equal(r.verdict, 'ambiguous');
      const byAccount = new Map(r.candidates.map((c) => [c.account, c]));
      const a = byAccount.get('userV6a');
      const b = byAccount.get('userV6b');
      assert.ok(a && b);
      // the /56 was held 10:00–18:00, its end logged: both spans are the same
      assert.deepEqual(
        [a.from, a.to, a.possibleTo],
        ['2026-03-29T01:00:00.000Z', '2026-03-29T09:00:00.000Z', '2026-03-29T09:00:00.000Z'],
      );
      // the /64: confirmed at its Start only, possible until a day after its last sighting
      assert.deepEqual(
        [b.from, b.to, b.possibleTo],
        ['2026-03-29T03:00:00.000Z', '2026-03-29T03:00:00.000Z', '2026-03-30T03:00:00.000Z'],
      );
      assert.ok(b.notes.some((n) => n.code === 'no_stop'));
      const asked = Date.parse(AT);
      assert.ok(Date.parse(b.from) <= asked && asked <= Date.parse(b.possibleTo));

      // the finding carries the possible end at the question's offset; a closed holding has none
      const target = IpTargetSchema.parse({ type: 'ip', address: '2001:db8:1200:5::99', at: AT });
      const finding = FindingSchema.parse(addressFinding(target, r));
      const fb = finding.candidates.find((c) => c.account === 'userV6b');
      const fa = finding.candidates.find((c) => c.account === 'userV6a');
      assert.deepEqual(
        [fb?.from, fb?.to, fb?.possibleTo],
        ['2026-03-29T12:00:00.000+09:00', '2026-03-29T12:00:00.000+09:00', '2026-03-30T12:00:00.000+09:00'],
      );
      assert.equal(fa?.possibleTo, undefined);

      // the 回答書 (layout 7) prints both spans, each under its own label
      const rules = LAYOUT_RULES[7];
      assert.ok(rules);
      const printed = findingLines(finding, (v) => v, rules).map((l) => l.text);
      assert.ok(
        printed.includes('記録で確認できる期間: 2026-03-29T12:00:00.000+09:00 から 2026-03-29T12:00:00.000+09:00 まで'),
      );
      assert.ok(
        printed.includes(
          '該当し得る期間（終了の記録なし）: 2026-03-29T12:00:00.000+09:00 から 2026-03-30T12:00:00.000+09:00 まで',
        ),
        printed.join('\n'),
      );
      // layout 6 prints as it printed, one line (documents of that layout verify as printed)
      const six = findingLines(finding, (v) => v, LAYOUT_RULES[6]!).map((l) => l.text);
      assert.ok(six.includes('該当し得る期間: 2026-03-29T12:00:00.000+09:00 から 2026-03-29T12:00:00.000+09:00 まで'));

      // the command line's lookup and the review's text name both spans
      const cli = humanResolution(r);
      // at the offset the question was asked at (+09:00), as the reasons beneath
      assert.match(cli, /該当し得る期間（終了の記録なし）: 2026-03-29 12:00:00 \+09:00 – 2026-03-30 12:00:00 \+09:00/);
      const review = reviewLines(finding, 'en').join('\n');
      assert.match(review, /Span it may have been held \(no end record\): .*2026-03-29.* – .*2026-03-30/);
      assert.match(review, /Span the records confirm: /);
    });
  });
}
