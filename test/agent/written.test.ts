// The provider's review pages show free text from the hub as the hub's pages do: escaped, and with each
// hidden or direction-changing character as a mark where it stands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingLines, written } from '../../src/agent/render.ts';
import { findingHtml } from '../../src/agent/web-pages.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { hiddenCharacter } from '../../src/domain/shown-text.ts';
import { FINDING_REASON_LABELS, RESOLVE_HINT_LABELS } from '../../src/domain/vocabulary.ts';

test('free text on the review pages: escaped, hidden characters marked, line breaks kept', () => {
  assert.equal(written('a<b> & "c"', 'ja'), 'a&lt;b&gt; &amp; &quot;c&quot;');
  assert.equal(
    written('送金先は\u202Eabc.exe\r\n次', 'ja'),
    '送金先は<span class="hidden-char" title="見えない文字、または文字の向きを変える文字（U+202E）がここにあります">⟨U+202E⟩</span>abc.exe\r\n次',
  );
  assert.match(
    written('\u200B', 'en'),
    /title="An invisible or text-direction character \(U\+200B\) is here">⟨U\+200B⟩</,
  );
  assert.equal(written(undefined, 'en'), '');
});

test("a finding's account, name, terminal and file from the records: no hidden character reaches a reader", () => {
  // A board's user picks their account name: an escape sequence that clears the line before it, an override.
  const f = FindingSchema.parse({
    verdict: 'ambiguous',
    records: 'post_log',
    query: { asReceived: 'https://board.example/t/1 (post 5\u200B)' },
    candidates: [
      {
        account: 'mallory\u001b[1A\u001b[2K',
        person: { name: '山田\u202Efdp.exe' },
        posts: [{ at: '2026-03-29T01:00:00+09:00', address: '203.0.113.7', account: 'bob\u202E' }],
        terminalUse: [
          { terminal: 'B-1\u200B', enteredAt: '2026-03-29T01:00:00+09:00', exitedAt: '2026-03-29T02:00:00+09:00' },
        ],
        sources: [{ kind: 'post', file: 'posts\u202Evsc.json', line: 2 }],
        notes: [],
      },
    ],
    reasons: [{ code: 'several_posts', text: FINDING_REASON_LABELS.several_posts }],
    resolveBy: [{ code: 'post_id', text: RESOLVE_HINT_LABELS.post_id }],
  });
  for (const lang of ['ja', 'en'] as const) {
    for (const line of findingLines(f, lang)) assert.equal(hiddenCharacter(line), undefined, line);
    const lines = findingLines(f, lang).join('\n');
    for (const seen of ['mallory\\u001b[1A\\u001b[2K', '山田\\u202efdp.exe', 'bob\\u202e', 'B-1\\u200b']) {
      assert.ok(lines.includes(seen), `${seen} in ${lines}`);
    }
    const html = findingHtml(f, lang).replace(/\n/g, ' ');
    assert.equal(hiddenCharacter(html), undefined, html);
    assert.match(html, /mallory<span class="hidden-char"[^>]*>⟨U\+001B⟩<\/span>\[1A/);
    assert.match(html, /山田<span class="hidden-char"[^>]*>⟨U\+202E⟩<\/span>fdp\.exe/);
  }
});
