// The consultation desk in a real browser (issue 15): a consultation about a threatening post becomes
// a case with its board inquiry drafted; a suicide notice heard at the desk becomes an emergency
// request, approved and answered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { said } from './form-validity.ts';
import { openAnswer } from './steps.ts';
import { assertAccessible, enrolBrowser, jsErrors, requestIdOf, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** On the intake form: the category and how it came in, who came (when named), their account and the post. */
async function fillIntake(
  page: Page,
  c: {
    category: string | { label: string };
    channel: string;
    personName?: string;
    account: string;
    postUrl: string;
    postId?: string;
  },
): Promise<void> {
  await page.getByLabel('相談の種別').selectOption(c.category);
  await page.getByLabel('受理の方法').selectOption(c.channel);
  if (c.personName) await page.locator('input[name="personName"]').fill(c.personName);
  await page.locator('textarea[name="account"]').fill(c.account);
  await page.locator('input[name="postUrl"]').fill(c.postUrl);
  if (c.postId) await page.locator('input[name="postId"]').fill(c.postId);
}

interface Detail {
  kind: string;
  state: string;
  caseId: string | null;
  provider: { nameJa: string } | null;
}

test('a consultation about a threatening post → case → board inquiry', async () => {
  const desk = await ui.signedIn('sato');
  await desk.page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('link', { name: '生活相談窓口' })
    .click();
  await desk.page.getByRole('heading', { name: '生活相談窓口' }).waitFor();
  await desk.page.getByRole('link', { name: '相談を受理する' }).click();
  await desk.page.getByRole('heading', { name: '相談を受理する' }).waitFor();
  await fillIntake(desk.page, {
    category: { label: '名誉毀損・誹謗中傷・脅迫・個人情報の拡散' },
    channel: 'visit',
    personName: '鈴木 花子',
    account: 'さくら掲示板に自分の実名を挙げて「家を突き止めて危害を加える」と書き込まれ、怖くて外出できない。',
    postUrl: 'https://sakura-board.example/thread/7301#res-15',
    postId: '7301-15',
  });
  // The category's playbook and its referrals are beside the form.
  await desk.page.locator('[data-testid="playbook"]').getByText('法務局の人権相談窓口').waitFor();
  await shot(desk.page, '40-consultation-intake-ja');
  await assertAccessible(desk.page, 'consultation intake');
  await desk.page.getByRole('button', { name: '受理する' }).click();

  // The account speaks of harm: the desk is told, with the words that raised it.
  const urgent = desk.page.locator('[data-testid="consultation-urgent"]');
  await urgent.waitFor();
  assert.match(await urgent.innerText(), /危害を加え/);
  // The post it points at reads as a request's page shows a target (its kind in words, then the URL), not as JSON.
  const pointsAt = desk.page.locator('dl.facts > dt:text-is("対象") + dd');
  const consulted = await pointsAt.innerText();
  assert.match(consulted, /^URL（投稿） https:\/\/sakura-board\.example\/thread\/7301#res-15/);
  assert.doesNotMatch(consulted, /\{"type":/);
  // The emergency button waits for the case reference and the reason, and says so.
  assert.equal(await desk.page.getByRole('button', { name: '事件化して緊急照会を決裁に回す' }).isDisabled(), true);
  assert.match(await desk.page.getByTestId('emergency-needs').innerText(), /事件番号と緊急性の判断の理由/);
  await desk.page.locator('input[name="caseReference"]').fill('令和8年 第7301号 脅迫被疑事件');
  assert.equal(await desk.page.locator('input[name="offence"]').inputValue(), '脅迫（刑法222条）');
  await shot(desk.page, '41-consultation-open-case-ja');
  await assertAccessible(desk.page, 'consultation');
  await desk.page.getByRole('button', { name: '事件化する', exact: true }).click();

  // The case is opened and the inquiry to the board operator is drafted, its addressee found from the post.
  await desk.page.waitForURL('**/requests/*');
  const id = requestIdOf(desk.page);
  await desk.page.locator('.badge.state-draft').waitFor();
  const api = await ui.hub.api('sato');
  const r = await api<Detail>('GET', `/v1/requests/${id}`);
  assert.equal(r.body.kind, 'inquiry');
  assert.equal(r.body.provider?.nameJa, 'さくら掲示板株式会社');
  assert.ok(r.body.caseId);
  assert.equal(await desk.page.locator('ol.target-list > li').innerText(), consulted, 'as the request shows it');
  await desk.page.getByRole('button', { name: '決裁に回す' }).first().click();
  await desk.page.locator('.badge.state-awaiting_approval').waitFor();

  // The statistics' last row adds up every category: named as the sum, not as the column's "count".
  await desk.page.goto(`${ui.hub.url}/consultations`);
  const sum = desk.page.locator('[data-testid="consultation-statistics"] tbody tr').last();
  assert.equal(await sum.locator('th').innerText(), '合計');
  // In English, the list and the statistics.
  await desk.page.getByRole('button', { name: 'English' }).click();
  await desk.page.getByRole('heading', { name: 'Consultation desk' }).waitFor();
  const stats = desk.page.locator('[data-testid="consultation-statistics"]');
  assert.match(await stats.innerText(), /Defamation, abuse, threats, spreading personal data\s+1\s+1/);
  assert.equal(await stats.locator('tbody tr').last().locator('th').innerText(), 'All categories');
  assert.deepEqual(await stats.locator('thead th').allInnerTexts(), [
    'Category',
    'Consultations',
    'Cases',
    'Advised',
    'Urgent',
  ]);
  await shot(desk.page, '42-consultations-statistics-en');
  await assertAccessible(desk.page, 'consultation list (en)');
  assert.deepEqual(jsErrors(desk.page), []);
  await desk.context.close();
});

test('a suicide notice at the desk → emergency request answered', async () => {
  const desk = await ui.signedIn('sato', '/consultations/new');
  await desk.page.getByRole('heading', { name: '相談を受理する' }).waitFor();
  await fillIntake(desk.page, {
    category: 'leak_suicide_safety',
    channel: 'phone',
    account: '知人から電話。掲示板に「今夜、自宅で練炭を使って死にます」との書き込みがあるという。',
    postUrl: 'https://sakura-board.example/thread/9944#res-1',
  });
  await desk.page.getByRole('button', { name: '受理する' }).click();
  const urgent = desk.page.locator('[data-testid="consultation-urgent"]');
  await urgent.waitFor();
  assert.match(await urgent.innerText(), /自殺予告/);

  // Three of the four conditions: no emergency request, and the desk is told which one is missing.
  const conditions = desk.page.locator('[data-testid="emergency-conditions"]');
  await desk.page.locator('input[name="caseReference"]').fill('保護 令和8年 第9944号');
  for (const c of ['imminent', 'realistic', 'intentExpressed'])
    await conditions.locator(`input[name="condition-${c}"]`).check();
  await conditions.locator('textarea[name="statement"]').fill('今夜・練炭と時期と方法が具体的に示されている。');
  await conditions.getByRole('button', { name: '事件化して緊急照会を決裁に回す' }).click();
  // The condition's own label carries the same words, so wait for the refusal itself, then read what it names.
  const refusal = desk.page.locator('[role="alert"]').filter({ hasText: '4要件' });
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /冗談・創作を疑わせる特段の事情がない/);
  // The condition not affirmed is marked, tied to the refusal's words and focused; the others are not.
  const notJoke = conditions.locator('input[name="condition-notJokeOrFiction"]');
  assert.equal(await notJoke.getAttribute('aria-invalid'), 'true');
  const describedBy = (await notJoke.getAttribute('aria-describedby')) ?? '';
  assert.match((await desk.page.locator(`[id="${describedBy}"]`).textContent()) ?? '', /4要件.*冗談/);
  assert.equal(await notJoke.evaluate((el) => el.matches(':focus')), true, 'the condition concerned has the focus');
  assert.equal(await conditions.locator('[aria-invalid="true"]').count(), 1, 'only the one not affirmed');
  await notJoke.check();
  assert.equal(await notJoke.getAttribute('aria-invalid'), null, 'affirmed, its mark is gone');
  await shot(desk.page, '43-consultation-emergency-conditions-ja');
  await assertAccessible(desk.page, 'emergency conditions');
  await conditions.getByRole('button', { name: '事件化して緊急照会を決裁に回す' }).click();
  await desk.page.waitForURL('**/requests/*');
  const id = requestIdOf(desk.page);
  await desk.page.locator('.badge.state-awaiting_approval').waitFor();

  // The unit head approves, the board operator calls back and answers; the desk officer reads it.
  const head = await ui.hub.api('tanaka');
  const preview = await head<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  const approved = await head('POST', `/v1/requests/${id}/transitions`, ui.hub.approval('tanaka', preview.body.digest));
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const board = await ui.hub.api('board.legal');
  const check = await board('POST', `/v1/requests/${id}/transitions`, {
    action: 'confirm_second_check',
    note: '登録番号に折り返し、所属長本人が確認',
  });
  assert.equal(check.status, 200, JSON.stringify(check.body));
  const answered = await board<Detail>('POST', `/v1/requests/${id}/transitions`, {
    action: 'answer',
    answer: {
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', subscriber: { name: '高橋 一郎', email: 'ichiro@example.jp' } }],
    },
  });
  assert.equal(answered.body.state, 'answered', JSON.stringify(answered.body));
  // Answers open only on an enrolled device of the unit: the unit head enrols this browser.
  await enrolBrowser(desk.page, ui.hub, 'tanaka');
  assert.match(await (await openAnswer(desk.page, ui.hub, id)).innerText(), /高橋 一郎/);
  await shot(desk.page, '44-consultation-emergency-answered-ja');
  assert.deepEqual(jsErrors(desk.page), []);
  await desk.context.close();
});

test('a Japanese form on an English browser: its required field and bad URL said in Japanese', async () => {
  // The browser's own "Please fill out this field." follows the browser's language, not the page's.
  const { context, page } = await ui.signedIn('sato', '/consultations/new', { browserLocale: 'en-US' });
  await page.getByRole('heading', { name: '相談を受理する' }).waitFor();
  const account = page.locator('textarea[name="account"]');
  await page.getByRole('button', { name: '受理する' }).click();
  assert.equal(await said(account), '入力が必要です');
  assert.equal(await account.evaluate((el) => el.matches(':focus')), true, 'the first problem is focused');
  assert.equal(await account.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('.field-error').first().innerText(), /入力が必要です/);
  await account.fill('相談の内容');
  assert.equal(await account.getAttribute('aria-invalid'), null, 'said no more once typed');
  const postUrl = page.locator('input[name="postUrl"]');
  await postUrl.fill('not a url');
  await page.getByRole('button', { name: '受理する' }).click();
  assert.equal(await said(postUrl), '形式が正しくありません');
  assert.equal(await postUrl.evaluate((el) => el.matches(':focus')), true);
  await assertAccessible(page, 'consultation intake with its problems');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
