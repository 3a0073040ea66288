import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { AnswerKeys } from '../../src/client/answer-seal.ts';
import { sealAnswerFile, uploadSealedAnswerFile } from '../../src/client/attachment-seal.ts';
import { ApiError, createApiClient } from '../../src/client/client.ts';
import { openAnswerFileOnDevice, openAnswerOnDevice, openAttachmentOnDevice } from '../../src/client/custody.ts';
import { custodyKeyId, exportDevicePublicKey, generateDeviceKeyPair, sealBox } from '../../src/crypto/device-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_REQUEST,
  SEALED_UPLOAD_TYPE,
  sealedAttachmentAad,
} from '../../src/domain/attachments.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { testDialects } from '../support/dialects.ts';
import { orgId, signInAll, startHub, type TestHub } from '../support/exchange.ts';
import { boardPost, inquiry, transition, underReview } from '../support/flow.ts';
import type { ApiError as ApiErrorBody } from '../support/replies.ts';

// Issue 11 item 3: answer files sealed on the provider's side. The hub stores ciphertext it cannot
// open, checks blind what it can (current recipients, declared type and size, the count, the id), and
// the unit's device opens each file and checks it against the SHA-256 inside the signed answer.

const MARK = 'SEALED-ANSWER-FILE-MARKER-8830';
const PDF = Buffer.from(`%PDF-1.4\n% provider log extract ${MARK}\n%%EOF\n`);
const CSV = Buffer.from(`time,ip,port\n2026-03-01T10:00:00+09:00,203.0.113.9,40211 ${MARK}-CSV\n`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const dialect of testDialects()) {
  describe(`answer files sealed on the provider's side (${dialect})`, () => {
    let hub: TestHub;
    let requestId: string;
    let keys: AnswerKeys;

    const apiOf = async (login: string) => createApiClient({ baseUrl: hub.url, token: (await hub.as(login)).token });
    /** Sends a sealed upload body as it is (to send the hub exactly what a test makes). */
    async function post(body: Uint8Array, type = SEALED_UPLOAD_TYPE) {
      const res = await fetch(`${hub.url}/v1/requests/${requestId}/attachments/sealed`, {
        method: 'POST',
        headers: { authorization: `Bearer ${(await hub.as('board.legal')).token}`, 'content-type': type },
        body,
      });
      return { status: res.status, body: (await res.json()) as ApiErrorBody & { id?: string } };
    }
    /** A sealed body whose header is changed by `edit` (the ciphertexts as they were). */
    function withHeader(body: Uint8Array, edit: (h: Record<string, unknown>) => void): Uint8Array {
      const nl = body.indexOf(0x0a);
      const h = JSON.parse(Buffer.from(body.subarray(0, nl)).toString()) as Record<string, unknown>;
      edit(h);
      return Buffer.concat([Buffer.from(`${JSON.stringify(h)}\n`), body.subarray(nl + 1)]);
    }
    async function device(login: string) {
      const d = hub.demo.devices?.find((x) => x.login === login && x.kind === 'machine');
      assert.ok(d, `a demo device of ${login}`);
      return importDemoDevice(d);
    }

    before(async () => {
      hub = await startHub(dialect);
      const [sato, tanaka, board] = await signInAll(hub, 'sato', 'tanaka', 'board.legal');
      const targets = [boardPost('t/11#4')];
      const content = inquiry(await orgId(hub, 'Sakura Board K.K.'), { caseReference: 'SEALED-ATT-1', targets });
      requestId = await underReview({ drafter: sato, head: tanaka, provider: board }, content);
      const k = await board.call<AnswerKeys>('GET', `/v1/requests/${requestId}/answer-keys`);
      assert.equal(k.status, 200, JSON.stringify(k.body));
      keys = k.body;
    });
    after(async () => hub.close());

    test('an answer file in clear is refused once the provider holds its own credential', async () => {
      const res = await fetch(`${hub.url}/v1/requests/${requestId}/attachments?purpose=answer&fileName=a.pdf`, {
        method: 'POST',
        headers: { authorization: `Bearer ${(await hub.as('board.legal')).token}`, 'content-type': 'application/pdf' },
        body: PDF,
      });
      const body = (await res.json()) as ApiErrorBody;
      assert.equal(res.status, 400);
      assert.equal(body.error.details?.field, 'purpose');
      assert.match(body.error.message.en, /seal answer files on the provider's side/);
      assert.match(body.error.message.ja, /事業者側で封緘/);
      const rows = await hub.ctx.store.db.selectFrom('attachments').selectAll().execute();
      assert.equal(rows.length, 0, 'nothing stored');
    });

    test('the blind checks refuse naming the field', async () => {
      // A file whose content is not its declared type: refused on the provider's side before sealing.
      await assert.rejects(
        sealAnswerFile(requestId, { fileName: 'x.png', mediaType: 'image/png', bytes: PDF }, keys),
        (e: unknown) => e instanceof DomainError && e.details?.field === 'mediaType',
      );
      const good = await sealAnswerFile(
        requestId,
        { fileName: 'log.pdf', mediaType: 'application/pdf', bytes: PDF },
        keys,
      );
      // A name its reader's computer would run, or one that hides its ending: the file is saved under it
      // on the other side, where `.bat` runs whatever the "text" holds.
      for (const fileName of ['log.pdf.bat', 'log.hta', 'log\u202efdp.txt', 'log\u0085.pdf']) {
        const named = await post(withHeader(good.body, (h) => (h.fileName = fileName)));
        assert.equal(named.status, 400, `${JSON.stringify(fileName)}: ${JSON.stringify(named.body)}`);
        assert.deepEqual([named.body.error.details?.field, named.body.error.details?.value], ['fileName', fileName]);
      }
      const wrongEnd = await post(withHeader(good.body, (h) => (h.fileName = 'log.txt')));
      assert.match(wrongEnd.body.error.message.en, /log\.txt does not end as files of type application\/pdf do.*\.pdf/);
      assert.match(wrongEnd.body.error.message.ja, /拡張子は application\/pdf のものではありません/);
      // A type the exchange does not take.
      const zip = await post(withHeader(good.body, (h) => (h.mediaType = 'application/zip')));
      assert.equal(zip.status, 400);
      assert.equal(zip.body.error.details?.field, 'mediaType');
      // A declared size over the limit.
      const big = await post(withHeader(good.body, (h) => (h.byteSize = MAX_ATTACHMENT_BYTES + 1)));
      assert.equal(big.status, 413);
      assert.equal(big.body.error.details?.field, 'byteSize');
      assert.equal(big.body.error.details?.limit, MAX_ATTACHMENT_BYTES);
      // A declared size the ciphertexts do not have.
      const lie = await post(withHeader(good.body, (h) => (h.byteSize = PDF.length - 1)));
      assert.equal(lie.status, 400);
      assert.equal(lie.body.error.details?.field, 'sealed.ctBytes');
      // Sealed to a key that is not the unit's current one.
      const pair = await generateDeviceKeyPair();
      const publicKey = await exportDevicePublicKey(pair.publicKey);
      const other = await sealAnswerFile(
        requestId,
        { fileName: 'log.pdf', mediaType: 'application/pdf', bytes: PDF },
        {
          ...keys,
          unitKey: { id: await custodyKeyId(publicKey), publicKey, algorithm: 'ECDH-P256' },
        },
      );
      const wrongKey = await post(other.body);
      assert.equal(wrongKey.status, 400);
      assert.equal(wrongKey.body.error.details?.field, 'sealed.recipientKeyId');
      // An id not of the client's form; a header that is not one.
      const id = await post(withHeader(good.body, (h) => (h.attachmentId = 'att_1')));
      assert.equal(id.status, 400);
      assert.equal(id.body.error.details?.field, 'attachmentId');
      const noHeader = await post(new Uint8Array(good.body.subarray(good.body.indexOf(0x0a) + 1)));
      assert.equal(noHeader.status, 400);
      assert.equal(noHeader.body.error.details?.field, 'header');
      const wrongType = await post(good.body, 'application/json');
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.body.error.details?.field, 'content-type');
      const rows = await hub.ctx.store.db.selectFrom('attachments').selectAll().execute();
      assert.equal(rows.length, 0, 'nothing stored by a refused upload');
    });

    test('a file of the full 10 MiB fits in the sealed upload (binary body, two boxes)', async () => {
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES).fill(0x41);
      const sealed = await sealAnswerFile(
        requestId,
        { fileName: 'big.txt', mediaType: 'text/plain', bytes: big },
        keys,
      );
      assert.ok(sealed.body.length > 2 * MAX_ATTACHMENT_BYTES, 'two boxes of the file');
      const r = await post(sealed.body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.id, sealed.ref.id);
      // Taken away again (the request has room for the files the next tests upload).
      await hub.ctx.store.db.deleteFrom('attachments').where('id', '=', sealed.ref.id).execute();
    });

    test('a request full of files refuses one more, naming the field and the limit', async () => {
      const seal = (n: number) =>
        sealAnswerFile(requestId, { fileName: `part-${n}.csv`, mediaType: 'text/csv', bytes: CSV }, keys);
      const ids: string[] = [];
      for (let n = 0; n < MAX_ATTACHMENTS_PER_REQUEST; n++) {
        const sealed = await seal(n);
        const r = await post(sealed.body);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids.push(sealed.ref.id);
      }
      const over = await post((await seal(MAX_ATTACHMENTS_PER_REQUEST)).body);
      assert.equal(over.status, 400, JSON.stringify(over.body));
      assert.equal(over.body.error.details?.field, 'file');
      assert.equal(over.body.error.details?.limit, MAX_ATTACHMENTS_PER_REQUEST);
      // Taken away again (the request has room for the files the next tests upload).
      await hub.ctx.store.db.deleteFrom('attachments').where('id', 'in', ids).execute();
    });

    test('parallel uploads take exactly the room left; the rest are refused naming the field', async () => {
      const db = hub.ctx.store.db;
      const kept = 5;
      const first: string[] = [];
      for (let n = 0; n < kept; n++) {
        const s = await sealAnswerFile(
          requestId,
          { fileName: `kept-${n}.csv`, mediaType: 'text/csv', bytes: CSV },
          keys,
        );
        assert.equal((await post(s.body)).status, 201);
        first.push(s.ref.id);
      }
      const room = MAX_ATTACHMENTS_PER_REQUEST - kept;
      const sealed = await Promise.all(
        Array.from({ length: 30 }, (_, n) =>
          sealAnswerFile(requestId, { fileName: `race-${n}.csv`, mediaType: 'text/csv', bytes: CSV }, keys),
        ),
      );
      const replies = await Promise.all(sealed.map((s) => post(s.body)));
      const taken = replies.filter((r) => r.status === 201);
      const refused = replies.filter((r) => r.status !== 201);
      const stored = await db.selectFrom('attachments').select('id').where('request_id', '=', requestId).execute();
      assert.equal(stored.length, MAX_ATTACHMENTS_PER_REQUEST, 'the request holds exactly the limit');
      assert.equal(taken.length, room, `${room} uploads taken`);
      assert.equal(refused.length, 30 - room);
      for (const r of refused) {
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.code, 'VALIDATION_FAILED');
        assert.equal(r.body.error.details?.field, 'file');
        assert.equal(r.body.error.details?.limit, MAX_ATTACHMENTS_PER_REQUEST);
        assert.match(r.body.error.message.en, /a request takes at most 20 files/);
        assert.match(r.body.error.message.ja, /20 個まで/);
      }
      // Taken away again (the request has room for the files the next tests upload).
      await db.deleteFrom('attachments').where('request_id', '=', requestId).execute();
    });

    const ciphertextOnlyTitle =
      'the hub stores ciphertext only; the device opens the file and checks it against the signed answer';
    test(ciphertextOnlyTitle, async () => {
      const api = await apiOf('board.legal');
      const a = await uploadSealedAnswerFile(api, requestId, {
        fileName: 'ログ抽出.pdf',
        mediaType: 'application/pdf',
        bytes: PDF,
      });
      assert.equal(a.sha256, sha(PDF));
      assert.equal(a.purpose, 'answer');
      const b = await uploadSealedAnswerFile(api, requestId, {
        fileName: 'ports.csv',
        mediaType: 'text/csv',
        bytes: CSV,
      });
      // The same id again is refused.
      const again = await sealAnswerFile(
        requestId,
        { fileName: 'x.pdf', mediaType: 'application/pdf', bytes: PDF },
        keys,
        a.id,
      );
      const dup = await post(again.body);
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.details?.field, 'attachmentId');

      // What the hub keeps: ciphertext bytes, none of the file's, sealed by the provider.
      const rows = await hub.ctx.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('request_id', '=', requestId)
        .execute();
      assert.equal(rows.length, 2);
      for (const r of rows) {
        assert.equal(r.sealed_by, 'provider');
        for (const text of [r.sealed_for_agency, r.sealed_for_provider]) {
          const box = JSON.parse(text ?? '{}') as { ct: string };
          const ct = Buffer.from(box.ct, 'base64url');
          assert.equal(ct.includes(MARK), false, 'no plaintext in the ciphertext');
          assert.equal(ct.includes(PDF.subarray(0, 8)), false, 'not even the PDF header');
        }
        assert.equal(JSON.stringify(r).includes(MARK), false, 'no plaintext anywhere in the row');
      }
      const agencyBox = JSON.parse(rows.find((r) => r.id === a.id)?.sealed_for_agency ?? '{}') as {
        recipientKeyId: string;
        ct: string;
      };
      assert.equal(agencyBox.recipientKeyId, keys.unitKey.id);
      assert.equal(Buffer.from(agencyBox.ct, 'base64url').length, PDF.length + 16);

      // The provider answers (signed and sealed on its side): the signed answer names both files.
      const board = await hub.as('board.legal');
      const answer = {
        outcome: 'full',
        items: [{ targetIndex: 0, result: 'found', subscriber: { account: 'acct-9', name: '封緘 花子' } }],
      };
      await transition(board, requestId, { action: 'answer', answer });
      const satoApi = await apiOf('sato');
      const dev = await device('sato');
      const opened = await openAnswerOnDevice(satoApi, dev, requestId);
      assert.equal(opened.signatureValid, true);
      assert.deepEqual(opened.answer.attachments?.map((x) => x.sha256).sort(), [sha(PDF), sha(CSV)].sort());
      const f = await openAnswerFileOnDevice(satoApi, dev, requestId, a.id, opened);
      assert.deepEqual(Buffer.from(f.bytes), PDF);
      assert.equal(f.sha256, sha(PDF));
      assert.equal(f.fileName, 'ログ抽出.pdf');
      const g = await openAnswerFileOnDevice(satoApi, dev, requestId, b.id, opened);
      assert.deepEqual(Buffer.from(g.bytes), CSV);
      // The hub cannot open it: it holds no key to.
      const onHub = await fetch(`${hub.url}/v1/requests/${requestId}/attachments/${a.id}`, {
        headers: { authorization: `Bearer ${(await hub.as('sato')).token}` },
      });
      assert.equal(onHub.status, 409);
      assert.match(await onHub.text(), /OPEN_ON_DEVICE/);
    });

    test('a file swapped at rest, or replaced by one the hub sealed itself, does not pass the device', async () => {
      const db = hub.ctx.store.db;
      const rows = await db.selectFrom('attachments').selectAll().where('request_id', '=', requestId).execute();
      const [pdf, csv] = [
        rows.find((r) => r.media_type === 'application/pdf'),
        rows.find((r) => r.media_type === 'text/csv'),
      ];
      assert.ok(pdf && csv);
      const satoApi = await apiOf('sato');
      const dev = await device('sato');
      const opened = await openAnswerOnDevice(satoApi, dev, requestId);
      // (1) The boxes of two files swapped: each is bound to its own id and declaration, so neither opens.
      await db
        .updateTable('attachments')
        .set({ sealed_for_agency: csv.sealed_for_agency })
        .where('id', '=', pdf.id)
        .execute();
      await assert.rejects(openAnswerFileOnDevice(satoApi, dev, requestId, pdf.id, opened), /could not be opened/);
      // (2) Whoever holds the store seals another file to the unit's public key and rewrites the row to
      // match it: the box opens, but the file is not the one the provider signed.
      const forged = Buffer.from(`%PDF-1.4\n% not what the provider sent\n%%EOF\n`);
      const ref = { id: pdf.id, sha256: sha(forged), mediaType: 'application/pdf', byteSize: forged.length };
      const box = await sealBox(keys.unitKey.publicKey, keys.unitKey.id, forged, sealedAttachmentAad(requestId, ref));
      await db
        .updateTable('attachments')
        .set({ sealed_for_agency: JSON.stringify(box), sha256: ref.sha256, byte_size: ref.byteSize })
        .where('id', '=', pdf.id)
        .execute();
      // Opened without the signed answer, the forged file is self-consistent…
      const raw = await openAttachmentOnDevice(satoApi, dev, requestId, pdf.id);
      assert.deepEqual(Buffer.from(raw.bytes), forged);
      // …against the signed answer it is refused.
      await assert.rejects(
        openAnswerFileOnDevice(satoApi, dev, requestId, pdf.id, opened),
        /not the file the signed answer names/,
      );
      // A file the answer does not name is refused too.
      await assert.rejects(
        openAnswerFileOnDevice(satoApi, dev, requestId, 'att_nope', opened),
        (e: unknown) =>
          e instanceof Error && (e instanceof ApiError || /not named in the signed answer/.test(e.message)),
      );
    });
  });
}
