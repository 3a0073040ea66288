import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textRuns } from '../../src/domain/shown-text.ts';

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
  // Variation selectors (a name's 異体字, an emoji's presentation) are seen as part of the character.
  assert.deepEqual(textRuns('葛\u{E0100}城 ☎\uFE0F'), [{ seen: '葛\u{E0100}城 ☎\uFE0F' }]);
});
