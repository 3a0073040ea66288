// The lookup's remarks on a candidate (a holding without an end record, a mapping computed from a
// deterministic NAT configuration) in both languages, whatever the process's language; and every kind
// of log line an answer rests on has words in the vocabulary. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AttributionLookupSchema, lookupAttribution } from '../../src/attribution/attribution-lookup.ts';
import { t } from '../../src/attribution/messages.ts';
import { CANDIDATE_NOTES, type Resolution } from '../../src/attribution/resolver.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { FINDING_NOTES, SOURCE_RECORD_KIND_LABELS } from '../../src/domain/vocabulary.ts';
import { addressFinding } from '../../src/holders/address-findings.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { B, iso } from './helpers.ts';
import { populatedStoreHooks } from './setup.ts';

test("a finding carries the engine's notes as given, in both languages, whatever the process's language", () => {
  const at = '2026-03-28T16:10:00.000Z';
  const text = { ja: t('no_stop', { at }, 'ja'), en: t('no_stop', { at }, 'en') };
  const resolution: Resolution = {
    query: { ip: '100.64.0.11', port: null, at, atUtc: at, tolerance: 0, window: { from: at, to: at } },
    verdict: 'unique',
    candidates: [
      {
        account: 'acct-1',
        holder: null,
        insideAddress: null,
        from: at,
        to: at,
        possibleTo: at,
        sources: [],
        notes: [{ code: 'no_stop', message: text.en, text }],
      },
    ],
    reasons: [],
  };
  const finding = addressFinding({ type: 'ip', address: '100.64.0.11', at, toleranceSeconds: 0 }, resolution);
  assert.deepEqual(finding.candidates[0]?.notes, [{ code: 'no_stop', text }]);
});

test('the notes are codes of the vocabulary, and every kind of source line has words in both languages', () => {
  for (const code of CANDIDATE_NOTES) assert.ok((FINDING_NOTES as readonly string[]).includes(code), code);
  const kinds = AttributionLookupSchema.shape.candidates.element.shape.sources.element.shape.kind.options;
  for (const kind of kinds) {
    const label = SOURCE_RECORD_KIND_LABELS[kind];
    assert.ok(label.ja.length > 0 && label.en.length > 0, kind);
    assert.notEqual(label.en, kind);
  }
});

for (const dialect of testDialects()) {
  describe(`the notes of a lookup's candidates, on ${dialect}`, () => {
    const s = populatedStoreHooks(dialect);

    test("a session without Stop: the note carries its code, both languages, the asker's offset", async () => {
      const noteAt = async (at: string) => {
        const r = await run(s.ctx, lookupAttribution, SYSTEM_CALLER, { address: '100.64.0.11', at });
        assert.equal(r.verdict, 'ambiguous');
        AttributionLookupSchema.parse(r);
        const note = r.candidates[0]?.notes.find((n) => n.code === 'no_stop');
        assert.ok(note, JSON.stringify(r.candidates[0]?.notes));
        return note;
      };
      assert.equal(iso(B + 700), '2026-03-28T16:11:40.000Z');
      const tokyo = await noteAt('2026-03-29T01:11:40+09:00');
      assert.match(tokyo.text.ja, /^終了記録のないセッション\/割当（最終確認 2026-03-29 01:10:00 \+09:00）/);
      assert.match(tokyo.text.en, /^holding without an end record \(last seen 2026-03-29 01:10:00 \+09:00\)/);
      // Asked in UTC, the same instant is said in UTC.
      const utc = await noteAt(iso(B + 700));
      assert.match(utc.text.en, /\(last seen 2026-03-28 16:10:00 \+00:00\)/);
    });

    test('a deterministic NAT mapping: the note names the configuration in both languages', async () => {
      const r = await run(s.ctx, lookupAttribution, SYSTEM_CALLER, {
        address: '198.51.100.129',
        port: 1024 + 256 * 3 + 5,
        at: '2026-03-29T12:00:00+09:00',
      });
      assert.equal(r.verdict, 'unique');
      assert.deepEqual(r.candidates[0]?.notes, [
        {
          code: 'deterministic',
          text: {
            ja: '決定論的NAT設定 det-tokyo-1 から算出',
            en: 'computed from deterministic NAT configuration det-tokyo-1',
          },
        },
      ]);
    });
  });
}
