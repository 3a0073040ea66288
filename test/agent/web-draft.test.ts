// The installation's review page shows everything the draft answer would disclose before a person approves
// it: a café's member as registered and its terminal uses too, not only a carrier's subscriber and log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftHtml } from '../../src/agent/web-draft.ts';
import { requestPage } from '../../src/agent/web-pages.ts';
import { boardInquiry, draftedView } from '../support/agent-request-view.ts';

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

test("a board's draft is said as its registered user and posts on the review page and its edit form", () => {
  const item = {
    targetIndex: 0,
    result: 'found' as const,
    subscriber: { account: 'user-1', name: '乙 次郎', contractStart: '2024-04-01' },
    accessLog: [{ at: '2026-03-01T01:00:00Z', address: '203.0.113.7', port: 40211 }],
  };
  const draft = { outcome: 'full' as const, items: [item] };
  // An address request: without the installation's category the page says a subscriber's; with a board's, its user.
  const ip = { type: 'ip' as const, address: '203.0.113.7', at: '2026-03-01T01:00:00Z', toleranceSeconds: 1 };
  const view = draftedView(draft, { ...boardInquiry(), targets: [ip] });
  const board = requestPage('ja', view, null, null, { category: 'board' });
  for (const words of [/登録された氏名/, /アカウントの登録日/, /投稿の記録/]) assert.match(board, words);
  assert.match(board, /<input type="checkbox" name="field\.0\.name" value="1" checked> 登録された氏名: 乙 次郎/);
  assert.doesNotMatch(board, /<dt>氏名<\/dt>|契約開始|通信記録/);
  const en = draftHtml(draft, 'en', 'board');
  assert.match(en, /Name as registered/);
  assert.match(en, /<p>Posts<\/p>/);
  const isp = requestPage('ja', view, null, null, { category: 'isp' });
  assert.match(isp, /<dt>氏名<\/dt>/);
  assert.match(isp, /契約開始/);
  assert.match(isp, /通信記録/);
  assert.doesNotMatch(isp, /登録された氏名/);
});
