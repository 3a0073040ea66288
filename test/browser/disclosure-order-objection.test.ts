// A disclosure order set aside on an objection suit (異議の訴え), in a real browser (issue 15 item 2):
// the judge records the provider heard and issues the order with his passkey → the lawyer drafts and signs
// the request from it → the provider reads it "not yet final" → the judge records the objection suit, then
// the order set aside, each signed with his passkey (the virtual authenticator) → the provider's request
// ended as withdrawn, says why in words, offers no answer, and says both records' signatures verify; the
// lawyer's application page says so too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayInWords, objectionPeriod } from '../../src/domain/objection-period.ts';
import { fileBoardOrderCase } from './order-case.ts';
import { providerHeardOnPage, signAndSend } from './steps.ts';
import { assertAccessible, jsErrors, jstNowNotBefore, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('issued → request answered by nobody yet → objection → set aside: the provider cannot answer', async () => {
  const filed = await fileBoardOrderCase(ui.hub, '095', 'https://sakura-board.example/thread/9501#res-2');
  const casePath = `/disclosure-orders/${filed.id}`;
  const judge = await ui.deskWithPasskey('judge');
  const law = await ui.deskWithPasskey('lawyer');
  try {
    // 1. The judge issues the order with his passkey.
    await signIn(judge.page, ui.hub, 'judge', casePath);
    const orderedAt = await jstNowNotBefore(filed.filedAt);
    await providerHeardOnPage(judge.page, orderedAt, '相手方から意見書の提出を受けた。');
    const issue = judge.page.getByRole('form', { name: '発令する（パスキーで署名）' });
    await issue.getByLabel('事件番号').fill('令和8年(発チ)第9501号');
    await issue.locator('fieldset.instant').locator('input.wall-time').fill(orderedAt);
    await issue.getByLabel('命令の主文').fill('相手方は申立人に対し別紙発信者情報目録記載の各情報を開示せよ。');
    await issue.getByRole('button', { name: '発令する（パスキーで署名）' }).click();
    await judge.page.locator('[data-testid="standing-label"]').filter({ hasText: '未確定' }).waitFor();
    const issuedAt = Date.now();

    // 2. The lawyer drafts the request from the order and signs it; the provider reads "not yet final".
    await signIn(law.page, ui.hub, 'lawyer', casePath);
    await law.page.getByRole('button', { name: 'この命令で開示請求を作成' }).click();
    const id = await signAndSend(law.page);
    const prov = await ui.signedIn('board.legal', `/requests/${id}`);
    await prov.page.locator('[data-testid="standing-label"]').filter({ hasText: '未確定' }).waitFor();
    // The last day of the month for a suit, counted from a notice on the day of the order: with the era year.
    const lastDay = dayInWords(objectionPeriod(orderedAt.slice(0, 10)).lastDay);
    assert.equal(await prov.page.locator('[data-testid="period-last-day"]').innerText(), lastDay.ja);

    // 3. The judge records the objection suit, then its outcome: the order set aside.
    await judge.page.reload();
    const objection = judge.page.getByRole('form', { name: '異議の訴えの提起を記録する' });
    await objection.locator('input.wall-time').fill(await jstNowNotBefore(issuedAt));
    await objection.getByLabel('提起した当事者').selectOption({ label: '相手方（事業者）' });
    await objection.getByLabel('異議の訴えの事件番号').fill('令和8年(ワ)第9501号');
    // The day the provider was notified, from the court's record: the day of the order.
    await objection.getByLabel('告知を受けた日').fill(orderedAt.slice(0, 10));
    await objection.getByRole('button', { name: '異議の訴えの提起を記録する' }).click();
    await judge.page.locator('[data-testid="standing-label"]').filter({ hasText: '係属中' }).waitFor();
    await judge.page.locator('[data-testid="objection-signature"]').filter({ hasText: '検証済み' }).waitFor();
    const contestedAt = Date.now();
    await assertAccessible(judge.page, 'the order contested, the outcome form');
    const outcome = judge.page.getByRole('form', { name: '異議の訴えの結果を記録する' });
    await outcome.getByLabel('異議の訴えの結果').selectOption({ label: '取消し' });
    await outcome.getByLabel('取消しの理由の区分').selectOption({ label: '権利侵害の明白性が認められない' });
    await outcome.locator('input.wall-time').fill(await jstNowNotBefore(contestedAt));
    await outcome.getByLabel('判決の要旨').fill('権利侵害の明白性が認められないため、原決定を取り消す。');
    await outcome.getByRole('button', { name: '異議の訴えの結果を記録する' }).click();
    await judge.page.locator('[data-testid="standing-label"]').filter({ hasText: '取消し' }).waitFor();
    await shot(judge.page, 'dobjection-01-set-aside-ja');

    // 4. The provider: told in words, in its language, and no answer offered.
    await prov.page.reload();
    const standing = prov.page.locator('[data-testid="order-standing"]');
    await standing.locator('[role="alert"]').filter({ hasText: '取り消されました' }).waitFor();
    assert.match(await standing.innerText(), /権利侵害の明白性が認められない/);
    for (const record of ['objection', 'outcome']) {
      assert.match(await standing.locator(`[data-testid="${record}-signature"]`).innerText(), /^検証済み/);
    }
    // The request rested on the order: it ended as withdrawn, and nothing is offered to answer it.
    await prov.page.locator('.badge.state-withdrawn').waitFor();
    assert.equal(await prov.page.locator('#answer-form').count(), 0, 'no answer is offered');
    assert.equal(await prov.page.getByRole('button', { name: '審査を開始する' }).count(), 0);
    assert.match(await prov.page.locator('main').innerText(), /取下げとして終了しました/);
    await assertAccessible(prov.page, "the provider's request under an order set aside");
    await shot(prov.page, 'dobjection-02-provider-ja');
    await prov.page.getByRole('button', { name: 'English' }).click();
    await standing.locator('[role="alert"]').filter({ hasText: 'set aside on an objection suit' }).waitFor();
    assert.match(await standing.locator('[data-testid="objection-signature"]').innerText(), /^Verified/);
    assert.equal(await standing.locator('[data-testid="objection-last-day"]').innerText(), lastDay.en);
    await shot(prov.page, 'dobjection-03-provider-en');

    // 5. The lawyer's list and application page say the same, and offer nothing more.
    await law.page.goto(`${ui.hub.url}/disclosure-orders`);
    const row = law.page.locator('[data-testid="disclosure-orders"] tr').filter({ hasText: filed.reference });
    await row.filter({ hasText: '取消し（異議の訴え）' }).waitFor();
    await law.page.goto(ui.hub.url + casePath);
    await law.page.locator('[data-testid="standing-label"]').filter({ hasText: '取消し' }).waitFor();
    assert.match(await law.page.locator('[data-testid="outcome-signature"]').innerText(), /^検証済み/);
    assert.equal(await law.page.getByRole('button', { name: 'この命令で開示請求を作成' }).count(), 0);
    for (const d of [law, judge, prov]) assert.deepEqual(jsErrors(d.page), []);
    await prov.context.close();
  } finally {
    await Promise.all([law.context.close(), judge.context.close()]);
  }
});
