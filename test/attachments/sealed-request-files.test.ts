import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sealFile, uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { openAttachmentOnDevice } from '../../src/client/custody.ts';
import { requestFileInEnvelope } from '../../src/client/request-file-check.ts';
import { custodyKeyId, exportDevicePublicKey, generateDeviceKeyPair } from '../../src/crypto/device-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { SEALED_UPLOAD_TYPE } from '../../src/domain/attachments.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, orgId, startHub, type TestHub } from '../support/exchange.ts';
import { boardPost, draft, inquiry, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';
import { swapFileAtHub } from '../support/request-files.ts';
import { storeText } from '../support/store-text.ts';

// Request and clarification files sealed on the sender's side (issue 11): the drafter's browser seals a
// screenshot to the unit's key (to read it back) and to the provider's; the hub stores ciphertext it
// cannot open, the approver signs the file's SHA-256 in the envelope, and the provider's device opens
// the file and checks it against that signature. Clarification files go the same way from either side.

const MARK = 'SEALED-REQUEST-FILE-MARKER-6093';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(MARK)]);
const LOG = Buffer.from(`2026-03-01T10:00:00+09:00 post p-1 from 203.0.113.9 ${MARK}-LOG\n`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Keys {
  unitKey: { id: string; publicKey: string; algorithm: string };
  providerKey: { id: string; publicKey: string; algorithm: string };
}

for (const dialect of testDialects()) {
  describe(`request and clarification files sealed by their sender (${dialect})`, () => {
    let hub: TestHub;
    let requestId: string;
    let fileId: string;

    const apiOf = async (login: string) => createApiClient({ baseUrl: hub.url, token: (await hub.as(login)).token });
    async function post(login: string, path: string, body: Uint8Array, type: string) {
      const res = await fetch(`${hub.url}/v1/requests/${requestId}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${(await hub.as(login)).token}`, 'content-type': type },
        body,
      });
      return { status: res.status, body: (await res.json()) as ApiError & { id?: string } };
    }
    const sealed = (login: string, purpose: string, body: Uint8Array) =>
      post(login, `attachments/sealed?purpose=${purpose}`, body, SEALED_UPLOAD_TYPE);
    const inClear = (login: string, purpose: string, name: string, type: string, bytes: Buffer) =>
      post(login, `attachments?purpose=${purpose}&fileName=${encodeURIComponent(name)}`, bytes, type);
    async function keysFor(login: string, purpose: string) {
      return (await hub.as(login)).call<Keys & ApiError>(
        'GET',
        `/v1/requests/${requestId}/attachment-keys?purpose=${purpose}`,
      );
    }
    async function device(login: string) {
      const d = hub.demo.devices?.find((x) => x.login === login && x.kind === 'machine');
      assert.ok(d, `a demo device of ${login}`);
      return importDemoDevice(d);
    }
    /** The hub cannot open the caller's copy of the file: it holds no key to (only the devices do). */
    async function refusedOnHub(login: string, attachmentId: string) {
      const res = await fetch(`${hub.url}/v1/requests/${requestId}/attachments/${attachmentId}`, {
        headers: { authorization: `Bearer ${(await hub.as(login)).token}` },
      });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /OPEN_ON_DEVICE/);
    }
    const storeTextOfHub = () => storeText(hub.ctx.store);

    before(async () => {
      hub = await startHub(dialect);
      const board = await orgId(hub, 'Sakura Board K.K.');
      const d = await draft(
        await hub.as('sato'),
        inquiry(board, { caseReference: 'SEALED-REQ-1', targets: [boardPost('t/12#1')] }),
      );
      requestId = d.id;
    });
    after(async () => hub.close());

    test('the hub refuses a request file in clear, and sealed uploads it cannot accept, naming the field', async () => {
      const clear = await inClear('sato', 'request', 'shot.png', 'image/png', PNG);
      assert.equal(clear.status, 400);
      assert.equal(clear.body.error.details?.field, 'purpose');
      assert.match(clear.body.error.message.en, /seal request files in your browser/);
      assert.match(clear.body.error.message.en, /attachments\/sealed\?purpose=request/);
      assert.match(clear.body.error.message.ja, /ブラウザで封緘/);

      const k = await keysFor('sato', 'request');
      assert.equal(k.status, 200, JSON.stringify(k.body));
      assert.equal(k.body.unitKey.algorithm, 'ECDH-P256', "the unit's key, held on its members' devices");
      // Only the drafter attaches to a draft; another force does not even see it.
      const notDrafter = await keysFor('tanaka', 'request');
      assert.equal(notDrafter.status, 403);
      assert.equal(notDrafter.body.error.details?.field, 'purpose');
      assert.equal((await keysFor('osaka', 'request')).status, 404);

      const file = { fileName: 'shot.png', mediaType: 'image/png', bytes: PNG };
      const good = await sealFile(requestId, file, k.body);
      const bogus = await sealed('sato', 'bogus', good.body);
      assert.equal(bogus.status, 400);
      assert.equal(bogus.body.error.details?.field, 'purpose');
      const asAnswer = await sealed('sato', 'answer', good.body);
      assert.equal(asAnswer.status, 403);
      assert.equal(asAnswer.body.error.details?.field, 'purpose');
      const byHead = await sealed('tanaka', 'request', good.body);
      assert.equal(byHead.status, 403);
      assert.equal(byHead.body.error.details?.field, 'purpose');
      // Sealed to keys that are not the current ones: the unit's, then the provider's.
      const pair = await generateDeviceKeyPair();
      const publicKey = await exportDevicePublicKey(pair.publicKey);
      const stranger = { id: await custodyKeyId(publicKey), publicKey, algorithm: 'ECDH-P256' };
      for (const [which, field] of [
        ['unitKey', 'sealed.recipientKeyId'],
        ['providerKey', 'sealedForProvider.recipientKeyId'],
      ] as const) {
        const wrong = await sealed(
          'sato',
          'request',
          (await sealFile(requestId, file, { ...k.body, [which]: stranger })).body,
        );
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.error.details?.field, field);
      }
      const rows = await hub.ctx.store.db.selectFrom('attachments').selectAll().execute();
      assert.equal(rows.length, 0, 'nothing stored by a refused upload');
    });

    const drafterSealsTitle =
      'the drafter seals a file in his client: the store holds no plaintext, the envelope signs its hash';
    test(drafterSealsTitle, async () => {
      const a = await uploadSealedFile(await apiOf('sato'), requestId, 'request', {
        fileName: '投稿のスクリーンショット.png',
        mediaType: 'image/png',
        bytes: PNG,
      });
      fileId = a.id;
      assert.equal(a.purpose, 'request');
      assert.equal(a.sha256, sha(PNG));
      const row = await hub.ctx.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.sealed_by, 'agency');
      for (const text of [row.sealed_for_agency, row.sealed_for_provider]) {
        const box = JSON.parse(text ?? '{}') as { alg: string; ct: string };
        assert.equal(box.alg, 'ECDH-P256-HKDF-SHA256-A256GCM', 'sealed to keys held on devices');
        assert.equal(Buffer.from(box.ct, 'base64url').includes(MARK), false);
      }
      // At rest: no row of any table holds the file, nor does the hub open either copy.
      assert.equal((await storeTextOfHub()).includes(MARK), false, 'no plaintext of the file in the store');
      await refusedOnHub('sato', a.id);
      // The drafter reads it back on his unit's device.
      const mine = await openAttachmentOnDevice(await apiOf('sato'), await device('sato'), requestId, a.id);
      assert.deepEqual(Buffer.from(mine.bytes), PNG);

      // The draft names it; the approver signs its SHA-256 with the request.
      const sato = await hub.as('sato');
      await transition(sato, requestId, { action: 'submit' });
      assert.equal((await approve(await hub.as('tanaka'), requestId)).status, 200);
      const boardApi = await apiOf('board.legal');
      const ref = await requestFileInEnvelope(boardApi, requestId, a.id);
      assert.equal(ref.sha256, sha(PNG));
      // The provider: the hub cannot open its copy either; its device opens it and checks the signed hash.
      await refusedOnHub('board.legal', a.id);
      const f = await openAttachmentOnDevice(boardApi, await device('board.legal'), requestId, a.id, ref, 'request');
      assert.deepEqual(Buffer.from(f.bytes), PNG);
      assert.equal(f.fileName, '投稿のスクリーンショット.png');
    });

    test('a file the hub seals itself in place of the drafter’s does not pass the provider’s check', async () => {
      const db = hub.ctx.store.db;
      const boardApi = await apiOf('board.legal');
      const k = await keysFor('board.legal', 'clarification');
      assert.equal(k.status, 403, 'not yet the provider’s turn to attach');
      const ref = await requestFileInEnvelope(boardApi, requestId, fileId);
      const row = await db.selectFrom('attachments').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
      // Whoever holds the store seals another picture to the provider's public key and rewrites the row.
      const forged = await swapFileAtHub(hub, requestId, fileId);
      const dev = await device('board.legal');
      // Self-consistent on its own…
      assert.deepEqual(Buffer.from((await openAttachmentOnDevice(boardApi, dev, requestId, fileId)).bytes), forged);
      // …refused against the signed request.
      await assert.rejects(
        openAttachmentOnDevice(boardApi, dev, requestId, fileId, ref, 'request'),
        /not the file the signed request names/,
      );
      await db
        .updateTable('attachments')
        .set({ sealed_for_provider: row.sealed_for_provider, sha256: row.sha256, byte_size: row.byte_size })
        .where('id', '=', fileId)
        .execute();
    });

    test('clarification files are sealed by either side; in clear they are refused', async () => {
      const board = await hub.as('board.legal');
      await transition(board, requestId, { action: 'start_review' });
      const clear = await inClear('board.legal', 'clarification', 'access.log', 'text/plain', LOG);
      assert.equal(clear.status, 400);
      assert.equal(clear.body.error.details?.field, 'purpose');
      assert.match(clear.body.error.message.en, /seal clarification files on the provider's side/);
      const q = await uploadSealedFile(await apiOf('board.legal'), requestId, 'clarification', {
        fileName: 'access.log',
        mediaType: 'text/plain',
        bytes: LOG,
      });
      await transition(board, requestId, { action: 'request_clarification', message: '時刻を確認してください' });
      const back = await inClear('sato', 'clarification', 'memo.txt', 'text/plain', Buffer.from(`JST ${MARK}-MEMO`));
      assert.equal(back.status, 400);
      assert.equal(back.body.error.details?.field, 'purpose');
      const a = await uploadSealedFile(await apiOf('sato'), requestId, 'clarification', {
        fileName: 'memo.txt',
        mediaType: 'text/plain',
        bytes: Buffer.from(`JST ${MARK}-MEMO`),
      });
      const rows = await hub.ctx.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('request_id', '=', requestId)
        .execute();
      assert.deepEqual(rows.map((r) => `${r.owner_type}/${r.side}/${r.sealed_by}`).sort(), [
        'message/agency/agency',
        'message/provider/provider',
        'request/agency/agency',
      ]);
      assert.equal((await storeTextOfHub()).includes(MARK), false, 'no plaintext of any file in the store');
      // Each side opens the other's on its device.
      const fromProvider = await openAttachmentOnDevice(await apiOf('sato'), await device('sato'), requestId, q.id);
      assert.deepEqual(Buffer.from(fromProvider.bytes), LOG);
      const fromUnit = await openAttachmentOnDevice(
        await apiOf('board.legal'),
        await device('board.legal'),
        requestId,
        a.id,
      );
      assert.equal(Buffer.from(fromUnit.bytes).toString(), `JST ${MARK}-MEMO`);
    });
  });
}
