import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hiddenCharacter, textRuns, visibleText } from '../../src/domain/shown-text.ts';

test('a text in runs: seen text, and each hidden character on its own; newline and tab stay', () => {
  assert.deepEqual(textRuns('plain\ttext\nline 2'), [{ seen: 'plain\ttext\nline 2' }]);
  assert.deepEqual(textRuns(''), []);
  assert.deepEqual(textRuns('a\u202Ebc\u202C\u200B'), [
    { seen: 'a' },
    { hidden: 'U+202E' },
    { seen: 'bc' },
    { hidden: 'U+202C' },
    { hidden: 'U+200B' },
  ]);
  assert.deepEqual(textRuns('\u001b[31mred\r'), [{ hidden: 'U+001B' }, { seen: '[31mred' }, { hidden: 'U+000D' }]);
  // A line break written as CRLF (a form's text area) is a line break; a CR alone is not.
  assert.deepEqual(textRuns('line 1\r\nline 2\r'), [{ seen: 'line 1\r\nline 2' }, { hidden: 'U+000D' }]);
  // Tag characters are invisible, yet may carry a text: each is marked.
  assert.deepEqual(textRuns('ok\u{E0041}\u{E0042}'), [{ seen: 'ok' }, { hidden: 'U+E0041' }, { hidden: 'U+E0042' }]);
  // Variation selectors (a name's 異体字, an emoji's presentation) are seen as part of the character.
  assert.deepEqual(textRuns('葛\u{E0100}城 ☎\uFE0F'), [{ seen: '葛\u{E0100}城 ☎\uFE0F' }]);
});

test('a tag character is hidden: named, and written out as a JSON-valid escape of its two halves', () => {
  assert.equal(hiddenCharacter('admin\u{E0041}'), 'U+E0041');
  const shown = visibleText('a\u{E0041}b');
  assert.equal(shown, 'a\\udb40\\udc41b');
  assert.equal(JSON.parse(`"${shown}"`), 'a\u{E0041}b');
});
