// A unit whose answer key the hub still holds has a request file sealed to that key (the drafter's client
// sealed it to the unit's current key, the hub-held one): the move of its answers to the devices cannot
// seal the file again (the hub does not re-seal files), so the move is refused — in words, naming the file by
// its name and its request by reference, never an `att_`/`req_` id — and nothing is changed: no key on
// devices, the hub-held key kept, the file still opens, nothing audited as started.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { boardPost, draft, inquiry } from '../support/flow.ts';

const PICTURE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('画面')]);

for (const dialect of testDialects()) {
  describe(`the move to device custody stopped by a file sealed to the hub's key (${dialect})`, () => {
    const { hub, sato, orgs, satoApi, tanakaApi } = custodyHooks(dialect);
    const db = () => hub.ctx.store.db;

    /** What the move would change: the unit's keys and their private parts, the file's boxes, the audit. */
    const snapshot = async (fileId: string) => ({
      keys: await db()
        .selectFrom('keys')
        .select(['id', 'private_key_wrapped', 'valid_to', 'revoked_at'])
        .where('owner_type', '=', 'unit')
        .orderBy('id')
        .execute(),
      file: await db()
        .selectFrom('attachments')
        .select(['sealed_for_agency', 'sealed_for_provider'])
        .where('id', '=', fileId)
        .executeTakeFirstOrThrow(),
      started: await db().selectFrom('audit_entries').select('seq').where('action', '=', 'custody.started').execute(),
    });

    test('refused in words in both languages; nothing is changed and the file still opens', async () => {
      const d = await draft(
        sato,
        inquiry(orgs.board, { caseReference: '令和8年 第5151号', targets: [boardPost('/t/5151')] }),
      );
      const file = await uploadSealedFile(satoApi, d.id, 'request', {
        fileName: '投稿の画面.png',
        mediaType: 'image/png',
        bytes: PICTURE,
      });
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      const before = await snapshot(file.id);
      assert.ok(
        before.keys.some((k) => k.private_key_wrapped !== null),
        'the unit has a hub-held key',
      );
      const custodyBefore = (await tanakaApi.GET('/v1/custody')).data;
      assert.equal(custodyBefore?.custodyKey, null, 'the hub holds the key before the move');
      assert.deepEqual(
        custodyBefore?.devices.map((x) => x.state),
        ['pending', 'pending'],
      );
      const { response, error } = await withNewAnswerKey(head, [head, recovery], (key) =>
        tanakaApi.POST('/v1/custody/start', { body: key }),
      );
      assert.equal(response.status, 409);
      const e = (error as { error: { code: string; message: { ja: string; en: string } } }).error;
      assert.equal(e.code, 'CONFLICT');
      assert.equal(
        e.message.ja,
        `照会 ${d.reference} の添付ファイル「投稿の画面.png」がハブ保管の鍵で封緘されているため、端末保管へ移行できません`,
      );
      assert.equal(
        e.message.en,
        `the attachment "投稿の画面.png" of request ${d.reference} is sealed to a hub-held key: ` +
          'the move to the devices would lose it',
      );
      for (const text of [e.message.ja, e.message.en]) assert.doesNotMatch(text, /att_|req_|recipientKeyId/);

      assert.deepEqual(await snapshot(file.id), before);
      assert.deepEqual((await tanakaApi.GET('/v1/custody')).data, custodyBefore);
      const opened = await sato.call('GET', `/v1/requests/${d.id}/attachments/${file.id}`);
      assert.equal(opened.status, 200);
    });
  });
}
