// Every other screen, in a real browser, with an accessibility check and a screenshot each:
// cases, request list, clarification thread, emergency and opinion-hearing pages, tablet layout,
// audit verification, administration (organisations, units, users, keys, provider policy), and the
// court's warrant attestation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { List, Organisation, PolicyCheck } from '../support/replies.ts';
import { assertAccessible, givePasskey, jsErrors, shot, TABLET, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const demoRequest = (prefix: string) => {
  const r = ui.hub.demo.requests.find((x) => x.summary.startsWith(prefix));
  if (!r) throw new Error(`demo request ${prefix} missing`);
  return r;
};

test('investigator: cases, the request list, and answering a clarification', async () => {
  const { context, page } = await ui.signedIn('sato');
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link', { name: '事件' }).click();
  await page.getByRole('heading', { name: '事件', exact: true }).waitFor();
  await page.getByLabel('事件番号 *').fill('令和8年 第3003号');
  await page.getByLabel('事件名 *').fill('名誉毀損被疑事件');
  await page.getByRole('button', { name: '登録' }).click();
  await page.getByRole('heading', { name: '事件 令和8年 第3003号' }).waitFor();
  assert.match(
    await page.locator('main').innerText(),
    /令和\d+年（\d{4}年）\d+月\d+日/,
    'the era year beside the Western year',
  );
  await shot(page, '17-case-page-ja');
  await assertAccessible(page, 'case page');

  await nav.getByRole('link', { name: '照会一覧' }).click();
  await page.getByRole('heading', { name: '発出した照会' }).waitFor();
  await page.getByLabel('種別').selectOption('emergency');
  // The unfiltered rows stay on screen until the filtered list arrives: wait until no row of another kind
  // is left (and one is there) before counting, or the count may be of the list before the filter.
  const rows = page.locator('table.requests tbody tr');
  const otherKinds = rows.filter({ hasNot: page.locator('.badge.kind-emergency') });
  await otherKinds.first().waitFor({ state: 'detached' });
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  await page.getByLabel('種別').selectOption('');
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as { document: { querySelectorAll: (s: string) => { length: number } } }
      ).document.querySelectorAll('table.requests tbody tr').length > 5,
  );
  await shot(page, '18-request-list-ja');
  await assertAccessible(page, 'request list');

  // The café asked which terminal is meant: the investigator answers in the thread.
  const cafe = demoRequest('café records');
  await page.goto(`${ui.hub.url}/requests/${cafe.id}`);
  await page.locator('.badge.state-clarification_requested').waitFor();
  await page.getByLabel('回答', { exact: true }).fill('旧番号です。現在の A-12 の端末を指します。');
  await page.getByRole('button', { name: '確認に回答する' }).click();
  await page.locator('.badge.state-clarified').waitFor();
  assert.equal(await page.locator('ol.thread > li').count(), 2);
  await shot(page, '19-clarification-thread-ja');
  await assertAccessible(page, 'request page with thread');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('provider: the emergency first and unmistakable, the opinion hearing, on a tablet too', async () => {
  const { context, page } = await ui.signedIn('board.legal', '/', { viewport: TABLET });
  const banner = page.locator('.urgent-banner');
  await banner.waitFor();
  const emergency = demoRequest('emergency');
  assert.match(await banner.innerText(), new RegExp(emergency.reference));
  assert.match(await banner.innerText(), /緊急照会/);
  await shot(page, '20-home-provider-tablet-ja');
  await assertAccessible(page, 'provider home (tablet)');
  await banner.getByRole('link', { name: emergency.reference }).click();
  await page.locator('.emergency-banner').waitFor();
  assert.match(await page.locator('.badge.deadline').innerText(), /残り/);
  await shot(page, '21-emergency-request-tablet-ja');
  await assertAccessible(page, 'emergency request (tablet)');

  const civil = demoRequest('civil disclosure');
  await page.goto(`${ui.hub.url}/requests/${civil.id}`);
  const opinion = page.locator('#opinion');
  await opinion.waitFor();
  assert.match(await opinion.innerText(), /発信者の意見を待っています/);
  // The demo's hearing runs through its letter: the opinion is recorded by deciding on the hearing (the
  // subscriber's reply, or the two weeks run out), never written in by hand over it.
  const hearing = page.locator('[data-testid="hearing-status"]');
  await hearing.waitFor();
  assert.equal(await hearing.getAttribute('data-status'), 'awaiting_reply');
  assert.equal(await page.getByLabel('意見の内容').count(), 0, 'no opinion by hand over the letter');
  assert.equal(await page.getByRole('button', { name: '発信者の意見を記録' }).count(), 0);
  await shot(page, '22-opinion-hearing-letter-tablet-ja');
  await assertAccessible(page, 'opinion hearing');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('auditor: the audit log verifies', async () => {
  const { context, page } = await ui.signedIn('auditor');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '監査ログの検証' }).click();
  const result = page.locator('[data-testid="audit-result"]');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-ok'), 'true');
  await shot(page, '23-audit-verification-ja');
  await assertAccessible(page, 'audit verification');
  await context.close();
});

test('administrators: organisations; units, users, keys and the provider policy of their own', async () => {
  // The hub's administrator registers organisations.
  {
    const { context, page } = await ui.signedIn('admin', '/', { lang: 'en' });
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Organisations' }).waitFor();
    await page.getByLabel('Kind').selectOption('provider');
    await page.getByLabel('Name (Japanese) *').fill('みなと通信株式会社');
    await page.getByLabel('Name (English) *').fill('Minato Telecom K.K.');
    await page.getByLabel('Telecom carrier').check();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: 'Minato Telecom K.K.' }).waitFor();
    await page.getByRole('link', { name: 'All organisations' }).click();
    await page.getByRole('link', { name: 'Minato Telecom K.K.' }).waitFor();
    await shot(page, '24-admin-organisations-en');
    await assertAccessible(page, 'admin organisations');
    await context.close();
  }
  // The board's own administrator: a unit, a user, a key rotation and a stricter policy.
  const { context, page } = await ui.signedIn('board.admin', '/', { lang: 'en' });
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: /Manage my organisation/ }).click();
  await page.getByRole('heading', { name: 'Provider policy' }).waitFor();
  assert.equal(await page.getByLabel('Access log: Minimum basis').inputValue(), 'inquiry');
  await page.getByLabel('Name (Japanese) *').fill('第二窓口');
  await page.getByLabel('Name (English) *').fill('Second desk');
  await page.getByRole('button', { name: 'Add unit' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Second desk' }).waitFor();
  const userForm = page.getByRole('form', { name: 'Add a user' });
  await userForm.getByLabel('Login *').fill('board.intake2');
  await userForm.getByLabel('Display name *').fill('さくら掲示板 受付2');
  assert.equal(await userForm.getByLabel(/Password/).count(), 0, 'the person chooses their own password');
  await userForm.getByLabel('Provider intake').check();
  await userForm.getByRole('button', { name: 'Add user' }).click();
  await page.getByText(/User added\. Enrolment code: ([A-Z2-7]{4}-){4}[A-Z2-7]{4} \(valid until /).waitFor();
  await page.getByRole('cell', { name: 'さくら掲示板 受付2' }).waitFor();
  await page
    .getByRole('row', { name: /board\.intake2/ })
    .getByText(/^Awaiting enrolment \(until /)
    .waitFor();
  const keyRows = page.locator('table').filter({ hasText: 'Fingerprint' }).locator('tbody tr');
  // Counted once the keys are listed; then a row past that count is the new key (the users' and the
  // policy's tables have rows too, so counting every table's rows would be true at once).
  await keyRows.first().waitFor();
  const before = await keyRows.count();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await keyRows.nth(before).waitFor();
  // The new key's owner reads as the form offered it: its kind in words and its name, never "unit: unit_…".
  const keyForm = page.getByRole('form', { name: 'Create or rotate a key' });
  const chosenOwner = () => keyForm.getByLabel('Owner').locator('option:checked').innerText();
  const newKeyOwner = keyRows.nth(before).locator('td').first();
  assert.match(await chosenOwner(), /^Unit: \S/);
  assert.equal(await newKeyOwner.innerText(), await chosenOwner());
  for (const owner of await keyRows.locator('td:first-of-type').allInnerTexts())
    assert.doesNotMatch(owner, /^(?:unit|organisation|user|client|system)\b|\b(?:unit|org|usr|cli)_[0-9a-f]{8}/);
  await page.getByLabel('Content: Minimum basis').selectOption('never');
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await page.getByText('Saved.').first().waitFor();
  await shot(page, '25-admin-provider-own-en');
  await assertAccessible(page, 'admin provider page');
  // In Japanese, the same owner: 所属 and the unit's name.
  await page.getByRole('button', { name: '日本語' }).click();
  const jaOwner = page
    .getByRole('table', { name: '鍵', exact: true })
    .locator('tbody tr')
    .nth(before)
    .locator('td')
    .first();
  const jaForm = page.getByRole('form', { name: '鍵の作成・更新' });
  assert.match(await jaOwner.innerText(), /^所属: \S/);
  assert.equal(await jaOwner.innerText(), await jaForm.getByLabel('保有者').locator('option:checked').innerText());
  assert.deepEqual(jsErrors(page), []);
  await context.close();

  // The published policy now refuses content even under a warrant, as the investigator's editor says.
  const sato = await ui.hub.api('sato');
  const orgs = await sato<List<Organisation>>('GET', '/v1/organisations?kind=provider');
  const board = orgs.body.items.find((o) => o.nameEn === 'Sakura Board K.K.');
  assert.ok(board, 'the demo board is listed');
  const check = await sato<PolicyCheck>('POST', '/v1/policy-check', {
    kind: 'warrant',
    providerOrganisationId: board.id,
    categories: ['content'],
  });
  assert.equal(check.status, 200);
  assert.equal(check.body.ok, false);
});

test('judge: a warrant attested by the court', async () => {
  const { context, page } = await ui.signedIn('judge');
  // The judge signs with his own passkey (the hub holds no court key): his device's authenticator.
  await givePasskey({ context, page }, ui.hub, 'judge');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '令状の電子署名' }).click();
  await page.getByRole('heading', { name: '令状の電子署名' }).waitFor();
  await page.getByLabel('令状番号 *').fill('令和8年(む)第900号');
  await page.getByLabel('照会元 *').selectOption({ label: '警視庁' });
  await page.getByLabel('照会先の事業者 *').selectOption({ label: '日本ネットワーク通信株式会社' });
  await page.getByLabel('対象の一覧（1行に1件）').fill('203.0.113.7:40211 2026-03-29 01:30:12');
  await page.getByLabel('通信履歴（接続記録）').check();
  const now = new Date(Date.now() + 9 * 3600_000);
  const wall = (d: Date) => d.toISOString().slice(0, 19);
  await page
    .locator('fieldset')
    .filter({ hasText: '発付日時' })
    .locator('input.wall-time')
    .fill(wall(new Date(now.getTime() - 60_000)));
  await page
    .locator('fieldset')
    .filter({ hasText: '有効期間の末日' })
    .locator('input.wall-time')
    .fill(wall(new Date(now.getTime() + 7 * 86400_000)));
  await page.getByRole('button', { name: '署名する' }).click();
  await page.locator('[data-testid="attest-signature"]').waitFor();
  assert.match(await page.locator('[data-testid="attest-signature"]').innerText(), /^wa1(\.[A-Za-z0-9_-]+){3}$/);
  await shot(page, '26-warrant-attestation-ja');
  await assertAccessible(page, 'warrant attestation');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
