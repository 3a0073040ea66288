// What `shokai agent status` and `pull` print to a person: words from outside — the hub's refusal, an id a
// carried file named — stay on their line with every control character written out, so no value forges a
// line of the listing or moves the terminal's cursor; the arrival's source in words, not its code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentStatus } from '../../src/agent/status.ts';
import { statusPage } from '../../src/agent/web-pages.ts';
import { pullLines, statusLines } from '../../src/cli/agent-summary.ts';

const HOSTILE = 'req_1\u001b[2K\r\n#9  2026-12-03 09:59:00 +09:00  forged';

function status(): AgentStatus {
  return {
    states: { prepared: 1 },
    endedAtHub: 0,
    refused: 1,
    recentRefusals: [{ requestId: HOSTILE, reason: 'key_unknown', at: '2026-12-03T00:00:00.000Z', source: 'file' }],
    sendRefused: [
      {
        requestId: 'req_2',
        reference: 'SHK-2026-000002',
        refusal: {
          code: 'CONFLICT',
          message: { ja: `拒否\u001b]8;;https://evil.example/\u0007\n偽の行`, en: 'refused\nforged line' },
          callbackPhone: null,
          since: '2026-12-03T00:00:00.000Z',
        },
        lastAttemptAt: '2026-12-03T01:00:00.000Z',
      },
    ],
    heldHere: [
      {
        requestId: 'req_3',
        reference: 'SHK-2026-000003',
        why: { ja: '折り返し確認を求めています\n偽の行', en: 'asks for a call-back\nforged line' },
      },
    ],
    notGiven: {
      passedOver: [{ requestId: HOSTILE, status: 404, lastTried: '2026-12-03T02:00:00.000Z', nextTry: null }],
      retryLater: [
        { requestId: 'req_4', status: 502, lastTried: '2026-12-03T02:00:00.000Z', nextTry: '2026-12-03T02:15:00.000Z' },
      ],
    },
    pinRefused: null,
    pin: null,
    foreignNetworks: [],
    ownKeys: null,
  };
}

for (const lang of ['ja', 'en'] as const) {
  test(`status and pull keep outside words on their line, in words (${lang})`, () => {
    const before = process.env.SHOKAI_LANG;
    process.env.SHOKAI_LANG = lang;
    try {
      const lines = [
        ...statusLines(status()),
        ...pullLines({
          pulled: {
            listed: 1,
            stored: [],
            already: 0,
            refused: [{ requestId: HOSTILE, reason: 'key_unknown' }],
            directoryRefreshed: false,
            pinRefused: null,
            held: 0,
            unfetched: 2,
            passedOver: 4,
            retryLater: 5,
            deferred: 3,
            endedAtHub: [HOSTILE, 'req_ended_here'],
            checkedAgain: [],
            changedOrders: [],
            references: { req_ended_here: 'SHK-2026-000042' },
          },
          requestFiles: 0,
          prepared: 0,
          automatic: 0,
          sent: 0,
          failed: 0,
          foreignNetworks: 0,
          unconfirmedKeys: 0,
        }),
      ];
      for (const line of lines) {
        const control = [...line].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f');
        assert.ok(!control, `a control character in ${JSON.stringify(line)}`);
      }
      assert.ok(!lines.some((l) => l.startsWith('#9')), 'no forged line');
      const text = lines.join('\n');
      assert.ok(text.includes('\\u001b'), 'the escape written out');
      assert.match(text, /^ {2}SHK-2026-000042$/m, 'a request held here by its reference');
      assert.doesNotMatch(text, /req_ended_here/, 'not by its id');
      assert.match(text, lang === 'ja' ? /ファイルで受領/ : /carried by file/);
      // An answer the installation holds itself: said under its own heading, not as the hub's refusal.
      assert.match(
        text,
        lang === 'ja'
          ? /^! 要対応: この設置が送付を保留している回答（折り返し電話をこの設置で記録するまで。/m
          : /^! Needs action: answers this installation holds until a call-back is recorded here/m,
      );
      assert.match(text, /^ {2}SHK-2026-000003: (折り返し確認を求めています|asks for a call-back)\\u000a/m);
      assert.match(text, lang === 'ja' ? /未知の鍵/ : /unknown key|not in the pinned/, 'the reason in words');
      assert.doesNotMatch(text, /\(file\)|（file）/, 'the source in words');
      // A hub listing ids it gives no envelope for, or more that do not verify than a pull records: said so.
      assert.match(text, lang === 'ja' ? /封筒を渡さなかった要請: 2 件/ : /2 listed requests the hub gave no envelope/);
      assert.match(text, lang === 'ja' ? /拒否の記録の上限を超えた封筒: 3 件/ : /3 more envelopes that did not verify/);
      // Ids passed over (404/410) and ids waiting after other errors: counted in the pull, listed in the status.
      assert.match(text, lang === 'ja' ? /取得しなかった要請: 4 件/ : /4 listed requests not fetched/);
      assert.match(text, lang === 'ja' ? /間隔を空けて再取得する要請: 5 件/ : /5 listed requests the hub keeps/);
      assert.match(text, lang === 'ja' ? /^! ハブが「封筒はない」/m : /^! Requests the hub listed but said/m);
      assert.match(text, /^ {2}req_1\\u001b.*: (ハブの応答|the hub answered) 404/m);
      assert.match(
        text,
        lang === 'ja' ? /^ {2}req_4: ハブの応答 502、最後の試行 .*次の試行/m : /^ {2}req_4: .*next try/m,
      );
    } finally {
      if (before === undefined) delete process.env.SHOKAI_LANG;
      else process.env.SHOKAI_LANG = before;
    }
  });
}

test("the status page names an envelope's source in words too", () => {
  assert.match(statusPage('ja', status(), null), /<td>ファイルで受領<\/td>/);
  assert.match(statusPage('en', status(), null), /<td>carried by file<\/td>/);
});

test('the status page lists the answers the installation holds itself, in both languages', () => {
  const ja = statusPage('ja', status(), null);
  assert.match(ja, /<div role="alert" id="held-here"><p>要対応: この設置が送付を保留している回答/);
  assert.match(ja, /<li data-held-here="req_3"><a href="\/requests\/req_3">SHK-2026-000003<\/a>: 折り返し確認/);
  assert.match(statusPage('en', status(), null), /answers this installation holds until a call-back is recorded/);
});

test('the status page lists the ids the hub gives no envelope for that wait, in both languages', () => {
  const ja = statusPage('ja', status(), null);
  assert.match(ja, /<div role="alert" id="passed-over"><p>ハブが「封筒はない」（404\/410）と繰り返し答えた/);
  assert.match(ja, /<li data-not-given="req_4"><code>req_4<\/code>: ハブの応答 502/);
  const en = statusPage('en', status(), null);
  assert.match(en, /<div role="alert" id="retry-later"><p>Requests the hub keeps answering with errors for/);
});
