// Do-not-notify in a real browser (issue 15): the investigator marks an inquiry 秘匿 with its legal
// basis; the board operator's reviewer sees the mark and is offered no hearing of the subscriber.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillInquiry } from './steps.ts';
import { assertAccessible, jsErrors, requestIdOf, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('a do-not-notify request is refused a hearing, with its legal basis shown', async () => {
  const inv = await ui.signedIn('sato', '/requests/new');
  await inv.page.getByRole('heading', { name: '照会の起案' }).waitFor();
  await fillInquiry(inv.page, {
    provider: 'さくら掲示板株式会社',
    caseReference: '令和8年 第5151号 詐欺被疑事件',
    offence: '詐欺（刑法246条）',
    facts: '掲示板の書込みで誘い出し、代金をだまし取った。',
    necessity: '書込み者を特定するため。',
    targets: 'https://sakura-board.example/thread/5151#res-9',
  });
  await inv.page.getByLabel('通信履歴（接続記録）').check();
  await inv.page.getByLabel('契約者情報').uncheck();
  await inv.page.getByLabel('契約者への意見照会・通知を行わないよう求める').check();
  await inv.page.locator('textarea[name="secrecyReason"]').fill('被疑者に察知されると証拠を消去されるおそれがある。');
  await shot(inv.page, '45-editor-do-not-notify-ja');
  await assertAccessible(inv.page, 'editor with do-not-notify');
  await inv.page.getByRole('button', { name: '保存して決裁に回す' }).click();
  await inv.page.locator('.badge.state-awaiting_approval').waitFor();
  const id = requestIdOf(inv.page);
  assert.match(await inv.page.locator('[data-testid="do-not-notify"]').innerText(), /刑事訴訟法第197条第5項/);

  const head = await ui.hub.api('tanaka');
  const preview = await head<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  const approved = await head('POST', `/v1/requests/${id}/transitions`, ui.hub.approval('tanaka', preview.body.digest));
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  const prov = await ui.signedIn('board.legal', `/requests/${id}`);
  await prov.page.getByRole('button', { name: '審査を開始' }).click();
  await prov.page.locator('.badge.state-under_review').waitFor();
  const mark = prov.page.locator('[data-testid="do-not-notify"]');
  assert.match(await mark.innerText(), /意見照会・通知はできません/);
  assert.match(await mark.innerText(), /刑事訴訟法第197条第5項/);
  assert.equal(await prov.page.getByRole('button', { name: '発信者への意見照会を開始する' }).count(), 0);
  await shot(prov.page, '46-provider-do-not-notify-ja');
  await assertAccessible(prov.page, 'provider page with do-not-notify');
  // Asked anyway (another client, a script): refused with the basis.
  const board = await ui.hub.api('board.legal');
  const refused = await board<{ error: { code: string; message: { en: string } } }>(
    'POST',
    `/v1/requests/${id}/transitions`,
    { action: 'start_opinion_hearing' },
  );
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'DO_NOT_NOTIFY');
  await prov.page.getByRole('button', { name: 'English' }).click();
  await prov.page.getByText('This request asks that the subscriber not be told: no hearing, no notice.').waitFor();
  for (const d of [inv, prov]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([inv.context.close(), prov.context.close()]);
});
