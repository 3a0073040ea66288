// A hearing recorded by mistake, withdrawn in a real browser: the judge opens "この記録を取り消す" beside the
// record, says why and withdraws it; the record stays on the page struck through with who withdrew it, when and
// why, the issue form goes and the page says the provider is not heard. The lawyer, in English and London's
// zone, reads the same record withdrawn, with the reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerHeardOnPage } from './steps.ts';
import { assertAccessible, jsErrors, jstNowNotBefore, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const REASON = '別事件の答弁書を誤って本件に記録した。';

test('the judge withdraws a hearing recorded by mistake: struck through with the reason, no issuing', async () => {
  const lawyer = await ui.hub.api('lawyer');
  const orgs = await lawyer<{ items: Array<{ id: string; nameEn: string }> }>('GET', '/v1/organisations');
  const idOf = (name: string) => orgs.body.items.find((o) => o.nameEn === name)?.id ?? assert.fail(name);
  const filed = await lawyer<{ id: string; filedAt: string }>('POST', '/v1/disclosure-order-applications', {
    courtOrganisationId: idOf('Tokyo District Court'),
    providerOrganisationId: idOf('Sakura Board K.K.'),
    caseReference: '当事務所 2026-民-086',
    claimant: '佐藤 一郎',
    rights: ['honour'],
    rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation: ['name', 'address'],
    targets: [{ type: 'url', url: 'https://sakura-board.example/thread/8601#res-2' }],
    facts: '掲示板で請求者の実名を挙げ、詐欺師であるとの虚偽の書込みがされた。',
    necessity: '損害賠償請求の相手方を特定するため。',
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const casePath = `/disclosure-orders/${filed.body.id}`;
  const judge = await ui.deskWithPasskey('judge');
  const errors = jsErrors(judge.page);
  try {
    await signIn(judge.page, ui.hub, 'judge', casePath);
    // Recorded on the page, signed with his passkey (the browser's virtual authenticator).
    await providerHeardOnPage(
      judge.page,
      await jstNowNotBefore(Date.parse(filed.body.filedAt)),
      '相手方から意見書の提出を受けた。',
    );
    const record = judge.page.locator('[data-testid="order-hearing"]');
    await record.waitFor();
    assert.equal(await record.getAttribute('data-withdrawn'), 'false');
    const issueForm = judge.page.getByRole('form', { name: '発令する（パスキーで署名）' });
    await issueForm.waitFor();

    await record.getByText('この記録を取り消す', { exact: true }).first().click();
    const form = record.getByRole('form', { name: 'この記録を取り消す（パスキーで署名）' });
    const button = form.getByRole('button', { name: 'この記録を取り消す（パスキーで署名）' });
    assert.ok(await button.isDisabled(), 'no withdrawal without a reason');
    await assertAccessible(judge.page, 'the withdrawal form open');
    await form.getByLabel('取消しの理由').fill(REASON);
    await button.click();

    await judge.page.locator('[data-testid="order-hearing"][data-withdrawn="true"]').waitFor();
    const withdrawal = await judge.page.locator('[data-testid="order-hearing-withdrawal"]').innerText();
    assert.match(withdrawal, /この記録は取り消されました/);
    assert.match(withdrawal, /取り消した裁判官\s+裁判官 山本/);
    assert.match(withdrawal, /取り消した日時\s+令和\d+年（20\d\d年）.*\+09:00/);
    assert.match(withdrawal, /取消しの理由\s+別事件の答弁書を誤って本件に記録した。/);
    // The withdrawal is signed with his passkey too: the hub's verdict shown beside it.
    const signed = judge.page.locator('[data-testid="order-hearing-withdrawal-signature"]');
    assert.equal(await signed.getAttribute('data-state'), 'verified');
    // Kept on the page, struck through.
    assert.match(await record.innerText(), /相手方から意見書の提出を受けた。/);
    // Evaluated in the page (the tests' types know no DOM).
    // Every fact of the record struck through, a label's words (書面) too; the withdrawal itself is not.
    const struck = await judge.page.evaluate(
      `[...document.querySelectorAll('[data-testid="order-hearing"] > dl dd')].map((dd) =>
        [dd, ...dd.querySelectorAll('*')].some((e) => getComputedStyle(e).textDecorationLine === 'line-through') &&
        [...dd.querySelectorAll('*')].every((e) => getComputedStyle(e).textDecorationLine === 'line-through'))`,
    );
    assert.deepEqual(struck, [true, true, true, true, true, true, true]);
    const kept = await judge.page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="order-hearing-withdrawal"] dd')).textDecorationLine`,
    );
    assert.equal(kept, 'none');
    // No issuing on it: the form goes, the page says the provider is not heard, nothing to withdraw is offered.
    assert.equal(await issueForm.count(), 0);
    await judge.page.locator('[data-testid="order-hearing-missing"]').waitFor();
    assert.equal(await record.getByText('この記録を取り消す', { exact: true }).count(), 0);
    await assertAccessible(judge.page, 'a withdrawn hearing');
    assert.deepEqual(errors, []);

    const law = await ui.signedIn('lawyer', casePath, { lang: 'en', timezoneId: 'Europe/London' });
    const seen = law.page.locator('[data-testid="order-hearing-withdrawal"]');
    await seen.waitFor();
    const text = await seen.innerText();
    assert.match(text, /This record was withdrawn/);
    assert.match(text, /Withdrawn by\s+裁判官 山本/);
    assert.ok(text.includes(REASON), text);
    assert.doesNotMatch(text, /\+09:00/, "London's time, not Japan's");
    assert.equal(await law.page.getByText('Withdraw this record', { exact: true }).count(), 0, 'the court only');
    // The withdrawal altered in the store after it was signed: its own words, not the record's ("record it again").
    await ui.hub.ctx.store.db
      .updateTable('disclosure_order_hearings')
      .set({ withdraw_reason: '書き換えた理由' })
      .where('application_id', '=', filed.body.id)
      .execute();
    await law.page.reload();
    const altered = law.page.locator('[data-testid="order-hearing-withdrawal-signature"][data-state="failed"]');
    await altered.waitFor();
    const words = await altered.innerText();
    assert.match(words, /the withdrawal or its signature changed after signing\); the record stays withdrawn/);
    assert.doesNotMatch(words, /record it again/);
    await law.context.close();
  } finally {
    await judge.context.close();
  }
});
