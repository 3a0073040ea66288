// The 回答書 of an answer in device custody, made in the investigator's browser (issue 14 leftover):
// the browser opens the answer with its own device key, renders the PDF with pdf-lib and the hub's
// font, and offers it for download; the file reads back and verifies like any other document.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { readBack } from '../documents/support.ts';
import { enrolBrowser, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('the investigator makes the 回答書 in his browser; it reads back and verifies', async () => {
  const answered = ui.hub.demo.requests.find((r) => r.kind === 'inquiry' && r.state === 'answered');
  assert.ok(answered, 'the demo has an answered inquiry');
  const inv = await ui.signedIn('sato');
  await enrolBrowser(inv.page, ui.hub, 'tanaka');
  const errors = jsErrors(inv.page);
  await inv.page.goto(`${ui.hub.url}/requests/${answered.id}`);
  await inv.page.locator('.badge.state-answered').waitFor();
  // The page's document link does not send him to the hub, which cannot render it: it leads to the panel.
  assert.equal(await inv.page.locator('[data-testid="document-answer"]').getAttribute('href'), '#answer');
  await inv.page.getByRole('button', { name: /回答を開封して読む/ }).click();
  await inv.page.locator('[data-testid="answer-view"]').waitFor();
  // The board's answer reads as its registered user and its posts, not a line's subscriber and access records.
  const view = await inv.page.locator('[data-testid="answer-view"]').innerText();
  assert.match(view, /登録されたメールアドレス/);
  assert.match(view, /投稿の記録/);
  assert.doesNotMatch(view, /契約者|接続記録/);
  await inv.page.getByRole('button', { name: '回答書（PDF）をこの端末で作成する' }).click();
  const link = inv.page.getByRole('link', { name: new RegExp(`${answered.reference}-ANS\\.pdf を保存する`) });
  await link.waitFor({ timeout: 60_000 });
  await shot(inv.page, 'answer-document-on-device-ja');
  // The file the link saves: the blob the browser rendered, read back out of the page.
  const href = (await link.getAttribute('href')) ?? assert.fail('the link has the PDF');
  assert.match(href, /^blob:/, 'made in the browser, not fetched from the hub');
  const b64 = await inv.page.evaluate(async (u) => {
    const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, href);
  const pdf = new Uint8Array(Buffer.from(b64, 'base64'));
  writeFileSync(join(mkdtempSync(join(tmpdir(), 'shokai-answer-')), 'answer-browser.pdf'), pdf);
  const text = readBack(pdf).text.replace(/\s+/g, '');
  assert.match(text, /回答書/);
  assert.match(text, new RegExp(`第${answered.reference}-ANS号`));
  assert.match(text, /user-77812/);
  assert.match(text, /登録されたメールアドレス:/, "the board's user in its words on paper too");
  assert.match(text, /投稿の記録（\d+件）/);
  assert.doesNotMatch(text, /接続記録（/);
  const report = await verifyDocument(pdf, documentFont());
  assert.equal(report.ok, true, JSON.stringify(report.checks));
  assert.deepEqual(errors, []);
});
