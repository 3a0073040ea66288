// What each person finds on signing in: the claimant's lawyer and the judge see their own work, named
// so they can find it, and nothing of the police's paperwork.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the lawyer's home lists the office's requests and no police follow-ups", async () => {
  const law = await ui.signedIn('lawyer');
  const main = law.page.locator('main');
  await main.getByRole('heading', { name: /発出済み・回答待ち/ }).waitFor();
  // The office is its own unit: its name once, not "乙川綜合法律事務所 / 乙川綜合法律事務所".
  assert.equal(await law.page.locator('.who-org').innerText(), '乙川綜合法律事務所');
  // Emergency paperwork, preservation ends and MLAT reminders never concern a law office.
  assert.doesNotMatch(await main.innerText(), /後続の手続|緊急照会|国際捜査共助/);
  assert.deepEqual(jsErrors(law.page), []);
  await law.context.close();
});

test("the judge's menu names the disclosure orders beside the warrants", async () => {
  const judge = await ui.signedIn('judge');
  const nav = judge.page.getByRole('navigation');
  await nav.getByRole('link', { name: '令状請求・開示命令の受付' }).waitFor();
  assert.match(await judge.page.locator('main ul.task-links').innerText(), /発信者情報開示命令の申立て/);
  await nav.getByRole('link', { name: '令状請求・開示命令の受付' }).click();
  await judge.page.getByRole('heading', { name: /開示命令の申立て/ }).waitFor();
  await judge.page.getByRole('button', { name: 'English' }).click();
  await nav.getByRole('link', { name: 'Warrants and disclosure orders' }).waitFor();
  assert.deepEqual(jsErrors(judge.page), []);
  await judge.context.close();
});

test('the request list offers only the states and kinds that can be in it', async () => {
  const options = async (page: import('playwright-core').Page, label: string) =>
    page.getByLabel(label, { exact: true }).locator('option').allInnerTexts();
  const law = await ui.signedIn('lawyer', '/requests');
  assert.deepEqual(await options(law.page, '種別'), ['すべて', '発信者情報開示請求']);
  await law.context.close();
  const isp = await ui.signedIn('isp.legal', '/requests');
  const states = await options(isp.page, '状態');
  assert.ok(states.includes('審査中'), states.join());
  assert.ok(!states.includes('起案中') && !states.includes('決裁待ち'), `a provider holds no drafts: ${states.join()}`);
  assert.ok(!(await options(isp.page, '種別')).includes('国際捜査共助要請'));
  await isp.context.close();
});

test("a person's roles in the header read as a list in the viewer's language", async () => {
  const board = await ui.signedIn('board.legal', '/', { lang: 'en' });
  const roles = await board.page.locator('.who-roles').innerText();
  assert.match(roles, /^[^、・]+, [^、・]+$/, roles);
  await board.page.getByRole('button', { name: '日本語' }).click();
  assert.match(await board.page.locator('.who-roles').innerText(), /^[^,]+、[^,]+$/);
  await board.context.close();
});

test("a provider's lists head the requesting side as the requester: a law office is no agency", async () => {
  const board = await ui.signedIn('board.legal', '/', { lang: 'en' });
  try {
    const hearing = board.page.locator('main table', { hasText: 'Otogawa Law Office' }).first();
    await hearing.waitFor();
    const heads = await hearing.locator('thead th').allInnerTexts();
    assert.ok(heads.includes('Requester'), heads.join(' | '));
    assert.ok(!heads.includes('Agency'), heads.join(' | '));
    await board.page.getByRole('button', { name: '日本語' }).click();
    const inJapanese = board.page.locator('main table', { hasText: '乙川綜合法律事務所' }).first();
    await inJapanese.locator('thead th', { hasText: '照会元' }).waitFor();
  } finally {
    await board.context.close();
  }
});
