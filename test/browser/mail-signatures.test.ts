// The mail screen with key records: the message is sent whole, and each DKIM signature and the ARC chain
// are shown checked against those records (never DNS), in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeKeys, recordsText, signedMessage, tamperBody } from '../evidence/mail-signed.ts';
import { assertAccessible, jsErrors, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('pasted key records check the signatures: pass, and a changed body fails on its hash', async () => {
  const keys = makeKeys();
  const message = await signedMessage(keys);
  const { context, page } = await ui.desk();
  try {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    await page.getByLabel('メール（ヘッダを含む全文） *').fill(message);
    await page.getByLabel('署名検証用の DNS レコード（任意）').fill(recordsText(keys));
    await page.getByRole('button', { name: '解析する' }).click();
    const dkim = page.locator('[data-testid="mail-dkim"]');
    await dkim.waitFor();
    const rows = await dkim.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 2);
    for (const r of rows) assert.match(r, /example\.jp.*成功検証成功/);
    assert.match((await page.locator('[data-testid="mail-arc"]').textContent()) ?? '', /i=1）: 成功/);
    await assertAccessible(page, 'mail signatures');

    await page.getByLabel('メール（ヘッダを含む全文） *').fill(tamperBody(message));
    await page.getByRole('button', { name: '解析する' }).click();
    await page.getByText('検証失敗: 本文のハッシュが一致しません', { exact: false }).first().waitFor();

    await page.getByLabel('署名検証用の DNS レコード（任意）').fill('');
    await page.getByRole('button', { name: '解析する' }).click();
    await page.getByText('未検証: rsa1._domainkey.example.jp の鍵が提供されていません', { exact: false }).waitFor();
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});
