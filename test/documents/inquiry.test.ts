import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { shokai } from '../support/cli.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, type Client, orgId, signInAll, startHub, type TestHub } from '../support/exchange.ts';
import { alterEmbedded } from './attachments.ts';
import { documentOf, embeddedFontProgram, httpCall, readBack } from './support.ts';

const TITLE = '捜査関係事項照会書';

/** `shokai document verify`, run without blocking this process (which also serves the hub). */
const verifyCli = (file: string, lang: 'ja' | 'en', json = false) =>
  shokai(['document', 'verify', file, ...(json ? ['--json'] : [])], { SHOKAI_LANG: lang });

async function download(hub: TestHub, c: Client, id: string, type: string) {
  const r = await documentOf(hub.url, c.token, id, type);
  const isPdf = r.type.startsWith('application/pdf');
  return {
    status: r.status,
    pdf: new Uint8Array(r.bytes),
    isPdf,
    body: isPdf ? null : JSON.parse(r.bytes.toString('utf8')),
  };
}

/** POST /v1/documents/verify on a connection of its own. */
async function verifyOverApi(hub: TestHub, c: Client, body: unknown) {
  const r = await httpCall(hub.url, c.token, 'POST', '/v1/documents/verify', body);
  return { status: r.status, body: JSON.parse(r.bytes.toString('utf8')) };
}

