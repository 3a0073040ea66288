// The mail screen with key records: the message is sent whole, and each DKIM signature and the ARC chain
// are shown checked against those records (never DNS), in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeKeys, recordsText, rsa1Signature, rsaP, signedMessage, tamperBody } from '../evidence/mail-signed.ts';
import { assertAccessible, onDesk, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('pasted key records check the signatures: pass, and a changed body fails on its hash', async () => {
  const keys = makeKeys();
  const message = await signedMessage(keys);
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    await page.getByLabel('メール（ヘッダを含む全文） *').fill(message);
    await page.getByLabel('署名・SPF・DMARC の検証用の DNS レコード（任意）').fill(recordsText(keys));
    await page.getByRole('button', { name: '解析する' }).click();
    const dkim = page.locator('[data-testid="mail-dkim"]');
    await dkim.waitFor();
    const rows = await dkim.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 2);
    for (const r of rows) assert.match(r, /example\.jp.*成功検証成功/);
    assert.match((await page.locator('[data-testid="mail-arc"]').textContent()) ?? '', /i=1）: 成功/);
    // What a verdict still needs is shown to people, not only in the API's answer.
    const missing = (await page.locator('[data-testid="mail-dmarc-record"]').textContent()) ?? '';
    assert.match(missing, /提供されていないレコード: _dmarc\.example\.jp \(TXT\)/);
    await assertAccessible(page, 'mail signatures');

    await page.getByLabel('メール（ヘッダを含む全文） *').fill(tamperBody(message));
    await page.getByRole('button', { name: '解析する' }).click();
    await page.getByText('検証失敗: 本文のハッシュが一致しません', { exact: false }).first().waitFor();

    await page.getByLabel('署名・SPF・DMARC の検証用の DNS レコード（任意）').fill('');
    await page.getByRole('button', { name: '解析する' }).click();
    await page.getByText('未検証: rsa1._domainkey.example.jp の鍵が提供されていません', { exact: false }).waitFor();
  });
});

test('SPF and DMARC against pasted records, in words: a spoofed From fails its policy', async () => {
  const keys = makeKeys();
  const body = 'From: <ceo@victim.jp>\r\nTo: b@example.net\r\nSubject: pay\r\n\r\nx\r\n';
  const message =
    'Return-Path: <bounce@example.jp>\r\nReceived: from out.example.jp (out.example.jp [153.200.10.77]) ' +
    'by mx.example.net with ESMTPS id A1;\r\n Sat, 05 Dec 2026 10:00:02 +0900\r\n' +
    (await rsa1Signature(keys, body)) +
    body;
  const records = [
    `rsa1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=${rsaP(keys.rsa.publicKey)}"`,
    'example.jp TXT "v=spf1 ip4:153.200.10.0/24 -all"',
    '_dmarc.victim.jp TXT "v=DMARC1; p=quarantine"',
    '_dmarc.jp TXT NONE',
  ].join('\n');
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    await page.getByLabel('メール（ヘッダを含む全文） *').fill(message);
    await page.getByLabel('署名・SPF・DMARC の検証用の DNS レコード（任意）').fill(records);
    await page.getByRole('button', { name: '解析する' }).click();
    const spf = page.locator('[data-testid="mail-spf"]');
    await spf.waitFor();
    assert.match((await spf.textContent()) ?? '', /^成功 — 成功: 提供された example\.jp の SPF レコードは/);
    const dmarc = (await page.locator('[data-testid="mail-dmarc"]').textContent()) ?? '';
    assert.match(dmarc, /^失敗 — 失敗: From のドメイン victim\.jp と一致する/);
    assert.match(
      dmarc,
      /ポリシー: _dmarc\.victim\.jp の公開内容: p=quarantine。このメールには「疑わしいものとして扱う/,
    );
    assert.match(dmarc, /レコード（提供されたもの）: v=DMARC1; p=quarantine/);
    const spfRecord = (await page.locator('[data-testid="mail-spf-record"]').textContent()) ?? '';
    assert.match(spfRecord, /レコード（提供されたもの）: v=spf1 ip4:153\.200\.10\.0\/24 -all/);
    assert.match((await spf.textContent()) ?? '', /信頼できるサーバが付けた Return-Path による/);
    await page.getByText('メール送信時のレコードとは限りません', { exact: false }).waitFor();
    await page.getByText('SPF（example.jp、接続元 153.200.10.77）').waitFor();
    // The signature's verdict stays one word on one line beside the long sentence that explains it (the
    // signer is not the From domain), and that sentence's column has a header of its own.
    const dkim = page.locator('[data-testid="mail-dkim"]');
    const verdictLines = await dkim
      .locator('tbody tr strong')
      .first()
      .evaluate((e) => e.getClientRects().length);
    assert.equal(verdictLines, 1);
    assert.deepEqual(await dkim.locator('thead th').allInnerTexts(), [
      '署名ドメイン（d=）',
      'セレクタ（s=）',
      '判定',
      '詳細',
    ]);
    // No verdict code is shown to a person.
    const shown = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(shown, /not_supplied|softfail|permerror|DMARC_FAIL|SPF_PASS/);
    await assertAccessible(page, 'mail SPF and DMARC');

    // Records that do not read: the error, and no verdicts of the analysis before left under it.
    await page.getByLabel('署名・SPF・DMARC の検証用の DNS レコード（任意）').fill(`${records}\ngarbage line`);
    await page.getByRole('button', { name: '解析する' }).click();
    await page.getByText('DNS レコードの 5 行目', { exact: false }).waitFor();
    assert.equal(await page.locator('[data-testid="mail-analysis"]').count(), 0);
  });
});
