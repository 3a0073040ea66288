// Words shown to people in one language at a time: no Japanese in an English screen's text, the post id
// and the tolerance of a sent time labelled in the reader's language, a law office named as what it is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  asReceivedWords,
  countryWords,
  languageWords,
  postIdWords,
  toleranceWords,
} from '../../src/domain/shown-text.ts';
import { describeTarget } from '../../src/domain/targets.ts';
import { messages } from '../../web/src/i18n/dictionary.ts';
import { JAPANESE } from '../support/languages.ts';

test('no English text of the web dictionary holds Japanese (「Make the 回答書 (PDF)」)', () => {
  const mixed = Object.entries(messages).filter(([, v]) => JAPANESE.test(v.en));
  assert.deepEqual(
    mixed.map(([k, v]) => `${k}: ${v.en}`),
    [],
  );
  assert.equal(messages['answer.documentOnDevice'].en, 'Make the answer document (PDF) on this device');
});

test('a law office is labelled as one, not as an agency', () => {
  assert.equal(messages['col.lawOffice'].en, 'Law office (requester)');
  assert.match(messages['col.lawOffice'].ja, /法律事務所/);
});

test('the tolerance of a sent time: ±1秒 in Japanese, ±1 s in English', () => {
  assert.equal(toleranceWords(1, 'ja'), '±1秒');
  assert.equal(toleranceWords(1, 'en'), '±1 s');
});

test('a post id is labelled beside its URL, in the reader’s language', () => {
  assert.equal(postIdWords('9931-2', 'ja'), '（投稿ID 9931-2）');
  assert.equal(postIdWords('9931-2', 'en'), ' (post ID 9931-2)');
  const url = { type: 'url', url: 'https://board.example/thread/9931#res-2', postId: '9931-2' } as const;
  assert.match(describeTarget(url, 'en'), /\(post ID 9931-2\)$/);
});

test('a finding’s question as received: its post id and tolerance in the reader’s language', () => {
  const post = 'https://board.example/thread/9931#res-2 (post 9931-2)';
  assert.equal(asReceivedWords(post, 'ja'), 'https://board.example/thread/9931#res-2（投稿ID 9931-2）');
  assert.equal(asReceivedWords(post, 'en'), 'https://board.example/thread/9931#res-2 (post ID 9931-2)');
  const address = '203.0.113.7:50123 2026-11-30T23:06:30+09:00 ±1s';
  assert.equal(asReceivedWords(address, 'ja'), '203.0.113.7:50123 2026-11-30T23:06:30+09:00 ±1秒');
  assert.equal(asReceivedWords('https://board.example/t/1', 'ja'), 'https://board.example/t/1');
});

test('a country and a language named by their codes are said in words, the code beside', () => {
  assert.equal(countryWords('US', 'ja'), 'アメリカ合衆国（US）');
  assert.equal(countryWords('US', 'en'), 'United States (US)');
  assert.equal(languageWords('en', 'ja'), '英語（en）');
  assert.equal(languageWords('zh-Hant', 'en'), 'Traditional Chinese (zh-Hant)');
  // A code no name is known for, or not a code at all, is shown as written.
  assert.equal(countryWords('XX', 'ja'), 'XX');
  assert.equal(languageWords('not a tag', 'en'), 'not a tag');
});
