// The request editor reads a target as it is typed, by the rule the server reads it by
// (src/domain/target-values.ts): an address that is none, a port out of range and a time the field cannot
// read are all listed at the first press of the save — not the time first and the address after it is
// mended — each named by its target and field, said at the field, and nothing is sent until all are mended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillInquiryCase } from './steps.ts';
import { assertAccessible, onDesk, postsTo, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a target's address, port and time are all said at the first save, in both languages", async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    const posted = postsTo(page, '/v1/requests');
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await fillInquiryCase(page, {
      provider: '日本ネットワーク通信株式会社 (電気通信事業者)',
      caseReference: '令和8年 第311号',
      offence: '脅迫',
      facts: '掲示板への脅迫の書込み',
      necessity: '書込み者の特定のため',
    });
    const ip = page.getByLabel('IPアドレス *');
    await ip.fill('192.0.2.999');
    await page.getByLabel('ポート番号').fill('70000');
    await page.locator('input.wall-time').nth(1).fill('2026/3/29 1:30');
    // said at the field as typed
    assert.equal(await ip.getAttribute('aria-invalid'), 'true');
    await page.getByText('"192.0.2.999" は IP アドレス（IPv4 または IPv6）ではありません').waitFor();

    await page.getByRole('button', { name: '下書き保存' }).click();
    const notice = page.locator('[data-testid="error-notice"]');
    await notice.locator('[data-testid="error-headline"]').filter({ hasText: '入力に 3 件の問題があります' }).waitFor();
    const items = await notice.locator('[data-testid="error-issues"] li').allTextContents();
    assert.deepEqual(
      items.map((i) => i.replace(/（Asia\/Tokyo.*$/, '')),
      [
        '対象 1 › IPアドレス: "192.0.2.999" は IP アドレス（IPv4 または IPv6）ではありません',
        '対象 1 › ポート番号: 「70000」は 0 から 65535 までの整数ではありません',
        '対象 1 › 日時: "2026/3/29 1:30" は日時として不正です',
      ],
    );
    assert.equal(await ip.evaluate((el) => el.matches(':focus')), true, 'the first field concerned takes the focus');
    assert.deepEqual(posted, [], 'nothing sent');
    await assertAccessible(page, 'editor holding a save for typed targets');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Draft a request' }).waitFor();
    // the problems listed before the switch are said again in English, their fields' names too
    await notice.locator('[data-testid="error-headline"]').filter({ hasText: '3 problems in the form' }).waitFor();
    await notice
      .locator('[data-testid="error-issues"] li')
      .filter({ hasText: /^Target 1 › Port: / })
      .waitFor();
    assert.deepEqual(
      (await notice.locator('[data-testid="error-issues"] li').allTextContents()).filter((i) => /[ぁ-んァ-ン]/.test(i)),
      [],
    );
    await page.getByRole('button', { name: 'Save draft' }).click();
    await notice.locator('[data-testid="error-headline"]').filter({ hasText: '3 problems in the form' }).waitFor();
    const en = await notice.locator('[data-testid="error-issues"] li').allTextContents();
    assert.equal(en[0], 'Target 1 › IP address: "192.0.2.999" is not an IPv4 or IPv6 address');
    assert.equal(en[1], 'Target 1 › Port: "70000" is not a whole number from 0 to 65535');
    assert.deepEqual(posted, [], 'nothing sent');

    // mended, the request is saved with the address as the server writes it
    await page.getByLabel('IP address *').fill('2001:DB8::1');
    await page.getByLabel('Port').fill('443');
    await page.locator('input.wall-time').nth(1).fill('2026-03-29 01:30:12');
    assert.equal(await page.getByLabel('IP address *').getAttribute('aria-invalid'), null);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/requests\/req_[^/]+$/);
    assert.equal(posted.length, 1);
    await page.getByText('2001:db8::1').first().waitFor();
  });
});

test('an e-mail typed wrong is said before the save; a pasted address the request refuses, with why', async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByLabel('識別子の種類').selectOption({ label: 'メールアドレス' });
    const mail = page.getByLabel('メールアドレス *');
    await mail.fill('yamada@@example.jp');
    await page.getByText('"yamada@@example.jp" はメールアドレスとして不正です').waitFor();
    await mail.fill('yamada\u200b@example.jp');
    await page.getByText('見えない文字や文字の向きを変える文字（U+200B）は使えません').waitFor();
    await mail.fill('yamada@example.jp');
    assert.equal(await mail.getAttribute('aria-invalid'), null);
    // a pasted line read as an address the request would refuse is listed with why, and not added
    await page.getByText('一覧から貼り付けて複数追加').click();
    await page.locator('textarea[name="paste"]').fill('192.0.2.999 2026-03-29 01:30:12\nsato@example.jp');
    await page.getByRole('button', { name: '一覧を追加' }).click();
    await page.getByText('— "192.0.2.999" は IP アドレス（IPv4 または IPv6）ではありません').waitFor();
    assert.equal(await page.getByLabel('メールアドレス *').count(), 2, 'the line read well is added');
    assert.equal(await page.getByLabel('IPアドレス *').count(), 0, 'the refused line is not');
  });
});
