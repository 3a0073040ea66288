// SHOKAI_LANG as operators write it: `en` in any case or as a locale copied from LANG (`en_US.UTF-8`) is English;
// a value naming neither language is said on standard error, in both languages, and Japanese is shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliLocale, namedLocale } from '../../src/kernel/text.ts';
import { shokaiSync } from '../support/cli.ts';

test('a language written as a locale, in any case, is the language it names', () => {
  for (const v of ['en', 'EN', 'En', 'en-GB', 'en_US', 'en_US.UTF-8', ' en ', 'en_GB.utf8@euro']) {
    assert.equal(namedLocale(v), 'en', v);
  }
  for (const v of ['ja', 'JA', 'ja_JP.UTF-8', 'ja-JP', 'ja_JP.eucJP']) assert.equal(namedLocale(v), 'ja', v);
  for (const v of ['english', 'fr', 'e', 'enx', 'C', 'en;ja', '']) assert.equal(namedLocale(v), null, v);
  assert.equal(cliLocale({ SHOKAI_LANG: 'en_US.UTF-8' }), 'en');
  assert.equal(cliLocale({ SHOKAI_LANG: 'english' }), 'ja');
  assert.equal(cliLocale({}), 'ja');
});

test('the command line speaks English for en_US.UTF-8, and says so when the value names no language', () => {
  const english = shokaiSync(['--help'], { SHOKAI_LANG: 'en_US.UTF-8' });
  assert.equal(english.status, 0, english.stderr);
  assert.match(english.stdout, /lawful requests for sender identification/);
  assert.equal(english.stderr, '');

  const unknown = shokaiSync(['--help'], { SHOKAI_LANG: 'english' });
  assert.equal(unknown.status, 0, unknown.stderr);
  assert.match(unknown.stdout, /発信者情報の照会を署名・決裁して送り/);
  assert.match(unknown.stderr, /SHOKAI_LANG の「english」は日本語（ja）でも英語（en）でもありません/);
  assert.match(unknown.stderr, /SHOKAI_LANG "english" names neither Japanese \(ja\) nor English \(en\)/);
});