for (const dialect of testDialects()) {
  describe(`the inquiry as PDF (${dialect})`, () => {
    let hub: TestHub;
    let sato: Client, tanaka: Client, board: Client;
    let id: string;
    let pdf: Uint8Array;
    before(async () => {
      hub = await startHub(dialect);
      [sato, tanaka, board] = await signInAll(hub, 'sato', 'tanaka', 'board.legal');
      const created = await sato.call<{ id: string }>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: await orgId(hub, 'Sakura Board K.K.'),
          caseReference: '令和8年 第77号 脅迫被疑事件',
          offence: '脅迫（刑法222条）',
          facts: '掲示板に、被害者の実名を挙げて危害を加える旨の書き込みがなされた。'.repeat(12),
          necessity: '書き込みの発信者を特定するため。',
          targets: [
            { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-01T01:02:03Z', toleranceSeconds: 5 },
            { type: 'url', url: 'https://sakura-board.example/thread/8812#res-45', postId: '8812-45' },
          ],
          categories: ['subscriber', 'access_log'],
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      id = created.body.id;
      assert.equal((await sato.call('POST', `/v1/requests/${id}/transitions`, { action: 'submit' })).status, 200);
      const approved = await approve(tanaka, id);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      const got = await download(hub, sato, id, 'inquiry');
      assert.equal(got.status, 200, JSON.stringify(got.body));
      assert.ok(got.isPdf);
      pdf = got.pdf;
    });
    after(async () => hub.close());

    const rendersTitle =
      'renders: poppler reads the title, the parties, era and Western years, offsets and the code back';
    test(rendersTitle, async () => {
      const back = readBack(pdf);
      assert.doesNotMatch(back.warnings, /font/i, 'poppler has no complaint about the embedded font');
      const text = back.text.replace(/\s+/g, '');
      assert.match(text, new RegExp(TITLE));
      assert.match(text, /Sakura Board|さくら/);
      assert.match(text, /御中/);
      assert.match(text, /刑事訴訟法第197条第2項/);
      assert.match(text, /令和8年（2026年）3月1日10:02:03\+09:00（指定値2026-03-01T01:02:03Z）（前後5秒）/);
      assert.match(text, /203\.0\.113\.7ポート番号40211/);
      assert.match(text, /検証コード[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      assert.match(text, /第SHK-\d{4}-\d{6}-INQ号/);
      assert.match(text, /発出日時令和\d+年（20\d\d年）\d+月\d+日\d\d:\d\d:\d\d\+09:00/);
      assert.doesNotMatch(back.text, /\n\s*、/, 'no line starts with a comma');
      assert.match(text, /令和\d+年（20\d\d年）\d+月\d+日/);
      assert.ok(back.pages.length >= 2, 'the long facts run onto a second page');
      assert.match(text, /2\/\d/);
      for (const page of back.pages) assert.ok(page.dark > 500, 'every page has ink');
    });

    test('names whom a provider calls back: the unit, the officer in charge, the number; no backticks', () => {
      const back = readBack(pdf);
      const text = back.text.replace(/\s+/g, '');
      assert.match(text, /警視庁サイバー犯罪対策課第一係/);
      // The drafting investigator (sato) and the demo unit's call-back number, formatted as the panels do.
      assert.match(text, /担当者佐藤巡査部長電話03-0000-0110（\+81300000110）/);
      assert.match(text, /shokaiの検証コマンド（shokaidocumentverifyファイル名）/);
      assert.doesNotMatch(back.text, /`/, 'no Markdown on paper');
    });

    test('Japanese glyphs are real outlines, not tofu: every title character has its own non-empty glyph', async () => {
      // The source font has a real glyph (not .notdef, the tofu box) for every character of the title…
      const source = fontkit.create(documentFont());
      for (const ch of TITLE) {
        const glyph = source.glyphForCodePoint(ch.codePointAt(0) ?? 0);
        assert.notEqual(glyph.id, 0, `${ch} has a glyph`);
        assert.notEqual(glyph.path.toSVG(), '', `${ch} has an outline`);
      }
      // …and the PDF embeds them: its subset holds many distinct outlines, where tofu would be one box.
      const subset = fontkit.create(await embeddedFontProgram(pdf));
      const outlines = new Set<string>();
      for (let gid = 1; gid < subset.numGlyphs; gid++) outlines.add(subset.getGlyph(gid).path.toSVG());
      assert.ok(outlines.size > 60, `the subset holds ${outlines.size} distinct outlines`);
    });

    test('the same request renders the same bytes; it verifies', async () => {
      const again = await download(hub, sato, id, 'inquiry');
      assert.deepEqual(Buffer.from(again.pdf), Buffer.from(pdf));
      const report = await verifyDocument(pdf, documentFont());
      assert.equal(report.ok, true, JSON.stringify(report.checks));
      assert.deepEqual(
        report.checks.map((c) => [c.check, c.result]),
        [
          ['embedded', 'pass'],
          ['signatures', 'pass'],
          ['pages', 'pass'],
          ['directory', 'skipped'],
        ],
      );
      assert.match(report.serial ?? '', /-INQ$/);
    });

    test('the addressed provider takes the same document; others do not', async () => {
      const theirs = await download(hub, board, id, 'inquiry');
      assert.equal(theirs.status, 200);
      assert.deepEqual(Buffer.from(theirs.pdf), Buffer.from(pdf));
      const osaka = await hub.as('osaka');
      assert.equal((await download(hub, osaka, id, 'inquiry')).status, 404);
      const isp = await hub.as('isp.legal');
      assert.equal((await download(hub, isp, id, 'inquiry')).status, 404);
      const auditor = await hub.as('auditor');
      const refused = await download(hub, auditor, id, 'inquiry');
      assert.equal(refused.status, 403);
      assert.equal((await download(hub, sato, id, 'nonsense')).status, 400);
    });

    test('altered text fails with a clear reason', async () => {
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      doc.registerFontkit(fontkit);
      const font = await doc.embedFont(documentFont(), { subset: true });
      doc.getPage(0).drawText('203.0.113.8', { x: 200, y: 400, size: 10, font, color: rgb(0, 0, 0) });
      const altered = await doc.save({ useObjectStreams: false });
      const report = await verifyDocument(altered, documentFont());
      assert.equal(report.ok, false);
      const pages = report.checks.find((c) => c.check === 'pages');
      assert.equal(pages?.result, 'fail');
      assert.match(pages?.message.en ?? '', /page 1: the printed text or layout differs/);
      assert.match(pages?.message.ja ?? '', /1 ページ目の印字/);
    });

    test('altered embedded data fails: a changed target breaks the signature, a changed name the pages', async () => {
      const target = await alterEmbedded(pdf, (d) => {
        const content = d.envelope.payload.content as { targets: Array<Record<string, unknown>> };
        const first = content.targets[0];
        assert.ok(first);
        first.address = '203.0.113.8';
      });
      const r1 = await verifyDocument(target, documentFont());
      assert.equal(r1.ok, false);
      assert.equal(r1.checks.find((c) => c.check === 'signatures')?.result, 'fail');
      assert.match(r1.checks.find((c) => c.check === 'signatures')?.message.en ?? '', /embedded data was altered/);
      const name = await alterEmbedded(pdf, (d) => {
        d.names.approver = '別人';
      });
      const r2 = await verifyDocument(name, documentFont());
      assert.equal(r2.ok, false);
      assert.equal(r2.checks.find((c) => c.check === 'pages')?.result, 'fail');
    });

    const laterLayoutTitle =
      'a document of a later layout is not called altered: its signatures verify, its pages are not compared';
    test(laterLayoutTitle, async () => {
      const later = await alterEmbedded(pdf, (d) => {
        d.layout = DOCUMENT_LAYOUT + 1;
      });
      const r = await verifyDocument(later, documentFont());
      assert.equal(r.ok, false);
      assert.equal(r.checks.find((c) => c.check === 'signatures')?.result, 'pass');
      const pages = r.checks.find((c) => c.check === 'pages');
      assert.equal(pages?.result, 'fail');
      assert.match(pages?.message.en ?? '', new RegExp(`printed with document layout ${DOCUMENT_LAYOUT + 1}`));
      assert.match(pages?.message.ja ?? '', new RegExp(`文書様式 ${DOCUMENT_LAYOUT + 1} で印刷`));
      // Its number taken out, it is rendered as layout 1, whose pages (and verification code) it was not printed with.
      const unnumbered = await alterEmbedded(pdf, (d) => {
        delete d.layout;
      });
      const u = await verifyDocument(unnumbered, documentFont());
      assert.equal(u.ok, false);
      assert.match(
        u.checks.find((c) => c.check === 'pages')?.message.en ?? '',
        /page 1: the printed text or layout differs/,
      );
    });

    test('`shokai document verify FILE` says so in Japanese or English, and exits 2 on an altered file', async () => {
      const good = join(hub.dir, 'inquiry.pdf');
      writeFileSync(good, pdf);
      const ja = await verifyCli(good, 'ja');
      assert.equal(ja.status, 0, ja.stderr);
      assert.match(ja.stdout, /捜査関係事項照会書 SHK-\d{4}-\d{6}-INQ — 検証に成功しました/);
      assert.match(ja.stdout, /✔ 電子署名: /);
      assert.match(ja.stdout, /検証コード: [0-9A-Z-]{19}/);
      const bad = join(hub.dir, 'altered.pdf');
      writeFileSync(
        bad,
        await alterEmbedded(pdf, (d) => {
          d.names.unit = { ja: '架空の係', en: 'A made-up section' };
        }),
      );
      const en = await verifyCli(bad, 'en');
      assert.equal(en.status, 2, en.stderr);
      assert.match(en.stdout, /verification FAILED/);
      assert.match(en.stdout, /✖ Printed pages match the signed data: page 1: the printed text or layout differs/);
      const json = await verifyCli(bad, 'en', true);
      assert.equal(json.status, 2);
      assert.equal(JSON.parse(json.stdout).ok, false);
      const missing = await verifyCli(join(hub.dir, 'nothing.pdf'), 'en');
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /there is no file .*nothing\.pdf/);
    });

    test('a PDF that is not a shokai document, and bytes that are not a PDF, are named as such', async () => {
      const plain = await PDFDocument.create();
      plain.addPage();
      const r1 = await verifyDocument(await plain.save(), documentFont());
      assert.equal(r1.ok, false);
      assert.match(r1.checks[0]?.message.en ?? '', /not a shokai document/);
      const r2 = await verifyDocument(new TextEncoder().encode('hello'), documentFont());
      assert.match(r2.checks[0]?.message.en ?? '', /not a readable PDF/);
    });

    test('the API verifies an uploaded PDF and says why an altered one fails', async () => {
      const ok = await verifyOverApi(hub, board, { pdf: Buffer.from(pdf).toString('base64') });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.ok, true);
      const altered = await alterEmbedded(pdf, (d) => {
        d.envelope.payload.issuedAt = '2026-01-01T00:00:00.000Z';
      });
      const tampered = await verifyOverApi(hub, board, { pdf: Buffer.from(altered).toString('base64') });
      assert.equal(tampered.status, 200);
      assert.equal(tampered.body.ok, false);
      const checks = tampered.body.checks as Array<{ check: string; result: string; message: { ja: string } }>;
      const failed = checks.find((c) => c.result === 'fail');
      assert.equal(failed?.check, 'signatures');
      assert.match(failed?.message.ja ?? '', /書き換えられています/);
      const junk = await verifyOverApi(hub, board, { pdf: '!!' });
      assert.equal(junk.status, 400);
    });
  });
}
