// What the tests check of words said in Japanese and English.
import assert from 'node:assert/strict';

/** A character of Japanese script (kana or kanji). */
export const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** `words` in both languages: the Japanese in Japanese script, matching `ja`; the English with none, matching `en`. */
export function assertInBoth(words: { ja: string; en: string }, ja: RegExp, en: RegExp): void {
  assert.match(words.ja, JAPANESE);
  assert.match(words.ja, ja);
  assert.doesNotMatch(words.en, JAPANESE);
  assert.match(words.en, en);
}
