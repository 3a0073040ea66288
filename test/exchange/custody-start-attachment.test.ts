// A unit whose answer key the hub still holds has request files sealed to that key: one the drafter's client
// sealed itself (bound to its declaration), one uploaded in clear and sealed by the hub. The move of the
// unit's answers to the devices seals each file again to the new key with the context it was sealed with
// (before, the move was refused and such a unit could never leave the hub's custody): the head's device and
// the recovery key open both files, byte for byte; the hub no longer can; the provider's copies are as they
// were; and a file whose box does not open with the hub-held key stops the move with nothing changed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { openAttachmentOnDevice } from '../../src/client/custody.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import type { Client } from '../support/exchange.ts';
import { boardPost, draft, inquiry } from '../support/flow.ts';

const PICTURE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('画面')]);
const NOTE = Buffer.from('掲示板の管理者への連絡メモ\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Uploads a file in clear, as a client does while the hub holds the unit's key; the hub seals it. */
async function uploadInClear(url: string, who: Client, requestId: string, fileName: string, bytes: Buffer) {
  const res = await fetch(
    `${url}/v1/requests/${requestId}/attachments?purpose=request&fileName=${encodeURIComponent(fileName)}`,
    { method: 'POST', headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/plain' }, body: bytes },
  );
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { id: string };
}

for (const dialect of testDialects()) {
  describe(`the move to device custody takes the files sealed to the hub's key along (${dialect})`, () => {
    const { hub, sato, orgs, satoApi, tanakaApi } = custodyHooks(dialect);
    const db = () => hub.ctx.store.db;
    const boxes = (ids: string[]) =>
      db()
        .selectFrom('attachments')
        .select(['id', 'sealed_for_agency', 'sealed_for_agency_key_id', 'sealed_for_provider'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
    const unitKeys = () =>
      db()
        .selectFrom('keys')
        .select(['id', 'private_key_wrapped', 'valid_to', 'revoked_at'])
        .where('owner_type', '=', 'unit')
        .orderBy('id')
        .execute();

    test('a damaged box stops the move, nothing changed; mended, both files move and open on the devices', async () => {
      const d = await draft(
        sato,
        inquiry(orgs.board, { caseReference: '令和8年 第5151号', targets: [boardPost('/t/5151')] }),
      );
      const sealed = await uploadSealedFile(satoApi, d.id, 'request', {
        fileName: '投稿の画面.png',
        mediaType: 'image/png',
        bytes: PICTURE,
      });
      const clear = await uploadInClear(hub.url, sato, d.id, 'メモ.txt', NOTE);
      const ids = [sealed.id, clear.id];
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      const before = { files: await boxes(ids), keys: await unitKeys() };
      const sealedTo = (text: string | null) =>
        (JSON.parse(text ?? '{}') as { recipientKeyId?: string }).recipientKeyId;
      const hubKey = before.keys.find((k) => k.id === sealedTo(before.files[0]?.sealed_for_agency ?? null));
      assert.ok(hubKey?.private_key_wrapped, "the files are sealed to the unit's hub-held key");
      assert.ok(before.files.every((f) => sealedTo(f.sealed_for_agency) === hubKey.id));

      // The clear file's box altered in place: the hub-held key cannot open it, so the move stops whole.
      const good = before.files.find((f) => f.id === clear.id)?.sealed_for_agency ?? assert.fail('the clear file');
      const box = JSON.parse(good) as { ct: string };
      const flipped = { ...box, ct: `${box.ct.startsWith('A') ? 'B' : 'A'}${box.ct.slice(1)}` };
      await db()
        .updateTable('attachments')
        .set({ sealed_for_agency: JSON.stringify(flipped) })
        .where('id', '=', clear.id)
        .execute();
      const refused = await withNewAnswerKey(head, [head, recovery], (key) =>
        tanakaApi.POST('/v1/custody/start', { body: key }),
      );
      assert.equal(refused.response.status, 409);
      const e = (refused.error as { error: { code: string; message: { ja: string; en: string } } }).error;
      assert.equal(e.code, 'CONFLICT');
      assert.equal(
        e.message.ja,
        `照会 ${d.reference} の添付ファイル「メモ.txt」がハブ保管の鍵で開けません（封緘が壊れているか改変されています）。` +
          '端末保管への移行は行っていません',
      );
      assert.equal(
        e.message.en,
        `the attachment "メモ.txt" of request ${d.reference} does not open with the hub-held key ` +
          '(its sealing is damaged or altered): nothing was moved to the devices',
      );
      for (const text of [e.message.ja, e.message.en]) assert.doesNotMatch(text, /att_|req_|key_/);
      assert.deepEqual(await unitKeys(), before.keys, 'no key added, the hub-held one kept');
      const damaged = JSON.stringify(flipped);
      assert.deepEqual(
        await boxes(ids),
        before.files.map((f) => (f.id === clear.id ? { ...f, sealed_for_agency: damaged } : f)),
        'no file sealed again',
      );
      assert.equal((await tanakaApi.GET('/v1/custody')).data?.custodyKey, null);
      // A box that names the hub-held key but has lost a part (no tag), or is no box at all: refused alike,
      // never skipped (the key would be erased with the file still sealed to it).
      const { tag: _lost, ...untagged } = JSON.parse(good) as Record<string, unknown>;
      for (const broken of [JSON.stringify(untagged), 'not a box']) {
        await db().updateTable('attachments').set({ sealed_for_agency: broken }).where('id', '=', clear.id).execute();
        const again = await withNewAnswerKey(head, [head, recovery], (key) =>
          tanakaApi.POST('/v1/custody/start', { body: key }),
        );
        assert.equal(again.response.status, 409, broken);
        const words = (again.error as { error: { message: { en: string } } }).error.message.en;
        assert.match(words, /^the attachment "メモ\.txt" of request .* does not open with the hub-held key/);
        assert.deepEqual(await unitKeys(), before.keys, 'no key added, the hub-held one kept');
      }
      await db().updateTable('attachments').set({ sealed_for_agency: good }).where('id', '=', clear.id).execute();

      const { response, data } = await withNewAnswerKey(head, [head, recovery], (key) =>
        tanakaApi.POST('/v1/custody/start', { body: key }),
      );
      assert.equal(response.status, 200);
      // The unit's demo answers move too; the two files are counted beside them.
      assert.ok((data?.resealed ?? 0) >= 2, `sealed again: ${data?.resealed}`);
      const newKey = data?.custodyKey?.id ?? assert.fail('a custody key');
      const after = await boxes(ids);
      assert.ok(after.every((f) => f.sealed_for_agency_key_id === newKey));
      assert.deepEqual(
        after.map((f) => f.sealed_for_provider),
        before.files.map((f) => f.sealed_for_provider),
        "the provider's copies are as they were",
      );
      const keys = await unitKeys();
      assert.equal(
        keys.find((k) => k.id === hubKey.id)?.private_key_wrapped,
        null,
        "the hub-held key's private part erased",
      );

      for (const device of [head, recovery]) {
        const picture = await openAttachmentOnDevice(tanakaApi, device, d.id, sealed.id);
        assert.equal(picture.sha256, sha(PICTURE));
        assert.deepEqual(Buffer.from(picture.bytes), PICTURE);
        const note = await openAttachmentOnDevice(tanakaApi, device, d.id, clear.id);
        assert.deepEqual(Buffer.from(note.bytes), NOTE);
        assert.equal(note.fileName, 'メモ.txt');
      }
      const onHub = await sato.call<{ error: { code: string } }>('GET', `/v1/requests/${d.id}/attachments/${clear.id}`);
      assert.equal(onHub.status, 409);
      assert.equal(onHub.body.error.code, 'OPEN_ON_DEVICE');
    });
  });
}
