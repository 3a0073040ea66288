import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, hubWithHooks } from '../support/exchange.ts';
import { boardPost, draft, inquiry, transition } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// The files of a draft while it is one (docs/decisions.md): the drafter removes a file attached by
// mistake (ciphertext deleted, removal audited without the name), never once the request is submitted;
// and the draft's provider does not change under files sealed to the provider it named before.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('draft-file')]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

type Files = { items: Array<{ id: string; fileName: string }> } & ApiError;

for (const dialect of testDialects()) {
  describe(`files of a draft request (${dialect})`, () => {
    const { hub, orgs } = hubWithHooks(dialect, []);

    const apiOf = async (login: string) => createApiClient({ baseUrl: hub.url, token: (await hub.as(login)).token });
    const content = (provider: string, ref: string) =>
      inquiry(provider, { caseReference: ref, targets: [boardPost('t/31#1')] });
    async function newDraft(ref: string): Promise<string> {
      return (await draft(await hub.as('sato'), content(orgs.board, ref))).id;
    }
    async function attach(requestId: string, fileName: string): Promise<string> {
      const a = await uploadSealedFile(await apiOf('sato'), requestId, 'request', {
        fileName,
        mediaType: 'image/png',
        bytes: PNG,
      });
      return a.id;
    }
    const remove = async (login: string, requestId: string, fileId: string) =>
      (await hub.as(login)).call<Files>('DELETE', `/v1/requests/${requestId}/attachments/${fileId}`);
    const readDraft = async (requestId: string) =>
      (await (await hub.as('sato')).call<RequestDetail>('GET', `/v1/requests/${requestId}`)).body;
    const readdress = async (requestId: string, provider: string, ref: string) =>
      (await hub.as('sato')).call<RequestDetail & ApiError>('PATCH', `/v1/requests/${requestId}`, {
        content: content(provider, ref),
      });

    test('the drafter removes a file from the draft: the row goes, the draft no longer names it, audited', async () => {
      const id = await newDraft('DRAFT-FILES-1');
      const wrong = await attach(id, '違うスクリーンショット.png');
      const right = await attach(id, '投稿.png');
      assert.equal(((await readDraft(id)).content as { attachments?: unknown[] }).attachments?.length, 2);

      const r = await remove('sato', id, wrong);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.items.map((a) => a.fileName),
        ['投稿.png'],
      );
      const rows = await hub.ctx.store.db.selectFrom('attachments').select('id').where('request_id', '=', id).execute();
      assert.deepEqual(
        rows.map((x) => x.id),
        [right],
        'the ciphertext row is deleted',
      );
      const named = ((await readDraft(id)).content as { attachments?: Array<{ id: string }> }).attachments ?? [];
      assert.deepEqual(
        named.map((a) => a.id),
        [right],
      );
      const audited = (await auditSince(hub.ctx.store.db)).filter(
        (e) => e.action === 'attachment.removed' && e.subjectId === id,
      );
      assert.equal(audited.length, 1);
      const details = audited[0]?.details ?? {};
      assert.equal(details.attachmentId, wrong);
      assert.equal(details.sha256, sha(PNG));
      assert.equal(details.byteSize, PNG.length);
      assert.equal(details.mediaType, 'image/png');
      assert.equal(JSON.stringify(audited).includes('違うスクリーンショット'), false, 'the audit never names the file');

      // Removing it again: there is no such file now.
      assert.equal((await remove('sato', id, wrong)).status, 404);
      // The last file goes too: the draft names no files.
      assert.equal((await remove('sato', id, right)).status, 200);
      assert.equal(((await readDraft(id)).content as { attachments?: unknown[] }).attachments, undefined);
    });

    const drafterRemovesTitle =
      'only the drafter removes, only while a draft: others are refused, another force does not see it';
    test(drafterRemovesTitle, async () => {
      const id = await newDraft('DRAFT-FILES-2');
      const fileId = await attach(id, 'shot.png');
      const head = await remove('tanaka', id, fileId);
      assert.equal(head.status, 403);
      assert.match(head.body.error.message.en, /only the drafter/);
      assert.equal((await remove('osaka', id, fileId)).status, 404, "another force's request is not found");
      assert.equal((await remove('board.legal', id, fileId)).status, 404, 'the provider does not see a draft');

      await transition(await hub.as('sato'), id, { action: 'submit' });
      const submitted = await remove('sato', id, fileId);
      assert.equal(submitted.status, 409);
      assert.equal(submitted.body.error.code, 'ILLEGAL_TRANSITION');
      assert.equal(submitted.body.error.details?.state, 'awaiting_approval');
      assert.match(submitted.body.error.message.ja, /決裁待ち/);
      assert.match(submitted.body.error.message.en, /Awaiting approval/);
      assert.equal((await approve(await hub.as('tanaka'), id)).status, 200);
      assert.equal((await remove('sato', id, fileId)).status, 409, 'nor once issued');
      const rows = await hub.ctx.store.db.selectFrom('attachments').select('id').where('request_id', '=', id).execute();
      assert.equal(rows.length, 1, 'the file stays with the request');
    });

    const providerUnchangedTitle =
      'the provider does not change under files sealed to the earlier one; it does once they are removed';
    test(providerUnchangedTitle, async () => {
      const id = await newDraft('DRAFT-FILES-3');
      const fileId = await attach(id, '投稿のスクリーンショット.png');
      const refused = await readdress(id, orgs.isp, 'DRAFT-FILES-3');
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details?.field, 'content.providerOrganisationId');
      assert.match(refused.body.error.message.ja, /「投稿のスクリーンショット\.png」/);
      assert.match(refused.body.error.message.en, /“投稿のスクリーンショット\.png”/);
      assert.match(refused.body.error.message.en, /remove them from the draft first/);
      assert.equal((await readDraft(id)).provider?.id, orgs.board, 'the draft still names the board');
      // Other edits with the same provider go through.
      assert.equal((await readdress(id, orgs.board, 'DRAFT-FILES-3b')).status, 200);

      assert.equal((await remove('sato', id, fileId)).status, 200);
      const moved = await readdress(id, orgs.isp, 'DRAFT-FILES-3');
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal((await readDraft(id)).provider?.id, orgs.isp);
    });

    test('a draft without files changes its provider freely', async () => {
      const id = await newDraft('DRAFT-FILES-4');
      const moved = await readdress(id, orgs.isp, 'DRAFT-FILES-4');
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal((await readDraft(id)).provider?.id, orgs.isp);
    });
  });
}
