// A file that only starts like a PDF (no document catalog) is reported as unreadable in words, not
// thrown: the verification page once got the hub's internal error for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';

test('a PDF header with nothing behind it is not a readable PDF, said in both languages', async () => {
  for (const text of ['%PDF-1.4\n', '%PDF-1.7\n%%EOF\n']) {
    const report = await verifyDocument(new TextEncoder().encode(text), documentFont());
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.map((c) => [c.check, c.result]),
      [
        ['embedded', 'fail'],
        ['signatures', 'skipped'],
        ['pages', 'skipped'],
        ['directory', 'skipped'],
      ],
    );
    assert.deepEqual(report.checks[0]?.message, { ja: 'PDF として読めません', en: 'the file is not a readable PDF' });
  }
});
