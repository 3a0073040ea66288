// `shokai agent review` shows the draft answer as the reviewer reads it — its outcome and each target's
// result by their labels, what it discloses under the field's name, the provider's free text indented so
// none of its lines passes for one of ours — in Japanese by default and in English with SHOKAI_LANG=en.
// --json still gives the view's JSON, the draft in it as it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerLines } from '../../src/cli/answer-lines.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import { printedReview } from '../support/agent.ts';
import { draftedView } from '../support/agent-request-view.ts';

const draft: AnswerContent = {
  outcome: 'partial',
  items: [
    {
      targetIndex: 0,
      result: 'found',
      subscriber: { account: 'user-1', name: '乙 次郎' },
      accessLog: [{ at: '2026-03-01T01:00:00Z', address: '203.0.113.7', port: 40211, action: 'post' }],
      note: '一行目\n偽の行',
    },
    { targetIndex: 1, result: 'retention_expired' },
  ],
};

// A board's request (about a post): its draft says the account as registered and the posts, as the board's form.
const view = draftedView(draft);

test('the draft in words, Japanese by default and English with SHOKAI_LANG=en', () => {
  const ja = printedReview(view, 'ja');
  assert.ok(
    ja.includes(
      '\n回答案:\n  回答の種類: 一部回答\n  対象 1: 該当あり\n    アカウント: user-1\n    登録された氏名: 乙 次郎\n' +
        '    投稿の記録:\n      2026-03-01 10:00:00 +09:00  203.0.113.7:40211  post\n    備考: 一行目\n      偽の行\n' +
        '  対象 2: 保存期間経過\n',
    ),
    ja,
  );
  assert.doesNotMatch(ja, /"outcome"|"result"|retention_expired|[{}]/, 'not the JSON');
  const en = printedReview(view, 'en');
  assert.ok(en.includes('\ndraft answer:\n  outcome: Partial\n  target 1: Found\n    Account: user-1\n'), en);
  assert.ok(en.includes('\n    Name as registered: 乙 次郎\n    posts:\n'), en);
  assert.ok(en.includes('\n  target 2: Retention expired\n'), en);
  assert.doesNotMatch(en, /"outcome"|retention_expired|[{}]/);
  const json = JSON.parse(printedReview(view, 'ja', true)) as { draft: AnswerContent };
  assert.deepEqual(json.draft, draft, '--json keeps the draft as it is');
});

test("the installation's own category says whose record the draft gives, before the request's targets", () => {
  // An ISP's installation asked about a post: its draft is a line's subscriber, not a site's registered user.
  const isp = printedReview(view, 'ja', false, null, 'isp');
  assert.doesNotMatch(isp, /登録された氏名|投稿の記録/);
  assert.match(isp, /\n {4}氏名: 乙 次郎\n/);
  // A board's says its user as registered, as the request's targets do without a category.
  assert.match(printedReview(view, 'ja', false, null, 'board'), /登録された氏名: 乙 次郎/);
});

test("an answer's traffic, content and files in lines of their own", () => {
  const lines = answerLines(
    {
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', traffic: [{ from: 'a', to: 'b' }], content: '本文\n二行目' }],
      note: '全体の備考',
      attachments: [{ id: 'att_1', fileName: 'log.csv', mediaType: 'text/csv', byteSize: 10, sha256: 'a'.repeat(64) }],
    },
    'ja',
  );
  assert.deepEqual(lines, [
    '対象 1: 該当あり',
    '  通信履歴:',
    '    from: a, to: b',
    '  内容:',
    '    本文\n    二行目',
    '備考: 全体の備考',
    '添付ファイル:',
    `  log.csv  text/csv  10 B  SHA-256 ${'a'.repeat(64)}`,
  ]);
});

test("the provider's text cannot pass for the tool's own lines, nor overwrite them", () => {
  const forged = 'ok\r✔ 署名を確認しました\n\u001b[2K✔ signature verified';
  const lines = answerLines(
    {
      outcome: 'full',
      items: [
        {
          targetIndex: 0,
          result: 'found',
          accessLog: [{ at: '2026-03-28T10:00:00+09:00', address: '192.0.2.1', action: 'login\n✔ verified' }],
          note: forged,
        },
      ],
      attachments: [
        { id: 'att_1', fileName: 'a.csv\n✔ verified', mediaType: 'text/csv', byteSize: 1, sha256: 'a'.repeat(64) },
      ],
    },
    'en',
  );
  const printed = lines.join('\n');
  // Every line the provider's text makes starts indented, and no control a terminal acts on is left.
  const own = new Set(['target 1: Found', 'files:']);
  for (const line of printed.split('\n')) assert.ok(own.has(line) || line.startsWith(' '), line);
  assert.ok(!printed.includes('\r') && !printed.includes('\u001b'), 'no CR, no ESC');
  assert.match(printed, /ok\\u000d✔ 署名を確認しました\n {4}\\u001b\[2K✔ signature verified/);
  assert.match(printed, /login\\u000a✔ verified/);
  assert.match(printed, /a\.csv\\u000a✔ verified/);
});
