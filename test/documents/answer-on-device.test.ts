// The 回答書 of an answer in device custody (issue 14 leftover): the hub cannot open the answer, so the
// member's device renders the document — the hub's frame (envelope, names, keys) and font, the answer
// the device opened — with the same number, verification code and QR as every other document; it
// reads back, verifies offline (library and CLI), and fails once altered.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { PDFDocument, rgb } from 'pdf-lib';
import { answerDocumentOnDevice } from '../../src/client/answer-document.ts';
import { createApiClient } from '../../src/client/client.ts';
import { type OpenedOnDevice, openAnswerOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_ATTACHMENT, DocumentDataSchema, verificationCode } from '../../src/documents/model.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { auditDetails } from '../support/audit.ts';
import { shokai } from '../support/cli.ts';
import { answeredInquiry } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { alterEmbedded, attachmentsOf } from './attachments.ts';
import { documentOf, flat, httpCall, readBack } from './support.ts';

for (const dialect of testDialects()) {
  describe(`the 回答書 rendered on the device (${dialect})`, () => {
    const {
      hub,
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);
    let requestId: string;
    let reference: string;
    let opened: OpenedOnDevice;
    let pdf: Uint8Array;

    before(async () => {
      const answered = answeredInquiry(hub);
      requestId = answered.id;
      reference = answered.reference;
      const device = demoDevice(hub, 'sato');
      assert.ok(device, 'sato has a demo device');
      opened = await openAnswerOnDevice(
        createApiClient({ baseUrl: hub.url, token: sato.token }),
        await importDemoDevice(device),
        requestId,
      );
    });

    test('the hub cannot render it; it hands the frame only to those who may open the answer', async () => {
      const onHub = await documentOf(hub.url, sato.token, requestId, 'answer');
      assert.equal(onHub.status, 409);
      assert.match(onHub.bytes.toString('utf8'), /OPEN_ON_DEVICE/);
      const frame = await sato.call<Record<string, unknown>>('GET', `/v1/requests/${requestId}/answer-document-frame`);
      assert.equal(frame.status, 200, JSON.stringify(frame.body));
      assert.equal(frame.body.type, 'answer');
      assert.equal(frame.body.serial, `${reference}-ANS`);
      assert.equal('answer' in frame.body, false, 'the frame carries no answer: the hub has none to give');
      for (const [login, status] of [
        ['osaka', 404],
        ['auditor', 403],
        ['board.intake', 403],
      ] as const) {
        const r = await (await hub.as(login)).call<ApiError>('GET', `/v1/requests/${requestId}/answer-document-frame`);
        assert.equal(r.status, status, `${login}: ${JSON.stringify(r.body)}`);
      }
      const audited = await auditDetails(hub.ctx.store.db, 'document.issued', requestId);
      assert.ok(
        audited.some((a) => a.renderedOn === 'device'),
        'handing out the frame is audited',
      );
      // The font is a public static asset, the same bytes the hub renders with.
      const font = await httpCall(hub.url, '', 'GET', '/v1/documents/font');
      assert.equal(font.status, 200);
      assert.ok(font.bytes.equals(Buffer.from(documentFont())), 'the same font bytes');
    });

    test('rendered on the device: it reads back, with the number, the code and the answer', async () => {
      pdf = await answerDocumentOnDevice(createApiClient({ baseUrl: hub.url, token: sato.token }), requestId, opened);
      const back = readBack(pdf);
      const text = flat(back.text);
      assert.match(text, /回答書/);
      assert.match(text, new RegExp(`第${reference}-ANS号`));
      assert.match(text, /user-77812/);
      assert.match(text, /anon77812@mail\.example/);
      assert.match(text, /203\.0\.113\.7/);
      assert.doesNotMatch(back.warnings, /font/i);
      assert.ok(back.pages.length >= 1 && (back.pages[0]?.dark ?? 0) > 1000, 'page 1 has ink');
      const doc = await PDFDocument.load(pdf);
      const data = DocumentDataSchema.parse(
        JSON.parse(Buffer.from(attachmentsOf(doc).get(DOCUMENT_ATTACHMENT) ?? []).toString('utf8')),
      );
      assert.match(text, new RegExp(verificationCode(data).replace(/-/g, '-?')));
      assert.equal(data.answer?.signed.requestId, requestId);
      // Rendering is deterministic: the same answer makes the same bytes.
      const again = await answerDocumentOnDevice(
        createApiClient({ baseUrl: hub.url, token: sato.token }),
        requestId,
        opened,
      );
      assert.ok(Buffer.from(again).equals(Buffer.from(pdf)), 'the same bytes');
    });

    test('it verifies offline (library and CLI); altered, it fails', async () => {
      const report = await verifyDocument(pdf, documentFont());
      assert.equal(report.ok, true, JSON.stringify(report.checks));
      const good = join(hub.dir, 'answer-device.pdf');
      writeFileSync(good, pdf);
      const ok = await shokai(['document', 'verify', good], { SHOKAI_LANG: 'en' });
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);

      // A changed subscriber field: the provider's signature no longer covers it.
      const altered = await alterEmbedded(pdf, (data) => {
        const item = data.answer?.signed.answer.items[0];
        assert.ok(item?.subscriber);
        item.subscriber.account = 'someone-else';
      });
      const r1 = await verifyDocument(altered, documentFont());
      assert.equal(r1.ok, false);
      assert.equal(r1.checks.find((c) => c.check === 'signatures')?.result, 'fail');

      // Text drawn over the page: the pages no longer match the signed data.
      const drawn = await PDFDocument.load(pdf, { updateMetadata: false });
      drawn.getPage(0).drawRectangle({ x: 100, y: 400, width: 200, height: 20, color: rgb(1, 1, 1) });
      const bad = join(hub.dir, 'answer-device-drawn.pdf');
      writeFileSync(bad, await drawn.save({ useObjectStreams: false }));
      const r2 = await shokai(['document', 'verify', bad], { SHOKAI_LANG: 'en' });
      assert.equal(r2.status, 2, r2.stdout + r2.stderr);
      assert.match(r2.stdout, /verification FAILED/);
    });

    test('`shokai device open-answer --pdf FILE` saves the same document', async () => {
      const device = demoDevice(hub, 'sato');
      assert.ok(device);
      const keyFile = join(hub.dir, 'sato-device.json');
      if (!existsSync(keyFile)) {
        writeFileSync(
          keyFile,
          JSON.stringify({
            format: 'shokai-device-key/v1',
            deviceId: device.deviceId,
            publicKey: device.publicKey,
            privateKey: device.privateKey,
          }),
          { mode: 0o600 },
        );
      }
      const file = join(hub.dir, 'answer-cli.pdf');
      const r = await shokai(
        ['device', 'open-answer', requestId, '--url', hub.url, '--key-file', keyFile, '--pdf', file],
        { SHOKAI_TOKEN: sato.token, SHOKAI_LANG: 'en' },
      );
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /saved the 回答書/);
      const saved = new Uint8Array(readFileSync(file));
      assert.ok(Buffer.from(saved).equals(Buffer.from(pdf)), 'the CLI renders the same bytes as any other device');
      assert.equal((await verifyDocument(saved, documentFont())).ok, true);
    });
  });
}
