// How a download names its file (RFC 6266, RFC 8187): an attachment's name is the uploader's, with any
// character but controls, slashes and invisible ones — an apostrophe, brackets, Japanese. The RFC 8187 form
// left ' ( ) * as they were (encodeURIComponent does), and ' is the form's own delimiter: Chromium splits
// the value at each ' and, finding more than two, drops the name and saves the file under the URL's last
// segment, without its extension. Without a plain `filename` beside it, nothing else named the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentDisposition } from '../../src/server/env.ts';

/** `filename*` as a strict reader takes it (RFC 8187 §3.2.1, as Chromium's ParseExtValueComponents). */
function extendedName(header: string): string | null {
  const value = /filename\*=([^;]+)/.exec(header)?.[1];
  if (value === undefined) return null;
  const parts = value.split("'");
  if (parts.length !== 3 || parts[0] !== 'UTF-8') return null;
  const chars = parts[2] ?? '';
  if (!/^(?:%[0-9A-F]{2}|[A-Za-z0-9!#$&+\-.^_`|~])+$/.test(chars)) return null;
  return decodeURIComponent(chars);
}

/** The quoted `filename`, for a reader without RFC 8187: printable ASCII, no quote or backslash inside. */
function plainName(header: string): string | null {
  return /filename="([\x20-\x21\x23-\x5b\x5d-\x7e]*)"/.exec(header)?.[1] ?? null;
}

test('a name with an apostrophe, brackets or an asterisk keeps them for a strict reader', () => {
  for (const name of ["犯人's 投稿 (1).png", 'ログ*抜粋.txt', "O'Brien 様の書面.pdf", 'スクリーンショット.png']) {
    const header = contentDisposition(name);
    assert.match(header, /^attachment; /);
    assert.equal(extendedName(header), name, header);
    const plain = plainName(header);
    assert.ok(plain, `a quoted stand-in for clients without RFC 8187: ${header}`);
    assert.equal(plain.slice(-4), name.slice(-4), 'the stand-in keeps the extension');
  }
});

test('a plain ASCII name is quoted as it is; one with a quote or backslash is encoded', () => {
  assert.equal(contentDisposition('requests.csv'), 'attachment; filename="requests.csv"');
  const quoted = contentDisposition('a "b".txt');
  assert.equal(extendedName(quoted), 'a "b".txt');
  assert.equal(plainName(quoted), 'a _b_.txt');
  assert.doesNotMatch(contentDisposition('a\r\nSet-Cookie: x.txt'), /[\r\n]/, 'never a line break in the header');
});
