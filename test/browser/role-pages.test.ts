// What a person whose roles read no request finds: the force's auditor (監察), its key officer, its
// administrator and the hub's administrator each see in the navigation only the pages their permissions
// open, a home that says in one sentence what the role may and may not see and leads to their own pages —
// never the investigator's empty sections — and, on a page reached by its address, that it is not theirs,
// in words: never 「照会はありません」 as if the force had none, never an error listing roles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The navigation's entries, in order. */
async function menu(page: Page, name = 'メインメニュー'): Promise<string[]> {
  const nav = page.getByRole('navigation', { name });
  await nav.getByRole('link').first().waitFor();
  return nav.getByRole('link').allInnerTexts();
}

/** A page reached by its address that is not the viewer's: said in words, naming the page. */
async function refused(page: Page, path: string, name: string): Promise<string> {
  await page.goto(ui.hub.url + path);
  const denied = page.locator('[data-testid="not-permitted"]');
  await denied.filter({ hasText: `「${name}」` }).waitFor();
  const text = await denied.innerText();
  assert.doesNotMatch(text, /エラー|次の役割が必要です|^照会はありません/m, `${path}: ${text}`);
  assert.match(text, /記録がないという意味ではありません/);
  return text;
}

test("the force's auditor sees the audit log and what the role may see, and no investigator's page", async () => {
  const { context, page } = await ui.signedIn('mpd.kansatsu');
  const errors = jsErrors(page);
  const items = await menu(page);
  assert.deepEqual(items, ['ホーム', '監査ログ', '文書の検証', '自分のパスキー']);
  const main = page.locator('main');
  const scope = main.locator('[data-testid="role-scope"]');
  assert.match(
    await scope.innerText(),
    /監査担当（監察）は.*監査ログで読めますが、照会・回答・事件の内容そのものは読めません。/,
  );
  assert.doesNotMatch(await main.innerText(), /起案中の照会はありません|緊急・期限超過/);
  await assertAccessible(page, "auditor's home");
  await main.locator('ul.task-links').getByRole('link', { name: '監査ログ' }).click();
  await page.getByRole('heading', { name: '監査ログ（監察）' }).waitFor();

  const list = await refused(page, '/requests', '照会一覧');
  assert.match(list, /監査担当の役割では使えません/);
  assert.doesNotMatch(list, /照会はありません/);
  await refused(page, '/cases', '事件');
  // a page of one request is named as that page, not as the list
  const sato = await ui.hub.api('sato');
  const some = await sato<{ items: Array<{ id: string }> }>('GET', '/v1/requests');
  const id = some.body.items[0]?.id ?? assert.fail('the demo has requests');
  const one = await refused(page, `/requests/${id}`, '照会の詳細');
  assert.doesNotMatch(one, /照会一覧/);
  await refused(page, `/requests/${id}/approve`, '照会の決裁');
  await refused(page, '/statistics', '統計');
  await refused(page, '/search', '検索');
  await refused(page, '/admin', '管理');
  await assertAccessible(page, 'a page not the auditor’s');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('The page “Administration” is not open to you as Auditor.').waitFor();
  assert.match(await page.locator('[data-testid="role-scope"]').innerText(), /^As an auditor you read/);
  await page.getByRole('link', { name: 'Home (the pages open to you)' }).click();
  await page.locator('main ul.task-links').getByRole('link', { name: 'Audit log' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the key officer's home leads to the countersignatures; the force's administrator reads no request", async () => {
  {
    const { context, page } = await ui.signedIn('mpd.keys');
    assert.deepEqual(await menu(page), ['ホーム', '管理', '文書の検証', '自分のパスキー']);
    const main = page.locator('main');
    assert.match(await main.locator('[data-testid="role-scope"]').innerText(), /^鍵管理責任者は、/);
    assert.doesNotMatch(await main.innerText(), /起案中の照会はありません/);
    await main.locator('ul.task-links').getByRole('link', { name: '管理' }).click();
    await page
      .getByRole('link', { name: /警視庁/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /副署/ }).first().waitFor();
    await refused(page, '/requests', '照会一覧');
    assert.deepEqual(jsErrors(page), []);
    await context.close();
  }
  {
    const { context, page } = await ui.signedIn('mpd.admin');
    const items = await menu(page);
    assert.ok(items.includes('管理'), items.join());
    for (const none of ['照会一覧', '事件', '検索', '統計', '監査ログ'])
      assert.ok(!items.includes(none), `${none}: ${items.join()}`);
    const main = page.locator('main');
    assert.match(await main.locator('[data-testid="role-scope"]').innerText(), /^管理者は、/);
    assert.doesNotMatch(await main.innerText(), /起案中の照会はありません/);
    await refused(page, '/cases', '事件');
    // The organisation's page names it and its units in words; an id (which the operator's commands take)
    // stands only behind words that say what it is for.
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理' }).click();
    await page.getByRole('link', { name: /^自組織（.*）の管理$/ }).click();
    await main.getByRole('heading', { level: 1 }).waitFor();
    await main.locator('li').first().waitFor();
    const text = (await main.innerText()).replaceAll(/コマンドで使う ID: (org|unit)_[A-Za-z0-9-]+/g, '');
    assert.doesNotMatch(text, /\b(org|unit|usr)_[A-Za-z0-9]/);
    await context.close();
  }
});

test("the hub's administrator is offered no search of requests it cannot read", async () => {
  const { context, page } = await ui.signedIn('admin');
  const items = await menu(page);
  assert.ok(!items.includes('検索'), items.join());
  assert.ok(items.includes('監査ログの検証') && items.includes('管理'), items.join());
  const main = page.locator('main');
  assert.match(await main.locator('[data-testid="role-scope"]').innerText(), /^ハブ管理者は、/);
  const tasks = await main.locator('ul.task-links').innerText();
  assert.match(tasks, /監査ログの検証/);
  assert.match(tasks, /管理/);
  await refused(page, '/search', '検索');
  await context.close();
});

test('an investigator keeps the pages of requests, and no sentence of a role without them', async () => {
  const { context, page } = await ui.signedIn('sato');
  const items = await menu(page);
  for (const one of ['照会一覧', '事件', '検索', '統計']) assert.ok(items.includes(one), `${one}: ${items.join()}`);
  assert.ok(!items.includes('管理') && !items.includes('監査ログ'), items.join());
  await page
    .locator('main')
    .getByRole('heading', { name: /起案中/ })
    .waitFor();
  assert.equal(await page.locator('[data-testid="role-scope"]').count(), 0);
  await context.close();
});
