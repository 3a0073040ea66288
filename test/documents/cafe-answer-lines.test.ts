// A café's answer (its member as registered, the terminal's use) is printed in the 回答書 and at the command line
// as the board's and the carrier's are: nothing it gives is left out of what the requester reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerLines } from '../../src/cli/answer-lines.ts';
import { memberLines } from '../../src/documents/finding-lines.ts';

const member = {
  memberNumber: 'M-42',
  name: '山田 花子',
  address: '東京都新宿区西新宿2-8-1',
  idDocument: 'drivers_licence' as const,
  idCheckedAt: '2026-03-01T01:00:00.000Z',
};

test("the 回答書 prints the café's member as registered, under the screen's labels, the document in words", () => {
  const lines = memberLines(member, (v) => `«${v}»`);
  assert.deepEqual(lines, [
    '会員番号: M-42',
    '会員の氏名（登録のとおり）: 山田 花子',
    '会員の住所（登録のとおり）: 東京都新宿区西新宿2-8-1',
    '確認した本人確認書類: 運転免許証',
    '本人確認の日時: «2026-03-01T01:00:00.000Z»',
  ]);
});

test("the command line shows the café's member and terminal use, an exit not logged said so", () => {
  const answer = {
    outcome: 'full' as const,
    items: [
      {
        targetIndex: 0,
        result: 'found' as const,
        member,
        terminalUse: [{ terminal: 'A-12', from: '2026-03-01T01:05:00.000Z' }],
      },
    ],
  };
  const text = answerLines(answer, 'en').join('\n');
  assert.match(text, /member \(as registered\):/);
  assert.match(text, /Member number: M-42/);
  assert.match(text, /Identity document checked: Driver's licence/);
  assert.match(text, /terminal use:\n\s+A-12 .+ – no exit recorded/);
  const ja = answerLines(answer, 'ja').join('\n');
  assert.match(ja, /確認した本人確認書類: 運転免許証/);
  assert.match(ja, /端末利用記録:/);
});
