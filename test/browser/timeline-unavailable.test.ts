// A request's timeline opened by someone who may not see the request (another force's investigator, with a link
// passed on): the page says so as the request's own page does — a heading, the reason in words, the way home —
// in Japanese and English, and passes the accessibility check (a page without a heading did not).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("another force's investigator opening a request's timeline reads why it is not shown", async () => {
  const answered = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(answered);
  const { context, page } = await ui.signedIn('osaka', `/requests/${answered.id}/timeline`);
  const errors = jsErrors(page);
  await page.getByRole('heading', { level: 1, name: 'この照会は表示できません' }).waitFor();
  assert.match(await page.getByTestId('error-headline').innerText(), /閲覧できる範囲にありません/);
  assert.equal(await page.getByTestId('timeline').count(), 0, 'no entry of it');
  await assertAccessible(page, 'timeline not shown (ja)');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'This request cannot be shown' }).waitFor();
  assert.match(await page.getByTestId('error-headline').innerText(), /not one you may see/);
  await assertAccessible(page, 'timeline not shown (en)');
  assert.deepEqual(
    errors.filter((e) => !/status of 404/.test(e)),
    [],
  );
  await context.close();
});
