// An address of the right shape naming a record the hub does not know — or not to this viewer: the API
// answers "not found" for both — opens the record's own not-found page: its heading says which kind of
// record, the words say it may be out of the viewer's sight and what to try, with the way to the list;
// never the API's sentence that repeats the id (「事件 case_… は存在しません」).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const NONE = '00000000-0000-4000-8000-000000000000';
const UNSEEN = /この記録はないか、閲覧できる範囲にありません。/;

test('a case, consultation, warrant application or request not found: its page in words, no id', async () => {
  // Another force's case is as unknown to this one as a case that never was.
  const osaka = await ui.hub.api('osaka');
  const cases = await osaka<{ items: { id: string }[] }>('GET', '/v1/cases');
  const osakaCase = cases.body.items[0]?.id ?? assert.fail('osaka has a case');
  const pages = [
    { path: `/cases/case_${NONE}`, title: '事件が見つかりません', list: '事件の一覧へ' },
    { path: `/cases/${osakaCase}`, title: '事件が見つかりません', list: '事件の一覧へ' },
    { path: `/consultations/con_${NONE}`, title: '相談が見つかりません', list: '相談の一覧へ' },
    { path: `/warrant-applications/wapp_${NONE}`, title: '令状の請求が見つかりません', list: '令状請求の一覧へ' },
    { path: `/requests/req_${NONE}/approve`, title: '照会が見つかりません', list: '照会の一覧へ' },
    { path: `/requests/req_${NONE}/edit`, title: '照会が見つかりません', list: '照会の一覧へ' },
  ];
  const { context, page } = await ui.signedIn('tanaka', '/');
  try {
    for (const p of pages) {
      await page.goto(`${ui.hub.url}${p.path}`);
      await page.getByRole('heading', { name: p.title }).waitFor();
      const main = await page.locator('main').innerText();
      assert.match(main, UNSEEN, p.path);
      assert.doesNotMatch(main, /(case|con|wapp|req)_[0-9a-f]|存在しません|エラー/, `${p.path}: ${main}`);
      await page.locator('main').getByRole('link', { name: p.list }).waitFor();
    }
    await assertAccessible(page, 'a record not found');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Request not found' }).waitFor();
    assert.match(await page.locator('main').innerText(), /There is no such record, or it is not one you may see\./);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
  const lawyer = await ui.signedIn('lawyer', `/disclosure-orders/doap_${NONE}`);
  try {
    await lawyer.page.getByRole('heading', { name: '開示命令の申立てが見つかりません' }).waitFor();
    const main = await lawyer.page.locator('main').innerText();
    assert.match(main, UNSEEN);
    assert.doesNotMatch(main, /doap_|存在しません/);
  } finally {
    await lawyer.context.close();
  }
});
