// Words from the hub, a medium, a file or another party are printed by the CLI made terminal-safe: what a
// terminal would act on (escape sequences, OSC 8 links, BEL, CR, DEL, C1, bidi overrides) is shown written
// out as \uXXXX; newline, tab and Japanese text are left as they are, and JSON stays the same JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aligned, terminalSafe } from '../../src/cli/output.ts';
import { hiddenCharacter, MAX_SHOWN_INPUT, shownInput, visibleText } from '../../src/domain/shown-text.ts';

test('terminalSafe writes out what a terminal would act on, and leaves the rest', () => {
  assert.equal(terminalSafe('\x1b[2K\x1b[1A承認済み'), '\\u001b[2K\\u001b[1A承認済み', 'an escape sequence');
  assert.equal(
    terminalSafe('\x1b]8;;https://evil.example/\x07here\x1b]8;;\x07'),
    '\\u001b]8;;https://evil.example/\\u0007here\\u001b]8;;\\u0007',
    'an OSC 8 link and BEL',
  );
  assert.equal(terminalSafe('取り下げ\r検証: 署名済み'), '取り下げ\\u000d検証: 署名済み', 'a CR overwriting the line');
  assert.equal(terminalSafe('abc\u202edcba\u2066x\u2069'), 'abc\\u202edcba\\u2066x\\u2069', 'bidi override, isolate');
  assert.equal(terminalSafe('a\x7fb\x9bc\x00'), 'a\\u007fb\\u009bc\\u0000', 'DEL, C1 CSI, NUL');
  const japanese = '当事者間で和解が成立したため、本件の開示請求を取り下げます。\n二行目\tタブ「」（）';
  assert.equal(terminalSafe(japanese), japanese, 'Japanese text, newline and tab untouched');
  const value = { note: '\x1b[31m赤\u202e\x85', path: 'C:\\x1b' };
  const json = terminalSafe(JSON.stringify(value));
  assert.equal(terminalSafe(json), json, 'nothing left to write out');
  assert.ok(!json.includes('\x1b') && !json.includes('\x85') && !json.includes('\u202e'));
  assert.deepEqual(JSON.parse(json), value, 'inside JSON, the same value');
});

test('the CLI and the hub write out the same characters: one function of the domain, zero-width ones too', () => {
  assert.equal(terminalSafe('a\u200bb\u200dc\ufeffd\u00ade'), 'a\\u200bb\\u200dc\\ufeffd\\u00ade', 'zero-width');
  assert.equal(terminalSafe('x\ny\tz'), visibleText('x\ny\tz', { keepLines: true }));
  assert.equal(visibleText('x\ny\tz'), 'x\\u000ay\\u0009z', 'an id keeps no line of its own');
  assert.equal(hiddenCharacter('yamada\u200btaro'), 'U+200B');
  assert.equal(hiddenCharacter('山田太郎 😀'), undefined);
});

test('caller input an error repeats: hidden characters written out, cut at MAX_SHOWN_INPUT with an ellipsis', () => {
  assert.equal(shownInput('req_\u202e1fe'), 'req_\\u202e1fe');
  assert.equal(shownInput('req_1'), 'req_1');
  const long = shownInput('x'.repeat(200));
  assert.equal(Array.from(long).length, MAX_SHOWN_INPUT);
  assert.ok(long.endsWith('…'));
  const exact = 'あ'.repeat(MAX_SHOWN_INPUT);
  assert.equal(shownInput(exact), exact, 'at the limit, whole');
  // Cut after the escape is written, so the cut never splits it into a character of its own.
  assert.ok(!/\u202e/.test(shownInput(`${'\u202e'.repeat(100)}`)));
});

test('aligned columns are measured as printed: wide characters two columns, hidden ones written out', () => {
  const lines = aligned(
    [
      ['sato', '捜査員', '佐藤'],
      ['hibari.legal', '法務担当、受付担当', 'ひばり'],
      ['x\u202ey', 'Auditor', 'z'],
    ],
    '',
  );
  assert.deepEqual(lines, [
    'sato          捜査員              佐藤',
    'hibari.legal  法務担当、受付担当  ひばり',
    'x\\u202ey      Auditor             z',
  ]);
});
