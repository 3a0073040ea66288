// The installation's review page shows everything the draft answer would disclose before a person approves
// it: a café's member as registered and its terminal uses too, not only a carrier's subscriber and log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftHtml } from '../../src/agent/web-draft.ts';

test("a café's member and terminal uses are on the page the answer is approved from, in both languages", () => {
  const draft = {
    outcome: 'full' as const,
    items: [
      {
        targetIndex: 0,
        result: 'found' as const,
        member: { memberNumber: 'M-42', name: '山田 花子', idDocument: 'drivers_licence' as const },
        terminalUse: [
          { terminal: 'PC-07', from: '2026-03-29T01:30:00.000Z', to: '2026-03-29T03:00:00.000Z' },
          { terminal: 'PC-09', from: '2026-03-30T01:30:00.000Z' },
        ],
      },
    ],
  };
  const ja = draftHtml(draft, 'ja');
  assert.match(ja, /<dt>会員番号<\/dt><dd>M-42<\/dd>/);
  assert.match(ja, /<dt>会員の氏名（登録のとおり）<\/dt><dd>山田 花子<\/dd>/);
  assert.match(ja, /<dt>確認した本人確認書類<\/dt><dd>運転免許証<\/dd>/);
  assert.match(ja, /端末利用記録/);
  assert.match(ja, /PC-07 .*2026.* – .*2026/);
  assert.match(ja, /PC-09 .* – 退店記録なし/);
  const en = draftHtml(draft, 'en');
  assert.match(en, /Member&#39;s name \(as registered\)/);
  assert.match(en, /Terminal use/);
  assert.match(en, /no exit recorded/);
});
