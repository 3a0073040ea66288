// A court's disclosure order issued in the system, in a real browser (issue 15 item 2): the claimant's
// lawyer applies to the court from the civil request form → the judge finds the application in his
// inbox beside the warrant applications, records the provider heard and issues the order with his own
// passkey → the lawyer picks the issued order on the court-order route (nothing typed again) and signs →
// the provider's verification panel shows the judge's signature as valid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestDetail } from '../support/replies.ts';
import { fillCivilClaim, providerHeardOnPage, signAndSend } from './steps.ts';
import { assertAccessible, jsErrors, jstNowNotBefore, jstWallTime, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('lawyer applies → judge issues with his passkey → lawyer picks the order → provider verifies it', async () => {
  const law = await ui.deskWithPasskey('lawyer');
  const judge = await ui.deskWithPasskey('judge');
  try {
    // 1. The lawyer fills in the civil form on the court-order route and applies to the court.
    await signIn(law.page, ui.hub, 'lawyer', '/civil/new');
    await law.page.getByRole('heading', { name: '発信者情報開示請求の作成' }).waitFor();
    await law.page.getByLabel('裁判所の命令の提示').check();
    await fillCivilClaim(law.page, {
      provider: 'さくら掲示板株式会社',
      caseReference: '当事務所 2026-民-088 佐藤一郎',
      claimant: '佐藤 一郎',
      post: 'https://sakura-board.example/thread/8801#res-4',
      facts: '掲示板で請求者の実名を挙げ、詐欺師であるとの虚偽の書込みがされた。',
      rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
      necessity: '発信者に損害賠償を請求するため。',
    });
    await law.page.getByLabel('損害賠償請求権の行使').check();
    await law.page.locator('select[name="court"]').selectOption({ label: '東京地方裁判所' });
    await law.page.locator('[data-testid="issued-orders"]').waitFor();
    await law.page.getByRole('button', { name: 'この内容で裁判所に開示命令を申し立てる' }).click();
    await law.page.waitForURL(/\/disclosure-orders\/doap_/);
    const filedBy = Date.now();
    const appUrl = new URL(law.page.url()).pathname;
    assert.match(await law.page.locator('[data-testid="dord-state"]').innerText(), /裁判所で審理中/);

    // 2. The judge finds it in his inbox, beside warrant applications, and issues it with his passkey.
    await signIn(judge.page, ui.hub, 'judge', '/warrant-applications');
    const inbox = judge.page.locator('[data-testid="disclosure-orders"]');
    await inbox.waitFor();
    await shot(judge.page, 'dorder-01-inbox-ja');
    await assertAccessible(judge.page, "judge's inbox with disclosure orders");
    await judge.page.goto(ui.hub.url + appUrl);
    assert.match(await judge.page.locator('article').innerText(), /詐欺師であるとの虚偽/);
    // No order before the provider is heard: the page says what is missing, and offers no issuing yet.
    await judge.page.locator('[data-testid="order-hearing-missing"]').waitFor();
    assert.equal(await judge.page.getByRole('form', { name: '発令する（パスキーで署名）' }).count(), 0);
    await providerHeardOnPage(judge.page, await jstNowNotBefore(filedBy), '相手方から意見書の提出を受けた。');
    assert.equal(await judge.page.locator('[data-testid="order-hearing-missing"]').count(), 0);
    const issue = judge.page.getByRole('form', { name: '発令する（パスキーで署名）' });
    await issue.getByLabel('事件番号').fill('令和8年(発チ)第8801号');
    const at = issue.locator('fieldset.instant').filter({ hasText: '命令の日時' });
    // An order dated in the future is refused before anything is signed.
    await at.locator('input.wall-time').fill(jstWallTime(Date.now() + 2 * 3600_000));
    await issue.getByLabel('命令の主文').fill('相手方は申立人に対し別紙発信者情報目録記載の各情報を開示せよ。');
    await issue.getByRole('button', { name: '発令する（パスキーで署名）' }).click();
    await judge.page.locator('.notice-error, [role="alert"]').filter({ hasText: /未来/ }).first().waitFor();
    // The order may not predate the filing: a whole second after it, as the field takes whole seconds.
    await at.locator('input.wall-time').fill(await jstNowNotBefore(filedBy));
    await issue.getByRole('button', { name: '発令する（パスキーで署名）' }).click();
    await judge.page.locator('[data-testid="dord-state"]').filter({ hasText: '発令済み' }).waitFor();
    // A court order's date reads with the era year, as on the order itself.
    assert.match(await judge.page.locator('main').innerText(), /命令の日時: 令和\d+年（20\d\d年）/);
    await shot(judge.page, 'dorder-02-issued-ja');

    // 3. The lawyer picks the issued order on the court-order route and signs the request.
    await law.page.goto(`${ui.hub.url}/civil/new`);
    await law.page.getByLabel('裁判所の命令の提示').check();
    const picker = law.page.locator('[data-testid="issued-orders"]');
    await picker.getByText('令和8年(発チ)第8801号').waitFor();
    await assertAccessible(law.page, 'issued order picker');
    await picker.getByRole('button', { name: 'この命令で作成' }).first().click();
    await law.page.locator('[data-testid="canonical"]').waitFor();
    assert.match(await law.page.locator('[data-testid="canonical"]').innerText(), /wa1\./);
    const id = await signAndSend(law.page);

    // 4. The provider sees the judge's signature verified in its panel.
    const prov = await ui.signedIn('board.legal', `/requests/${id}`);
    const verification = prov.page.locator('[data-testid="verification"]');
    await verification.waitFor();
    assert.equal(await verification.locator('[data-check="court_order"]').getAttribute('data-status'), 'pass');
    assert.match(
      (await verification.locator('[data-check="court_order"]').textContent()) ?? '',
      /裁判官の電子署名は有効/,
    );
    await shot(prov.page, 'dorder-03-provider-ja');
    const board = await ui.hub.api('board.legal');
    const seen = await board<RequestDetail>('GET', `/v1/requests/${id}`);
    assert.equal(seen.body.verification?.ok, true);
    // The application's page in English.
    await law.page.goto(ui.hub.url + appUrl);
    await law.page.getByRole('button', { name: 'English' }).click();
    await law.page.getByRole('heading', { name: /Disclosure order application/ }).waitFor();
    assert.match(await law.page.locator('main').innerText(), /The request made with this order/);
    await shot(law.page, 'dorder-04-application-en');
    for (const d of [law, judge, prov]) assert.deepEqual(jsErrors(d.page), []);
    await prov.context.close();
  } finally {
    await Promise.all([law.context.close(), judge.context.close()]);
  }
});
