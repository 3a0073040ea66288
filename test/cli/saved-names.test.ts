// Names that come from someone else: an answer's attachment names (the provider's) and the request files'
// ids (the hub's) never lead out of the folder, hide a file, or replace one already saved.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { carriedEnvelopeName, carriedFileName, carriedFileOf } from '../../src/agent/carried-files.ts';
import { savedName, writeNewFile } from '../../src/cli/saved-file.ts';

describe('names from another party', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-names-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an attachment name keeps only its last part, never . or .., never hidden', () => {
    assert.equal(savedName('../../etc/passwd', 'file-1'), 'passwd');
    assert.equal(savedName('..\\..\\boot.ini', 'file-1'), 'boot.ini');
    assert.equal(savedName('..', 'file-1'), 'file-1');
    assert.equal(savedName('.', 'file-1'), 'file-1');
    assert.equal(savedName('', 'file-1'), 'file-1');
    assert.equal(savedName('.bashrc', 'file-1'), '_.bashrc');
    assert.equal(savedName('a\nb.txt', 'file-1'), 'a_b.txt');
    assert.equal(savedName('アクセスログ.csv', 'file-1'), 'アクセスログ.csv');
    assert.equal(savedName('invoice\u202Efdp.exe', 'file-1'), 'invoice_fdp.exe');
    const long = savedName(`${'回'.repeat(99)}.pdf`, 'file-1');
    assert.ok(Buffer.byteLength(long) <= 200, `${Buffer.byteLength(long)} bytes`);
    assert.match(long, /^回+\.pdf$/);
  });

  test('two files of one name are both saved; nothing already there is replaced', () => {
    const a = writeNewFile(dir, 'log.csv', Buffer.from('first'), 'file-a');
    const b = writeNewFile(dir, 'log.csv', Buffer.from('second'), 'file-b');
    const c = writeNewFile(dir, '..', Buffer.from('third'), 'file-c');
    assert.equal(a, join(dir, 'log.csv'));
    assert.equal(b, join(dir, 'log (2).csv'));
    assert.equal(c, join(dir, 'file-c'));
    assert.equal(readFileSync(a, 'utf8'), 'first');
    assert.equal(readFileSync(b, 'utf8'), 'second');
    assert.deepEqual(readdirSync(dir).sort(), ['file-c', 'log (2).csv', 'log.csv']);
    // The fallback comes from the answer too (`file-ATTACHMENT_ID`): it stays in the folder as well.
    const led = writeNewFile(dir, '..', Buffer.from('fifth'), 'file-x/../../../.config/autostart/a.desktop');
    assert.equal(led, join(dir, 'a.desktop'));
    const long = writeNewFile(dir, `${'回'.repeat(99)}.pdf`, Buffer.from('fourth'), 'file-d');
    assert.equal(readFileSync(long, 'utf8'), 'fourth');
  });

  test("a carried file's name refuses an id that is not an id, naming it", () => {
    assert.equal(carriedFileName('req_1', 'att_2'), 'req_1.att_2.sealed');
    assert.deepEqual(carriedFileOf(carriedFileName('req_1', 'att_2')), { requestId: 'req_1', fileId: 'att_2' });
    assert.throws(
      () => carriedFileName('req_1', 'x/../../../../home/op/anything'),
      (err: Error & { details?: { field?: string } }) =>
        /request file id "x\/..\/..\/..\/..\/home\/op\/anything" that is not an id/.test(err.message) &&
        err.details?.field === 'attachmentId',
    );
    assert.throws(() => carriedFileName('../req', 'att_2'), /request id "..\/req" that is not an id/);
    assert.throws(() => carriedEnvelopeName('a/b'), /request id "a\/b"/);
  });
});
