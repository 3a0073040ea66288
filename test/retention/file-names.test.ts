import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { openArchiveOnDevice, openAttachmentOnDevice, removedByRetention } from '../../src/client/custody.ts';
import { requestFileInEnvelope } from '../../src/client/request-file-check.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, demoDevice } from '../support/exchange.ts';
import { answer, boardPost, draft, inquiry, submitApprove, subscriberFound } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { retentionHooks } from '../support/retention.ts';

// Retention takes the attached files' names with the rest of a request's text (docs/decisions.md, "Retention
// reaches the attached files' names"): a name can name a person ("被害者山田の画面.png"). In archive mode the
// names go into the unit's sealed box and the files still open, under their id.

const NAME = '被害者山田花子の画面.png';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('names-7731')]);

interface Listed {
  id: string;
  fileName: string;
  purged: boolean;
  nameRemoved: boolean;
}

for (const dialect of testDialects()) {
  describe(`retention of the files' names (${dialect})`, () => {
    const { hub, orgs, sato, tanaka, board, retained } = retentionHooks(dialect);
    const apiOf = (c: Client) => createApiClient({ baseUrl: hub.url, token: c.token });
    const device = async () => importDemoDevice(demoDevice(hub, 'sato') ?? assert.fail('a demo device of sato'));
    /** Request `ref` about `post`, the screenshot NAME its sealed file, approved and answered (`name` found). */
    const answeredWithFile = async (ref: string, post: string, name: string) => {
      const d = await draft(sato, inquiry(orgs.board, { caseReference: ref, targets: [boardPost(post)] }));
      const file = await uploadSealedFile(apiOf(sato), d.id, 'request', {
        fileName: NAME,
        mediaType: 'image/png',
        bytes: PNG,
      });
      await submitApprove(sato, tanaka, d.id);
      await answer(board, d.id, [subscriberFound({ name })]);
      return { d, file };
    };

    test('archive: the names leave the rows for the box; the files open under their id', async () => {
      const { d, file } = await answeredWithFile('NAMES-1', 't/7731', '名前 七郎');
      const done = await retained(d.id, 'archive');
      assert.deepEqual([done.mode, done.removed.fileNames, done.removed.attachments], ['archive', 1, 0]);

      const db = hub.ctx.store.db;
      const rows = JSON.stringify([
        await db.selectFrom('attachments').selectAll().where('request_id', '=', d.id).execute(),
        await db.selectFrom('requests').selectAll().where('id', '=', d.id).execute(),
      ]);
      assert.equal(rows.includes('山田花子'), false, rows);

      // The list says so; the name it gives is the file's id with its type's ending.
      const list = await sato.call<{ items: Listed[] }>('GET', `/v1/requests/${d.id}/attachments`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.deepEqual(list.body.items, [
        { ...list.body.items[0], id: file.id, fileName: `${file.id}.png`, purged: false, nameRemoved: true },
      ]);
      // The request reads; its content names the file by id, type, size and digest, with no name.
      const page = await sato.call<RequestDetail & { content: { attachments?: Array<{ fileName: string }> } }>(
        'GET',
        `/v1/requests/${d.id}`,
      );
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.deepEqual(
        page.body.content.attachments?.map((a) => a.fileName),
        [''],
      );
      // The file still opens on the member's device, saved under its id.
      const opened = await openAttachmentOnDevice(apiOf(sato), await device(), d.id, file.id);
      assert.deepEqual([opened.fileName, Buffer.from(opened.bytes).equals(PNG)], [`${file.id}.png`, true]);
      // The unit's box holds the name, and the content as it stood.
      const box = await openArchiveOnDevice(apiOf(sato), await device(), d.id);
      assert.deepEqual(box.files, [{ id: file.id, fileName: NAME }]);
      assert.equal(box.content?.attachments?.[0]?.fileName, NAME);
    });

    test('archive: a request file is checked on a unit device against the signed request in its box', async () => {
      const { d, file } = await answeredWithFile('NAMES-2', 't/7732', '名前 八郎');
      await retained(d.id, 'archive');

      // Without a device the hub has nothing to check by: retention took the signed request.
      await assert.rejects(requestFileInEnvelope(apiOf(sato), d.id, file.id), (e: unknown) => removedByRetention(e));
      // The unit's device opens the box and finds the file there, as the approver signed it.
      const signed = await requestFileInEnvelope(apiOf(sato), d.id, file.id, await device());
      assert.deepEqual([signed.id, signed.byteSize, signed.fileName], [file.id, PNG.length, NAME]);
      const opened = await openAttachmentOnDevice(apiOf(sato), await device(), d.id, file.id, signed, 'request');
      assert.equal(Buffer.from(opened.bytes).equals(PNG), true);
      // A file the signed request does not name is refused, not opened.
      await assert.rejects(
        requestFileInEnvelope(apiOf(sato), d.id, 'att_not_named', await device()),
        (e: unknown) => e instanceof DomainError && e.code === 'NOT_FOUND',
      );
      // Reading the box to check the file is audited as a read of the archive.
      const reads = await auditEntries(hub.ctx.store.db, 'retention.archive_read', d.id);
      assert.ok(reads.length >= 2, JSON.stringify(reads));
    });
  });
}
