// A walk of the demo as the café: its request waited on the police's clarification, and its home said there was
// nothing to do, without a word of what it waited for, while the deadline ran on. Now the provider's page says
// the request waits on the requester's clarification, since when and the question asked, and that the deadline
// stands still; its home says how many wait so; the deadline's badge reads "paused", in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { cafeRecords, issue, transition } from '../support/flow.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the café's page and home say it waits on the requester's clarification, its deadline stopped", async () => {
  const [sato, tanaka, cafe] = [
    await ui.hub.client('sato'),
    await ui.hub.client('tanaka'),
    await ui.hub.client('cafe.staff'),
  ];
  const terminal = {
    type: 'terminal',
    terminal: 'PC-12',
    from: '2026-11-20T10:00+09:00',
    to: '2026-11-20T12:00+09:00',
  };
  const cafeId = await orgId(ui.hub, 'Manga Cafe Shinjuku');
  const issued = await issue(sato, tanaka, cafeRecords(cafeId, { caseReference: 'CW-2', targets: [terminal] }));
  await transition(cafe, issued.id, { action: 'start_review' });
  const question = '当店の端末番号は「A-12」形式です。PC-12 は旧番号ですか？';
  await transition(cafe, issued.id, { action: 'request_clarification', message: question });

  const { page, context } = await ui.signedIn('cafe.staff', `/requests/${issued.id}`);
  const wait = page.locator('[data-testid="clarification-wait"]');
  await wait.waitFor();
  const said = await wait.innerText();
  assert.match(said, /要請元（.+）へ確認を求め、その回答を待っています/);
  assert.ok(said.includes(question), said);
  assert.match(said, /回答期限は待っている間止まっており（残り .+）/);
  assert.match(
    await page.locator('.page-head .deadline').innerText(),
    /期限停止中（要請元の確認回答待ち）: 残り .+から停止中/,
  );

  await page.goto(`${ui.hub.url}/`);
  await page.locator('[data-testid="home-waiting-clarification"]').waitFor();
  assert.match(
    await page.locator('[data-testid="home-waiting-clarification"]').innerText(),
    /[1-9]\d* 件は要請元の確認回答を待っています/,
  );
  assert.match(await page.locator('#group-asked').innerText(), /要請元の確認回答待ち（回答期限は停止中）/);
  // In the list's column, in short (its why and since when in the badge's title): the list keeps its width.
  const badge = page.locator('#group-asked .deadline-paused').first();
  assert.match(await badge.innerText(), /^⏸ 期限停止中: 残り /);
  assert.match((await badge.getAttribute('title')) ?? '', /期限停止中（要請元の確認回答待ち）: 残り .+から停止中/);
  assert.deepEqual(jsErrors(page), []);
  await context.close();

  const en = await ui.signedIn('cafe.staff', `/requests/${issued.id}`, { lang: 'en' });
  const inEnglish = en.page.locator('[data-testid="clarification-wait"]');
  await inEnglish.waitFor();
  assert.match(await inEnglish.innerText(), /waits on the clarification asked of the requester/);
  assert.match(await inEnglish.innerText(), /deadline stands still while it waits/);
  assert.match(
    await en.page.locator('.page-head .deadline').innerText(),
    /Paused \(awaiting the requester's clarification\)/,
  );
  assert.deepEqual(jsErrors(en.page), []);
  await en.context.close();
});
