// An erasure-prohibition order (消去禁止命令) in a real browser (issue 15 item 2): on its pending
// disclosure-order case against the access provider the lawyer applies for the order; the judge issues
// it on the case's page with his own passkey; the access provider's court-orders page shows the judge's
// signature as valid, and it receives the order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, jsErrors, jstNowNotBefore, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('lawyer applies → judge issues with his passkey → the access provider checks and receives it', async () => {
  // The case against the access provider, filed through the API.
  const lawyer = await ui.hub.api('lawyer');
  const orgs = await lawyer<{ items: Array<{ id: string; nameEn: string; kind: string }> }>('GET', '/v1/organisations');
  const idOf = (name: string) => orgs.body.items.find((o) => o.nameEn === name)?.id ?? assert.fail(name);
  const filed = await lawyer<{ id: string }>('POST', '/v1/disclosure-order-applications', {
    courtOrganisationId: idOf('Tokyo District Court'),
    providerOrganisationId: idOf('Nihon Network Communications K.K.'),
    caseReference: '当事務所 2026-民-091',
    claimant: '佐藤 一郎',
    rights: ['honour'],
    rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation: ['name', 'address'],
    targets: [{ type: 'ip', address: '203.0.113.91', port: 50091, at: '2026-11-20T09:15:00+09:00' }],
    facts: '掲示板の開示によりこの接続元が判明した。',
    necessity: '損害賠償請求の相手方を特定するため。',
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const casePath = `/disclosure-orders/${filed.body.id}`;

  // 1. The lawyer applies for the erasure prohibition on the case's page.
  const law = await ui.signedIn('lawyer', casePath);
  const panel = law.page.locator('#ancillary-orders');
  await panel.getByLabel('消去禁止命令').check();
  await panel
    .getByLabel('必要性（疎明）')
    .fill('相手方の接続記録の保存期間は3か月であり、審理中に消去されるおそれがある。');
  await panel.getByRole('button', { name: 'この命令を申し立てる' }).click();
  await panel.locator('[data-testid="ancillary-order"][data-state="filed"]').waitFor();
  const appliedAt = Date.now();
  await shot(law.page, 'aorder-01-applied-ja');
  await assertAccessible(law.page, 'case page with an ancillary order');

  // 2. The judge issues it with his own passkey on the case's page.
  const judge = await ui.deskWithPasskey('judge');
  await signIn(judge.page, ui.hub, 'judge', casePath);
  const card = judge.page.locator('[data-testid="ancillary-order"]');
  const issue = card.getByRole('form', { name: '付随命令を発令する（パスキーで署名）' });
  await issue.getByLabel('事件番号').fill('令和8年(発チ)第9101号');
  await issue
    .locator('fieldset.instant')
    .filter({ hasText: '命令の日時' })
    .locator('input.wall-time')
    .fill(await jstNowNotBefore(appliedAt));
  await issue
    .getByLabel('命令の主文')
    .fill('相手方は、本案事件が終了するまでの間、別紙発信者情報目録記載の情報を消去してはならない。');
  await issue.getByRole('button', { name: '付随命令を発令する（パスキーで署名）' }).click();
  await judge.page.locator('[data-testid="ancillary-order"][data-state="issued"]').waitFor();
  await shot(judge.page, 'aorder-02-issued-ja');

  // 3. The access provider: the judge's signature checked, then received.
  const isp = await ui.signedIn('isp.legal', '/court-orders');
  // (The demo's own chain holds another order of the ISP's: this one is found by its case number.)
  const order = isp.page.locator('[data-testid="ancillary-order"]').filter({ hasText: '令和8年(発チ)第9101号' });
  await order.locator('[data-testid="order-signature"]').filter({ hasText: '裁判官の電子署名は有効です' }).waitFor();
  assert.doesNotMatch(await order.innerText(), /保存期間は3か月/, "the lawyer's reasons are not the provider's");
  await assertAccessible(isp.page, "the provider's court orders");
  const receive = order.getByRole('button', { name: '署名を確認して受領する' });
  await receive.click();
  // The button's own words hold 受領: wait for the line that says when it was received, and the button gone.
  await order.getByText(/^受領: /).waitFor();
  await receive.waitFor({ state: 'detached' });
  await shot(isp.page, 'aorder-03-received-ja');
  for (const d of [law, judge, isp]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([law.context.close(), judge.context.close(), isp.context.close()]);
});
