// Forms other than the request editor that hold a time field ("whom to ask", an ActionForm; the
// provider's answer, a CheckedForm of its own) send nothing while the field cannot read what was typed,
// say which field and what was typed, and focus it; once the time is read, the form goes on with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { orgId } from '../support/exchange.ts';
import { boardPost, inquiry, issue } from '../support/flow.ts';
import { boardInquiryPeople, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const UNREAD = '2026/3/29 1:30';

/** After a submit: the form's notice names `field` and what was typed, the field is marked and has the focus. */
async function assertHeld(page: Page, at: Locator, field: string): Promise<void> {
  const headline = page.locator('[data-testid="error-headline"]');
  await headline.waitFor();
  const said = (await headline.textContent()) ?? '';
  assert.ok(said.startsWith(`${field}: "${UNREAD}" は日時として不正です`), said);
  assert.match(said, /（Asia\/Tokyo の日時は 2026-03-29 01:30:12/);
  assert.equal(await at.getAttribute('aria-invalid'), 'true');
  assert.equal(await at.evaluate((el) => el.matches(':focus')), true, 'the field concerned takes the focus');
}

test('whom to ask holds its lookup while its time cannot be read, naming the field, in Japanese and English', async () => {
  const { context, page } = await ui.signedIn('sato', '/evidence/whom');
  const asked: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/evidence/whom') asked.push(r.postDataJSON());
  });
  try {
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.45');
    const at = page.locator('input.wall-time');
    await at.fill(UNREAD);
    await page.getByRole('button', { name: '照会先を調べる', exact: true }).click();
    await assertHeld(page, at, '日時（任意）');
    assert.deepEqual(asked, [], 'nothing asked without the time that was typed');
    assert.equal(await page.locator('[data-testid="whom-answer"]').count(), 0);

    const headline = page.locator('[data-testid="error-headline"]');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Whom to ask (IP address)' }).waitFor();
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await headline.filter({ hasText: /^Date and time \(optional\): "2026\/3\/29 1:30"/ }).waitFor();
    assert.deepEqual(asked, []);

    // Read, the time is asked with.
    await at.fill('2026-03-29 01:30:12');
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await page.locator('[data-testid="whom-answer"]').waitFor();
    assert.equal(await headline.count(), 0, 'the held notice is gone');
    assert.deepEqual(asked, [{ address: '203.0.113.45', at: '2026-03-29T01:30:12+09:00' }]);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});

test("the provider's answer holds while an access-log row's time cannot be read, naming the row's field", async () => {
  const people = await boardInquiryPeople(ui.hub);
  const board = await orgId(ui.hub, 'Sakura Board K.K.');
  const reference = '令和8年 第8181号';
  const content = inquiry(board, {
    caseReference: reference,
    targets: [boardPost('thread/8181#res-1')],
    categories: ['subscriber', 'access_log'],
  });
  const { id } = await issue(people.drafter, people.head, content);
  const { context, page } = await ui.signedIn('board.legal', `/requests/${id}`);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith(`/v1/requests/${id}`)) sent.push(r.url());
  });
  try {
    await page.getByRole('button', { name: '審査を開始' }).click();
    await page.locator('.badge.state-under_review').waitFor();
    sent.length = 0;
    const form = page.locator('#answer-form');
    await form.getByLabel('契約者氏名').fill('山田 太郎');
    await form.getByRole('button', { name: '接続記録を追加' }).click();
    const at = form.locator('input.wall-time').first();
    await at.fill(UNREAD);
    await form.getByLabel('IPアドレス', { exact: true }).fill('203.0.113.9');
    await form.getByRole('button', { name: '送信内容を確認する' }).click();
    await assertHeld(page, at, '接続記録 1 の日時');
    assert.equal(await page.locator('[data-testid="answer-preview"]').count(), 0, 'nothing to sign without the row');
    assert.deepEqual(sent, [], 'nothing sent');

    // Read, the row goes with the answer to be reviewed.
    await at.fill('2026-03-29 01:30:12');
    await form.getByRole('button', { name: '送信内容を確認する' }).click();
    const preview = page.locator('[data-testid="answer-preview"]');
    await preview.waitFor();
    assert.match(await preview.innerText(), /203\.0\.113\.9/);
    assert.equal(await page.locator('[data-testid="error-headline"]').count(), 0, 'the held notice is gone');
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});

test('the attribution lookup, whose button waits for its time, is not held silent by a time it cannot read', async () => {
  const { context, page } = await ui.signedIn('isp.operator', '/attribution');
  const asked: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/v1/attribution')) asked.push(r.url());
  });
  try {
    await page.getByRole('heading', { level: 1, name: 'ログによる利用者の特定' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.7');
    const button = page.getByRole('button', { name: '調べる', exact: true });
    assert.equal(await button.isDisabled(), true, 'without a time the lookup still waits for one');
    const at = page.locator('input.wall-time');
    await at.fill(UNREAD);
    await button.click();
    await assertHeld(page, at, '日時');
    assert.deepEqual(asked, [], 'nothing asked');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page
      .locator('[data-testid="error-headline"]')
      .filter({ hasText: /^Date and time: "2026\/3\/29 1:30" is not/ })
      .waitFor();
    assert.deepEqual(asked, []);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});

test('the duty designation counts both ends it cannot read in its notice, instead of a silent button', async () => {
  const { context, page } = await ui.signedIn('tanaka', '/duty');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/v1/duty')) sent.push(r.url());
  });
  try {
    await page.getByRole('heading', { name: '当直責任者の指定' }).waitFor();
    await page.getByLabel('当直責任者 *').selectOption({ label: '伊藤 警部補' });
    await page.getByLabel('理由 *').fill('所属長出張のため');
    const from = page.locator('fieldset').filter({ hasText: '開始' }).locator('input.wall-time');
    const until = page.locator('fieldset').filter({ hasText: '終了' }).locator('input.wall-time');
    const button = page.getByRole('button', { name: '認証器で署名して指定する' });
    assert.equal(await button.isDisabled(), true, 'without its times the designation still waits for them');
    await from.fill(UNREAD);
    await until.fill('2026-13-01 00:00:00');
    await button.click();
    const headline = page.locator('[data-testid="error-headline"]');
    await headline.filter({ hasText: '入力に 2 件の問題があります' }).waitFor();
    const issues = await page.locator('[data-testid="error-issues"] li').allTextContents();
    assert.equal(issues.length, 2, issues.join('\n'));
    assert.ok(issues[0]?.startsWith(`開始: "${UNREAD}" は日時として不正です`), issues[0]);
    assert.ok(issues[1]?.startsWith('終了: "2026-13-01 00:00:00"'), issues[1]);
    for (const field of [from, until]) assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await from.evaluate((el) => el.matches(':focus')), true, 'the first field concerned has the focus');
    assert.deepEqual(sent, [], 'nothing sent');
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});
