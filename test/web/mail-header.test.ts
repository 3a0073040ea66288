// The mail screen's header-only cut (no key records, so the headers alone are sent): a chosen file's bytes
// and pasted text are cut at the same place, before the last header line's end, so a CRLF message's last
// header keeps no stray CR and the same message sends the same header block (the same audited digest).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerBlock, headerEnd } from '../../web/src/lib/mail-header.ts';

const HEADERS = ['Received: from a.example.jp ([192.0.2.1]) by mx.example.jp', 'Subject: hi', 'From: a@example.jp'];
const bytesCut = (message: string): string => {
  const bytes = new TextEncoder().encode(message);
  return new TextDecoder().decode(bytes.subarray(0, headerEnd(bytes)));
};

test('a CRLF message: the file cut ends at the last header value, as the pasted cut does', () => {
  const message = `${HEADERS.join('\r\n')}\r\n\r\nbody line\r\n`;
  assert.equal(bytesCut(message), HEADERS.join('\r\n'));
  assert.equal(bytesCut(message), headerBlock(message));
  assert.doesNotMatch(bytesCut(message), /\r$/, 'no stray CR after the last header');
});

test('an LF message, a mixed one and one with no body are cut at the same place both ways', () => {
  const cases = [
    `${HEADERS.join('\n')}\n\nbody\n`,
    `${HEADERS.join('\r\n')}\r\n\nbody\n`,
    `${HEADERS.join('\n')}\n\r\nbody\n`,
    HEADERS.join('\r\n'),
  ];
  for (const message of cases) {
    assert.equal(bytesCut(message), headerBlock(message), JSON.stringify(message));
    assert.doesNotMatch(bytesCut(message), /\r$/, JSON.stringify(message));
  }
  assert.equal(bytesCut(cases[1] ?? ''), HEADERS.join('\r\n'));
});

test('a message that starts with its empty line has no header block either way', () => {
  for (const message of ['\r\n\r\nbody', '\n\nbody']) {
    assert.equal(bytesCut(message), '');
    assert.equal(headerBlock(message), '');
  }
});
