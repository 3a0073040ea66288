import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { type AttributionQuery, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';
import { parseText } from './helpers.ts';
import { openAttribution } from './setup.ts';

// Verdicts at the edges of what the records can say: each case loads its own generic CSV rows into a
// fresh store and asks one question; a verdict `unique` there would name one person where the records
// cannot tell.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';

async function resolveOver(dialect: Dialect, rows: string[], q: AttributionQuery): Promise<Resolution> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-verdict-'));
  const loc = await freshLocation(dialect, dir);
  const opened = await openAttribution(loc.location);
  try {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
    const s = await ingestFiles(opened.repo, [file], { format: 'generic-csv' });
    assert.deepEqual(s.errors, []);
    return await new Resolver(opened.repo).resolve(q);
  } finally {
    await opened.close();
    await loc.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const interfaceNotationTitle =
  'a generic CSV address in interface notation (an address with its subnet length) is refused, not widened';
test(interfaceNotationTitle, () => {
  const rows = [
    'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,203.0.113.9/24,,,,user42',
    'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,2001:db8:1200:ab::1/56,,,,user43',
    'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,203.0.113.0/24,,,,user44',
    'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,203.0.113.10,,,,user45',
  ];
  const { batch, errors } = parseText('generic-csv', [HEADER, ...rows].join('\n'));
  assert.deepEqual(
    errors.map((e) => e.line),
    [2, 3],
  );
  assert.match(errors[0]!.reason, /field address: "203\.0\.113\.9\/24" has bits set after \/24/);
  assert.match(errors[0]!.reason, /203\.0\.113\.0\/24/);
  assert.deepEqual(
    batch.assigns.map((a) => a.account),
    ['user44', 'user45'],
  );
});

for (const dialect of testDialects()) {
  describe(`verdicts at the records' edges on ${dialect}`, () => {
    const noPortTitle =
      'a CGNAT public address asked without a port is ambiguous even when the records show one holder';
    test(noPortTitle, async () => {
      const r = await resolveOver(
        dialect,
        [
          'nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.99,1024,2047,100.64.9.1,',
          'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.9.1,,,,user-x',
        ],
        { ip: '203.0.113.99', at: '2026-03-29T01:30:00+09:00' },
      );
      assert.deepEqual([r.verdict, r.candidates.map((c) => c.account)], ['ambiguous', ['user-x']]);
      assert.ok(r.reasons.some((x) => x.code === 'no_port_cgnat'));
      assert.ok(!r.reasons.some((x) => x.code === 'unique'), JSON.stringify(r.reasons));
      // with the port, the same records answer uniquely
      const withPort = await resolveOver(
        dialect,
        [
          'nat,2026-03-29T01:00:00+09:00,2026-03-29T02:00:00+09:00,203.0.113.99,1024,2047,100.64.9.1,',
          'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,100.64.9.1,,,,user-x',
        ],
        { ip: '203.0.113.99', port: 1500, at: '2026-03-29T01:30:00+09:00' },
      );
      assert.equal(withPort.verdict, 'unique');
    });

    // The walk goes on past an older row that ends before the window while the rows' reach says an older
    // one still reaches it (an inside address reused on another BNG, A&PDM sessions on one public port):
    // more cases, out-of-order ingest and the migration in test/attribution/overlap.test.ts.
    test('an older, longer holding of the same address is listed beside the one the window falls in', async () => {
      const r = await resolveOver(
        dialect,
        [
          'assign,2026-03-29T00:00:00+09:00,2026-03-29T23:00:00+09:00,100.64.0.10,,,,alice',
          'assign,2026-03-29T10:00:00+09:00,2026-03-29T10:30:00+09:00,100.64.0.10,,,,carol',
          'assign,2026-03-29T11:50:00+09:00,2026-03-29T12:30:00+09:00,100.64.0.10,,,,dave',
        ],
        { ip: '100.64.0.10', at: '2026-03-29T12:00:00+09:00' },
      );
      assert.deepEqual([r.verdict, r.candidates.map((c) => c.account).sort()], ['ambiguous', ['alice', 'dave']]);
    });
  });
}
