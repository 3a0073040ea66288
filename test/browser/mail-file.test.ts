// The mail screen with a chosen .eml: a message with its attachment is sent whole (its body hash checked
// against the key records), the limit is said before anything is sent, and a larger file is refused here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Keys, makeKeys, recordsText, signedShiftJis, signedWithAttachment } from '../evidence/mail-signed.ts';
import { assertAccessible, onDesk, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const dir = mkdtempSync(join(tmpdir(), 'shokai-mail-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The chosen message analysed against `keys`' records: the rows of its DKIM signatures once shown. */
async function analysedWith(page: Page, keys: Keys): Promise<string[]> {
  await page.getByLabel('署名・SPF・DMARC の検証用の DNS レコード（任意）').fill(recordsText(keys));
  await page.getByRole('button', { name: '解析する' }).click();
  const dkim = page.locator('[data-testid="mail-dkim"]');
  await dkim.waitFor();
  return dkim.locator('tbody tr').allTextContents();
}

test('a chosen 5 MB .eml with a signed attachment verifies; a file over 40 MiB is refused in words', async () => {
  const keys = makeKeys();
  const eml = join(dir, 'threat.eml');
  writeFileSync(eml, await signedWithAttachment(keys, 5_000_000));
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    const limit = page.locator('[data-testid="mail-limit"]');
    assert.match((await limit.textContent()) ?? '', /添付ファイルを含めて 40\.0 MiB（41943040 バイト）まで/);
    await page.locator('input[type="file"]').setInputFiles(eml);
    assert.match((await page.locator('[data-testid="mail-file"]').textContent()) ?? '', /threat\.eml（4\.\d MiB）/);
    const rows = await analysedWith(page, keys);
    assert.equal(rows.length, 1);
    assert.match(rows[0] ?? '', /example\.jp.*rsa1.*成功検証成功/);
    await assertAccessible(page, 'mail file chosen');

    const big = join(dir, 'big.eml');
    writeFileSync(big, 'Subject: big\r\n\r\n');
    truncateSync(big, 40 * 1024 * 1024 + 1);
    await page.locator('input[type="file"]').setInputFiles(big);
    const problem = page.locator('[data-testid="mail-file-problem"]');
    await problem.waitFor();
    assert.match((await problem.textContent()) ?? '', /40\.0 MiB で、上限の 40\.0 MiB を超えるため送れません/);
    assert.equal(await page.locator('[data-testid="mail-file"]').count(), 0);
  });
});

test('a chosen .eml with a Shift_JIS 8-bit body is sent as its bytes and its signature verifies', async () => {
  const keys = makeKeys();
  const eml = join(dir, 'sjis.eml');
  writeFileSync(eml, await signedShiftJis(keys));
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    await page.locator('input[type="file"]').setInputFiles(eml);
    const rows = await analysedWith(page, keys);
    assert.equal(rows.length, 1);
    // Read as UTF-8 text (as the screen once did) its body hash fails: 検証失敗.
    assert.match(rows[0] ?? '', /example\.jp.*rsa1.*成功検証成功/);
  });
});
