// What the 回答書 prints of a finding, and the rule that an ambiguous or empty finding is never
// followed to a next request (the trace's domain rule).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingLines } from '../../src/documents/finding-lines.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { answerReading, contradictoryReading, followable } from '../../src/domain/next-step.ts';
import { RESOLVE_HINT_LABELS } from '../../src/domain/vocabulary.ts';

const candidate = (account: string, name: string) => ({
  account,
  person: { name },
  from: '2026-03-29T01:00:00+09:00',
  to: '2026-03-29T02:00:00+09:00',
  sources: [{ kind: 'nat-block', file: '/var/log/pba.log', line: 2, endLine: 9 }],
  notes: [],
});
const ambiguous = FindingSchema.parse({
  verdict: 'ambiguous',
  records: 'address_logs',
  query: {
    asReceived: '203.0.113.7 2026-03-29T01:30:12+09:00',
    window: { from: '2026-03-29T01:30:12.000+09:00', to: '2026-03-29T01:30:12.000+09:00' },
  },
  candidates: [candidate('alice', '山田 花子'), candidate('carol', '鈴木 一郎')],
  reasons: [{ code: 'no_port_cgnat', text: { ja: 'ポートがありません', en: 'no port' } }],
  resolveBy: [{ code: 'source_port', text: RESOLVE_HINT_LABELS.source_port }],
});

test('the 回答書 prints an ambiguous finding as candidates, never as the subscriber', () => {
  const lines = findingLines(ambiguous, (v) => `[${v}]`, { queryInWords: true, candidateSpans: true });
  const texts = lines.map((l) => l.text);
  assert.equal(texts[0], '判定: 特定できず（複数の候補）（接続記録（RADIUS・DHCP・CGNAT）による）');
  assert.match(texts[1] ?? '', /一人の契約者・利用者を特定するものではありません/);
  assert.ok(texts.includes('候補 1') && texts.includes('候補 2'));
  assert.ok(!texts.includes('該当者'));
  assert.ok(texts.includes('調べた範囲: [2026-03-29T01:30:12.000+09:00] から [2026-03-29T01:30:12.000+09:00] まで'));
  assert.ok(texts.includes('根拠: CGNAT ポートブロック /var/log/pba.log:2–9'));
  assert.match(texts[texts.length - 1] ?? '', /^一意に特定するには: 接続元ポート番号/);
  // every person's facts sit under a candidate heading, never at the item's level
  for (const l of lines) if (/氏名・名称/.test(l.text)) assert.equal(l.depth, 1);
  const unique = findingLines(
    { ...ambiguous, verdict: 'unique', candidates: [ambiguous.candidates[0]!], resolveBy: [] },
    String,
    { queryInWords: true, candidateSpans: true },
  );
  assert.ok(unique.some((l) => l.text === '該当者'));
  assert.ok(!unique.some((l) => /特定するものではありません/.test(l.text)));
});

test('only a unique finding (or none at all) may be followed to a next request', () => {
  assert.deepEqual(followable(undefined), { ok: true });
  assert.deepEqual(followable('unique'), { ok: true });
  const amb = followable('ambiguous', [RESOLVE_HINT_LABELS.source_port]);
  assert.equal(amb.ok, false);
  assert.match(amb.ok ? '' : amb.reason.ja, /接続元ポート番号/);
  assert.equal(followable('none').ok, false);
});

test('the trace reads a subscriber only where an opened answer named one', () => {
  assert.equal(answerReading(undefined), 'sealed', 'the hub cannot see a sealed answer');
  assert.equal(answerReading([{ verdict: 'unique', subscriber: true }]), 'subscriber');
  assert.equal(answerReading([{ subscriber: true }]), 'subscriber', "a person's answer without a finding");
  assert.equal(answerReading([{ verdict: 'ambiguous', subscriber: false }]), 'ambiguous');
  assert.equal(answerReading([{ verdict: 'none', subscriber: false }]), 'not_identified');
  assert.equal(answerReading([{ subscriber: false }]), 'not_identified');
  assert.equal(
    answerReading([
      { verdict: 'ambiguous', subscriber: false },
      { verdict: 'unique', subscriber: true },
    ]),
    'subscriber',
  );
  // an ambiguous item claiming a subscriber is a misreading: never counted as one
  assert.equal(contradictoryReading({ verdict: 'ambiguous', subscriber: true }), true);
  assert.equal(answerReading([{ verdict: 'ambiguous', subscriber: true }]), 'ambiguous');
});

test('the 回答書 says the query as received in words from layout 4; earlier layouts print it as they did', () => {
  const withTolerance = {
    ...ambiguous,
    query: { ...ambiguous.query, asReceived: `${ambiguous.query.asReceived} ±1s` },
  };
  const query = (queryInWords: boolean) =>
    findingLines(withTolerance, String, { queryInWords, candidateSpans: true }).find((l) =>
      l.text.startsWith('照会の内容'),
    )?.text;
  assert.equal(query(true), '照会の内容（受信したとおり）: 203.0.113.7 2026-03-29T01:30:12+09:00 ±1秒');
  assert.equal(query(false), '照会の内容（受信したとおり）: 203.0.113.7 2026-03-29T01:30:12+09:00 ±1s');
});
