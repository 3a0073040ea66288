// The typesetter's line breaks: an address after a full-width space (the 回答書's access-log rows)
// moves whole to the next line, never split as "203.0.1" / "13.7".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { Typesetter } from '../../src/documents/layout.ts';

test('a Latin word after a full-width space is not split across lines', async () => {
  const ts = await Typesetter.create(documentFont(), { title: 'wrap', at: new Date('2026-12-01T00:00:00Z') });
  const row =
    '令和8年（2026年）11月29日 03:06:40 +09:00（指定値 2026-11-28T18:06:40.649+00:00）　203.0.113.7 ポート 40211　投稿';
  for (const width of [380, 400, 420, 440, 460]) {
    const lines = ts.wrap(row, 9, width);
    assert.ok(
      lines.some((l) => l.includes('203.0.113.7')),
      `at ${width}pt the address is whole: ${JSON.stringify(lines)}`,
    );
  }
});
