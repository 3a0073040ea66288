// A Japanese page read in an English browser says everything in Japanese: the file controls of the
// document verification and mail screens (the page's button and the chosen file's name, never the
// browser's "Choose File / No file chosen"), a required select or time left empty (the page's words, not
// "Please select an item in the list."); words about an empty field go once the page itself fills it; and
// a day in a shared search address is read as the field shows it (trimmed), a bad one said in words.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { boardAdminAtBoard } from './arrange.ts';
import { said, submitForm } from './form-validity.ts';
import { assertAccessible, jsErrors, onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const dir = mkdtempSync(join(tmpdir(), 'shokai-page-words-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The browser's own file input is not shown (its words follow the browser's language). */
async function assertHiddenInput(page: Page, where: string): Promise<void> {
  const inputs = page.locator('input[type="file"]');
  assert.equal(await inputs.count(), 1, where);
  assert.ok(((await inputs.boundingBox())?.width ?? 0) <= 1, `${where}: the browser's file button is hidden`);
}

test('the verification and mail screens choose a file in the page’s words on an English browser', async () => {
  const pdf = join(dir, 'not-a-document.pdf');
  writeFileSync(pdf, '%PDF-1.4\n');
  const eml = join(dir, 'message.eml');
  writeFileSync(eml, 'From: a@example.jp\r\nSubject: test\r\n\r\nbody\r\n');
  await onDesk(ui.signedIn('sato', '/documents/verify', { browserLocale: 'en-US' }), async (page) => {
    await page.getByRole('heading', { name: '文書（PDF）の検証' }).waitFor();
    await assertHiddenInput(page, 'document verification');
    const chosen = page.getByTestId('file-chosen');
    assert.equal(await chosen.innerText(), '選ばれていません');
    await page.getByLabel('PDF を選ぶ').setInputFiles(pdf);
    await page.getByTestId('document-report').waitFor();
    assert.equal(await chosen.innerText(), 'not-a-document.pdf');
    await assertAccessible(page, 'document verification with a file chosen');

    await page.goto(`${ui.hub.url}/evidence/mail`);
    await page.getByRole('heading', { name: 'メールヘッダの解析' }).waitFor();
    await assertHiddenInput(page, 'mail analysis');
    assert.equal(await chosen.innerText(), '選ばれていません');
    await page.getByLabel('ファイルを選ぶ').setInputFiles(eml);
    await page.getByTestId('mail-file').waitFor();
    assert.equal(await chosen.innerText(), 'message.eml');
    await assertAccessible(page, 'mail analysis with a file chosen');
  });
});

test('a required select and a required time left empty are said in the page’s words', async () => {
  const { desk: admin } = await boardAdminAtBoard(ui, { browserLocale: 'en-US' });
  await onDesk(admin, async () => {
    const form = admin.page.getByRole('form', { name: '登録済みの人に役割を付与' });
    await form.getByRole('button', { name: '登録済みの人に役割を付与' }).click();
    const person = form.getByLabel('付与する人');
    assert.equal(await said(person), '一覧から選んでください');
    assert.equal(await person.evaluate((el) => el.matches(':focus')), true, 'the first problem is focused');
    assert.equal(await person.getAttribute('aria-invalid'), 'true');
    assert.match(await form.locator('.field-error').first().innerText(), /一覧から選んでください/);
    await person.selectOption({ label: 'さくら掲示板 法務 (board.legal)' });
    assert.equal(await person.getAttribute('aria-invalid'), null, 'said no more once chosen');
    assert.equal(await said(person), '');
    await form.getByRole('button', { name: '登録済みの人に役割を付与' }).click();
    assert.equal(await said(form.getByLabel('役割 *')), '一覧から選んでください');
    await assertAccessible(admin.page, 'grant role form with its problem');
  });

  const operator = await ui.signedIn('isp.operator', '/attribution', { browserLocale: 'en-US' });
  try {
    const address = operator.page.locator('input[name="address"]');
    await address.fill('203.0.113.45');
    const time = operator.page.locator('input.wall-time');
    await submitForm(time);
    assert.equal(await said(time), '入力が必要です');
    assert.equal(await time.getAttribute('aria-invalid'), 'true');
    await time.fill('2026-03-01 10:00:00');
    assert.equal(await time.getAttribute('aria-invalid'), null);
    assert.equal(await said(time), '');
    assert.deepEqual(jsErrors(operator.page), []);
  } finally {
    await operator.context.close();
  }
});

test('words about an empty field go when the page fills it (a pasted line read), and it can be sent', async () => {
  await onDesk(ui.signedIn('sato', '/evidence/whom'), async (page) => {
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    const address = page.locator('input[name="address"]');
    await submitForm(address);
    assert.equal(await said(address), '入力が必要です');
    assert.equal(await address.getAttribute('aria-invalid'), 'true');
    await page.getByLabel('アドレス・ポート・日時の行').fill('203.0.113.45:51234 2026-11-30T23:42:17+09:00');
    await page.getByRole('button', { name: '読み込む' }).click();
    assert.equal(await address.inputValue(), '203.0.113.45');
    assert.equal(await address.getAttribute('aria-invalid'), null, 'the words about the empty field are gone');
    assert.equal(await address.evaluate((el) => 'validity' in el && (el.validity as { valid: boolean }).valid), true);
    await page.getByRole('button', { name: '照会先を調べる', exact: true }).click();
    await page.getByTestId('whom-answer').waitFor();
  });
});

test('a day in a shared search address is read trimmed; one that is no day is said in words', async () => {
  await onDesk(ui.signedIn('sato', '/search'), async (page) => {
    const count = page.getByTestId('search-count');
    await count.waitFor();
    assert.notEqual(await count.innerText(), '0 件', 'the demo has requests to find');
    // A space before the day (a link pasted with one): the field shows the day, and the search holds to it.
    await page.goto(`${ui.hub.url}/search?from=%202099-01-01%20`);
    await count.getByText('0 件', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('日付（から、日本時間）').inputValue(), '2099-01-01');
    // Nothing found: the list says so for the search and what to try, and offers no empty file to save.
    await page
      .getByText('条件に合う照会はありません（閲覧できる照会の中で）。検索語を減らすか', { exact: false })
      .waitFor();
    assert.equal(await page.getByTestId('search-csv').count(), 0);
    assert.equal(await page.getByText('照会はありません。', { exact: true }).count(), 0);
    await page.goto(`${ui.hub.url}/search?to=%20soon`);
    await page.locator('.field-error').getByText('年-月-日（2026-03-29）の形で入力してください').waitFor();
    assert.equal(await page.getByTestId('error-notice').count(), 0, 'the API is not asked');
  });
});
