// Printable documents in the browser: the request page links its PDF, prints without the menu and
// with the answer, and the verification page checks a dropped PDF (issue 14 item 1).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'shokai-docs-ui-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The demo's answered inquiry to the board (sato's unit issued it). */
function answeredInquiry(): string {
  const r = ui.hub.demo.requests.find((x) => x.kind === 'inquiry' && x.state === 'answered');
  assert.ok(r, 'the demo has an answered inquiry');
  return r.id;
}

test('the request page links the PDF and prints without the menu or actions, the answer kept', async () => {
  const id = answeredInquiry();
  const inv = await ui.signedIn('sato', `/requests/${id}`);
  const link = inv.page.locator('[data-testid="document-inquiry"]');
  await link.waitFor();
  assert.match(await link.innerText(), /捜査関係事項照会書（PDF）/);
  const download = await inv.page.request.get(`${ui.hub.url}${await link.getAttribute('href')}`);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');

  // The demo's answers are sealed to the unit's devices; the answer section (and, once opened on the
  // device, the answer itself) stays on paper.
  const answerHeading = inv.page.getByRole('heading', { name: '回答', exact: true });
  await answerHeading.waitFor();
  await inv.page.emulateMedia({ media: 'print' });
  assert.equal(await inv.page.locator('nav.sidenav').isVisible(), false, 'no menu on paper');
  assert.equal(await inv.page.locator('header.topbar').isVisible(), false, 'no top bar on paper');
  assert.equal(await inv.page.locator('.page-links').isVisible(), false, 'no links on paper');
  assert.equal(await answerHeading.isVisible(), true, 'the answer is on paper');
  assert.equal(
    await inv.page.getByRole('heading', { name: '照会の内容' }).isVisible(),
    true,
    'the content is on paper',
  );
  const box = await inv.page.locator('main#main').boundingBox();
  assert.ok(box && box.x < 40, `the page uses the paper's width (main starts at x=${box?.x})`);
  await shot(inv.page, 'documents-request-print-ja');
  const pdf = await inv.page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await inv.page.emulateMedia({ media: 'screen' });
  assert.deepEqual(jsErrors(inv.page), []);
  await inv.context.close();
});

test('the verification page checks a dropped PDF and says why an altered one fails', async () => {
  const id = answeredInquiry();
  const board = await ui.hub.api('board.legal');
  const sato = await ui.signedIn('sato', '/documents/verify');
  const download = await sato.page.request.get(`${ui.hub.url}/v1/requests/${id}/documents/inquiry`);
  const good = join(dir, 'inquiry.pdf');
  writeFileSync(good, await download.body());
  await sato.page.getByRole('heading', { name: '文書（PDF）の検証' }).waitFor();
  await sato.page.getByLabel('PDF を選ぶ').setInputFiles(good);
  const report = sato.page.locator('[data-testid="document-report"]');
  await report.waitFor();
  assert.match(await report.innerText(), /検証に成功しました/);
  assert.match(await report.innerText(), /SHK-\d{4}-\d{6}-INQ/);
  // The printed contact is not signed: said beside the verdict, with whom to call instead.
  const unsigned = report.getByTestId('document-unsigned');
  assert.match(await unsigned.getByRole('heading').innerText(), /署名の対象外の印字があります/);
  assert.match(await unsigned.innerText(), /この文書に印字された番号ではなく、ご自身で調べた所属の公表されている番号/);
  assert.match(await unsigned.innerText(), /担当者と電話番号は署名の対象外です/);
  // The names beside the signed identifiers are unsigned too; the hub compared them with its directory.
  assert.match(await unsigned.innerText(), /決裁者の氏名「.+」は署名の対象外です/);
  assert.match(
    await report.innerText(),
    /✓ 署名の鍵と印字された名称の、鍵の一覧（ディレクトリ）との照合: 署名の鍵は署名者本人の鍵で/,
  );
  // Nothing raw: no field key of the embedded data, no id, no code of a check or role.
  assert.doesNotMatch(await report.innerText(), /contact|usr_|req_|org_|\b(pass|fail|skipped|approver|embedded)\b/);
  await sato.page.getByRole('button', { name: 'English' }).click();
  await unsigned.getByRole('heading', { name: /Part of the print is not signed/ }).waitFor();
  assert.match(await unsigned.innerText(), /do not call the number printed on this document/);
  assert.match(await unsigned.innerText(), /call-back number are not signed/);
  assert.doesNotMatch(await report.innerText(), /contact|usr_|req_|org_|\b(pass|skipped)\b/);
  await shot(sato.page, 'documents-verify-unsigned-en');
  await sato.page.getByRole('button', { name: '日本語' }).click();
  await unsigned.getByRole('heading', { name: /署名の対象外の印字があります/ }).waitFor();
  await shot(sato.page, 'documents-verify-ok-ja');
  await assertAccessible(sato.page, 'document verification page');

  // A PDF whose page has text drawn over it fails, naming the page.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.load(await download.body(), { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.getPage(0).drawText('0', { x: 300, y: 500, size: 12, font });
  const bad = join(dir, 'altered.pdf');
  writeFileSync(bad, await doc.save({ useObjectStreams: false }));
  await sato.page.getByLabel('PDF を選ぶ').setInputFiles(bad);
  await sato.page.getByText('検証に失敗しました').waitFor();
  assert.match(await report.innerText(), /1 ページ目の印字/);
  await shot(sato.page, 'documents-verify-failed-ja');
  // The same check through the API as another party.
  const r = await board<{ ok: boolean }>('POST', '/v1/documents/verify', {
    pdf: (await download.body()).toString('base64'),
  });
  assert.equal(r.body.ok, true);
  assert.deepEqual(jsErrors(sato.page), []);
  await sato.context.close();
});
