import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { type ApiClient, createApiClient, unwrap } from '../../src/client/client.ts';
import {
  type DeviceHandle,
  enrolDevice,
  openAnswerOnDevice,
  openAttachmentOnDevice,
  startCustody,
} from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import {
  custodyKeyId,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  openBox,
  sealBox,
  unwrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { auditDetails, auditEntries } from '../support/audit.ts';
import { apiErrorCode, custodyHooks, declarationOn, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout, boardPost, draft, inquiry } from '../support/flow.ts';

// A custody key found compromised (docs/decisions.md, "Re-sealing after a compromised custody key"): the
// head marks it, a new key replaces it on his device, and his device — which still holds the old key —
// seals again what was sealed to it; a device enrolled afterwards (given only the new key) opens it all.

const MARK = 'RESEAL-FILE-MARKER-4471';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(MARK)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const dialect of testDialects()) {
  describe(`re-sealing after a compromised custody key (${dialect})`, () => {
    const { hub, sato, tanaka, board, orgs, satoApi, tanakaApi } = custodyHooks(dialect);

    const work = (api: ApiClient, d: DeviceHandle) =>
      unwrap(api.GET('/v1/custody/reseal', { params: { query: { device: d.id } } }));

    test('mark compromised, re-seal on the old device, open on a device enrolled afterwards', async () => {
      const db = hub.ctx.store.db;
      const { handle: head, view: headView } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: satoDev } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, satoDev);
      const early = await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'RESEAL-1',
        name: '伊藤 一郎',
      });
      const d = await draft(sato, inquiry(orgs.board, { caseReference: 'RESEAL-2', targets: [boardPost('t/9#1')] }));
      const file = await uploadSealedFile(satoApi, d.id, 'request', {
        fileName: 'shot.png',
        mediaType: 'image/png',
        bytes: PNG,
      });
      const before = await unwrap(tanakaApi.GET('/v1/custody'));
      const oldKey = before.custodyKey?.id ?? '';
      assert.ok(oldKey);

      // Only the head (custody.manage) marks it; the investigator is refused and nothing changes.
      const bySato = await satoApi.POST('/v1/custody/compromised', { body: { keyId: oldKey } });
      assert.equal(bySato.response.status, 403);
      // The current key is replaced in the same act: a marking without the new key is refused.
      const bare = await tanakaApi.POST('/v1/custody/compromised', { body: { keyId: oldKey } });
      assert.equal(bare.response.status, 400);
      assert.equal(
        (await db.selectFrom('keys').select('revoked_at').where('id', '=', oldKey).executeTakeFirst())?.revoked_at,
        null,
      );
      // Nothing is left to re-seal while no key is compromised.
      assert.equal((await work(tanakaApi, head)).left, 0);

      // Sato's laptop leaked the key: the head marks it compromised and removes that device.
      const marked = await markCompromised(tanakaApi, head, oldKey, [satoDev.id]);
      // Every answer of the unit (the demo's earlier ones, re-sealed to the key at the migration) and the file.
      const answers = (await db.selectFrom('answers').select('sealed').execute()).filter(
        (a) => JSON.parse(a.sealed).recipientKeyId === oldKey,
      ).length;
      assert.ok(answers >= 1);
      const total = answers + 1;
      assert.equal(marked.leftToReseal, total, 'the answers and the request file');
      assert.notEqual(marked.custodyKey?.id, oldKey);
      const newKey = marked.custodyKey?.id ?? '';
      const revoked = await db.selectFrom('keys').selectAll().where('id', '=', oldKey).executeTakeFirstOrThrow();
      assert.equal(revoked.revocation_reason, 'compromised');
      const audit = await auditEntries(db, 'custody.compromised');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actorId, headView.userId);
      assert.equal(audit[0]?.details.leftToReseal, total);
      const again = await tanakaApi.POST('/v1/custody/compromised', { body: { keyId: oldKey } });
      assert.equal(again.response.status, 409);

      // A device enrolled now is given only the new key: before re-sealing it opens neither.
      const { handle: laptop } = await newDevice(tanakaApi, '田中 新PC');
      await enrolDevice(tanakaApi, head, laptop);
      await assert.rejects(openAnswerOnDevice(tanakaApi, laptop, early), apiErrorCode('NOT_FOUND'));
      await assert.rejects(openAttachmentOnDevice(tanakaApi, laptop, d.id, file.id), apiErrorCode('NOT_FOUND'));
      // The laptop holds no old key: nothing it could re-seal, though two items are left.
      const onLaptop = await work(tanakaApi, laptop);
      assert.deepEqual([onLaptop.left, onLaptop.openableHere, onLaptop.items.length], [total, 0, 0]);

      // The head's first device still holds the old key: it is handed both boxes with their contexts.
      const w = await work(tanakaApi, head);
      assert.deepEqual([w.left, w.openableHere, w.items.length, w.toKey?.id], [total, total, total, newKey]);
      const k = w.keys.find((x) => x.id === oldKey);
      assert.ok(k);
      const key = await unwrapCustodyKey(head, k.id, k.wrapped);
      const fileItem = w.items.find((i) => i.kind === 'attachment');
      assert.ok(fileItem);
      const plain = await openBox(key, k.publicKey, fileItem.sealed, fileItem.aad);
      assert.equal(sha(plain), sha(PNG));
      const post = (items: unknown[]) =>
        tanakaApi.POST('/v1/custody/reseal', { body: { deviceId: head.id, items } as never });
      const declared = {
        kind: 'attachment',
        itemId: file.id,
        aad: fileItem.aad,
        keyId: newKey,
        contentSha256: sha(PNG),
      };
      const copy = {
        kind: 'attachment',
        itemId: file.id,
        sealed: await sealBox(w.toKey?.publicKey ?? '', newKey, plain, fileItem.aad),
        contentSha256: sha(PNG),
        // The device's MAC over what it declares, with the new key (the hub cannot make one).
        declarationTag: await declarationOn(tanakaApi, head, declared),
      };
      // Refused, naming the field, and nothing stored: a copy sealed to the compromised key, a file whose
      // SHA-256 is not the one the signed request names, another unit's item, a device without the old key.
      const toOld = await post([{ ...copy, sealed: await sealBox(k.publicKey, oldKey, plain, fileItem.aad) }]);
      assert.equal(toOld.response.status, 400);
      assert.equal(toOld.error?.error.details?.field, 'items[0].sealed.recipientKeyId');
      const otherBytes = await post([{ ...copy, contentSha256: sha(Buffer.from('other')) }]);
      assert.equal(otherBytes.response.status, 400);
      assert.equal((await post([{ ...copy, itemId: 'att_nope' }])).response.status, 404);
      const fromLaptop = await tanakaApi.POST('/v1/custody/reseal', {
        body: { deviceId: laptop.id, items: [copy] } as never,
      });
      assert.equal(fromLaptop.response.status, 403);
      assert.equal((await db.selectFrom('resealed_boxes').selectAll().execute()).length, 0);

      // One copy now (the work is interrupted)...
      const first = await unwrap(post([copy]));
      assert.deepEqual(first, { accepted: 1, already: 0, left: total - 1 });
      // ...posting it again changes nothing; other content for the same item is a conflict.
      assert.deepEqual(await unwrap(post([copy])), { accepted: 0, already: 1, left: total - 1 });
      const other = await post([{ ...copy, contentSha256: sha(Buffer.from('x')) }]);
      assert.equal(other.response.status, 409);
      // A hub that names a key of its own to re-seal to gets nothing: the device checks the key first.
      const rogue = await exportDevicePublicKey((await generateDeviceKeyPair(true)).publicKey);
      const naming = (toKey: (k: { id: string; publicKey: string }) => Promise<object>) => {
        const api = createApiClient({ baseUrl: hub.url, token: tanaka.token });
        api.use({
          async onResponse({ request, response }) {
            if (request.method !== 'GET' || !new URL(request.url).pathname.endsWith('/v1/custody/reseal')) return;
            const body = (await response.clone().json()) as { toKey: { id: string; publicKey: string } };
            return Response.json({ ...body, toKey: { ...body.toKey, ...(await toKey(body.toKey)) } });
          },
        });
        return api;
      };
      await assert.rejects(
        resealOnDevice(
          naming(async () => ({ id: await custodyKeyId(rogue), publicKey: rogue })),
          head,
        ),
        /is not held on this device/,
      );
      await assert.rejects(
        resealOnDevice(
          naming(async () => ({ publicKey: rogue })),
          head,
        ),
        /is not the key its public part names/,
      );
      assert.equal((await db.selectFrom('resealed_boxes').selectAll().execute()).length, 1);
      // ...and it resumes where it stopped: only the answers are left.
      const seen: number[] = [];
      // Two runs at once (two tabs, or two holders' devices): each item is kept once, neither fails.
      const [done, twin] = await Promise.all([
        resealOnDevice(tanakaApi, head, (p) => seen.push(p.left)),
        resealOnDevice(tanakaApi, head),
      ]);
      assert.equal(done.resealed + twin.resealed, total - 1);
      assert.deepEqual([done.left, twin.left, seen.at(-1)], [0, 0, 0]);
      assert.deepEqual(await resealOnDevice(tanakaApi, head), { resealed: 0, already: 0, left: 0, openableHere: 0 });

      // The device enrolled after the compromise opens both now, each checked as before.
      assert.equal((await openAnswerOnDevice(tanakaApi, laptop, early)).answer.items[0]?.subscriber?.name, '伊藤 一郎');
      const opened = await openAttachmentOnDevice(tanakaApi, laptop, d.id, file.id);
      assert.equal(opened.sha256, sha(PNG));
      // The head's first device still opens the originals, which stay as they were sealed.
      assert.equal((await openAnswerOnDevice(tanakaApi, head, early)).answer.items[0]?.subscriber?.name, '伊藤 一郎');
      const answerRow = await db
        .selectFrom('answers')
        .selectAll()
        .where('request_id', '=', early)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(answerRow.sealed).recipientKeyId, oldKey);
      // The removed device gets nothing; the hub keeps ciphertext only; each batch is audited.
      await assert.rejects(openAnswerOnDevice(satoApi, satoDev, early), apiErrorCode('NOT_FOUND'));
      const rows = await db.selectFrom('resealed_boxes').selectAll().orderBy('kind').execute();
      assert.equal(rows.length, total);
      assert.equal(rows.filter((r) => r.kind === 'attachment' && r.item_id === file.id).length, 1);
      assert.ok(
        rows.every(
          (r) =>
            r.from_key_id === oldKey &&
            r.to_key_id === newKey &&
            r.device_id === head.id &&
            r.resealed_by === headView.userId,
        ),
      );
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(MARK) && !stored.includes('伊藤'));
      assert.equal((await auditDetails(db, 'custody.resealed')).length, 2);
    });
  });
}
