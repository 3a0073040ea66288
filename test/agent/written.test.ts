// The provider's review pages show free text from the hub as the hub's pages do: escaped, and with each
// hidden or direction-changing character as a mark where it stands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { written } from '../../src/agent/render.ts';

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
