// Outgoing mutual legal assistance in the browser (issue 15): the request page of a signed MLAT request
// shows the treaty, the route through the central authority and what is awaited; the investigator
// records the NPA's approval with its time and reference, and the route moves on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('the route of an MLAT request: treaty, hops, the NPA approval recorded, sending next', async () => {
  const mlat = ui.hub.demo.requests.find((r) => r.kind === 'mlat');
  assert.ok(mlat, 'the demo has an MLAT request');
  const inv = await ui.signedIn('sato');
  const errors = jsErrors(inv.page);
  await inv.page.goto(`${ui.hub.url}/requests/${mlat.id}`);
  const panel = inv.page.locator('#mlat-route');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /日米刑事共助条約/);
  assert.match(text, /警察庁（中央当局）[\s\S]*処理中/);
  assert.match(text, /相手国の当局[\s\S]*未着手/);
  assert.match(text, /待っているもの: 審査・承認（次へ送付） — 警察庁（中央当局）/);

  const jst = new Date(Date.now() + 9 * 3600_000 + 1000);
  await panel.locator('input.wall-time').fill(jst.toISOString().slice(0, 19));
  await panel.getByLabel('担当者（氏名・役職）').fill('警察庁 国際捜査管理官 山田');
  await panel.getByLabel('相手方の文書番号').fill('警察庁丁国第123号');
  await panel.getByRole('button', { name: '経過を記録する' }).click();
  await panel.locator('table tbody tr', { hasText: '警察庁丁国第123号' }).waitFor();
  const after = await panel.innerText();
  assert.match(after, /警察庁（中央当局）[\s\S]*済/);
  assert.match(after, /待っているもの: 相手国へ送付/);
  assert.match(await panel.locator('select').first().innerText(), /相手国へ送付/);
  await shot(inv.page, 'mlat-route-ja');
  await assertAccessible(inv.page, 'MLAT route panel');
  assert.deepEqual(errors, []);
});
