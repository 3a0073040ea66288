// A holder's export reaches the importers as bytes: UTF-8 (a BOM or not) or Shift_JIS, never guessed wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import { decodeRecordFile } from '../../src/holders/record-encoding.ts';
import { shiftJis } from '../support/shift-jis.ts';

const CSV = 'member,name,address\nM-1,山本 太郎,東京都新宿区西新宿１－１\n';

test('UTF-8 is read as it is, its BOM kept for the parser to drop', () => {
  assert.equal(decodeRecordFile('a.csv', new TextEncoder().encode(CSV)), CSV);
  const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]);
  assert.equal(decodeRecordFile('a.csv', withBom), `\uFEFF${CSV}`);
});

test('Shift_JIS, as Japanese spreadsheets export, is read as the same text', () => {
  const bytes = shiftJis(CSV);
  assert.notDeepEqual(bytes, new TextEncoder().encode(CSV), 'the bytes are not UTF-8');
  assert.equal(decodeRecordFile('a.csv', bytes), CSV);
});

test('bytes that are neither are refused naming the file', () => {
  assert.throws(
    () => decodeRecordFile('dump.bin', Uint8Array.of(0x81, 0x20, 0xff, 0xfe, 0x00, 0x80)),
    (e: unknown) => isDomainError(e) && e.details?.field === 'file' && /dump\.bin/.test(e.messages.ja),
  );
});
