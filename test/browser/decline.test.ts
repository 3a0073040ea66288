// A provider's legal officer declines a request in the browser: declining cannot be undone, so the
// first press only says what follows and asks again; going back leaves the request as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('declining asks again before it acts, and going back leaves the request under review', async () => {
  const warrant = ui.hub.demo.requests.find((r) => r.kind === 'warrant' && r.state === 'under_review');
  assert.ok(warrant, 'the demo has a warrant under review at the carrier');
  const prov = await ui.signedIn('isp.legal', `/requests/${warrant.id}`);
  const page = prov.page;
  await page.locator('.badge.state-under_review').waitFor();
  // The warrant names its issuing court; the court's key id is for programs, never shown.
  const content = page.locator('.content-view');
  await content.getByText('東京地方裁判所').waitFor();
  assert.doesNotMatch(await content.innerText(), /key_|裁判所の鍵ID/);
  // A warrant is declined for reasons that fit it: no "a warrant is required", no civil requirement.
  const reasons = await page.getByLabel('拒否の理由').locator('option').allInnerTexts();
  assert.ok(reasons.includes('当社の利用者ではない'), reasons.join());
  for (const misplaced of ['令状が必要', '権利侵害が明らかでない', '開示を受けるべき正当な理由がない']) {
    assert.ok(!reasons.includes(misplaced), `${misplaced} offered on a warrant`);
  }
  await page.getByLabel('拒否の理由').selectOption({ label: '当社の利用者ではない' });

  await page.getByRole('button', { name: '回答を拒否する' }).click();
  const step = page.locator('[data-testid="confirm-step"]');
  assert.match(await step.getByRole('alert').innerText(), /当社の利用者ではない.*あとから回答できません/);
  await shot(page, 'decline-01-confirm-ja');
  await assertAccessible(page, 'decline confirmation');
  await step.getByRole('button', { name: '戻る' }).click();
  assert.equal(await step.count(), 0);
  const isp = await ui.hub.api('isp.legal');
  const still = await isp<{ state: string }>('GET', `/v1/requests/${warrant.id}`);
  assert.equal(still.body.state, 'under_review', 'the first press declined nothing');

  await page.getByRole('button', { name: '回答を拒否する' }).click();
  await page.getByRole('button', { name: '確定：回答を拒否する' }).click();
  await page.locator('.badge.state-declined').waitFor();
  assert.deepEqual(jsErrors(page), []);
  await prov.context.close();
});

test('a civil disclosure is declined for the civil requirements, never for want of a warrant', async () => {
  const civil = ui.hub.demo.requests.find((r) => r.kind === 'civil_disclosure' && r.state === 'awaiting_opinion');
  assert.ok(civil, 'the demo has a civil disclosure at the board');
  const prov = await ui.signedIn('board.legal', `/requests/${civil.id}`);
  // allInnerTexts does not wait: the page must have drawn the decline form first.
  const select = prov.page.getByLabel('拒否の理由');
  await select.waitFor();
  const reasons = await select.locator('option').allInnerTexts();
  assert.ok(reasons.includes('権利侵害が明らかでない'), reasons.join());
  assert.ok(reasons.includes('開示を受けるべき正当な理由がない'), reasons.join());
  assert.ok(!reasons.includes('令状が必要'), reasons.join());
  // The requester is the law office, named once (it is its own unit).
  assert.match(
    await prov.page.locator('dl.facts').first().innerText(),
    /請求元（法律事務所）\s+乙川綜合法律事務所\s+照会先/,
  );
  // The signer is the claimant's lawyer: the countersignature line names a lawyer's role, not a unit head's.
  const credential = await prov.page.getByTestId('approver-credential').innerText();
  assert.match(credential, /弁護士の権限/);
  assert.doesNotMatch(credential, /所属長/);
  await prov.context.close();
});

test("the judge's decline of a warrant application asks again before it acts", async () => {
  const judge = await ui.signedIn('judge', '/warrant-applications');
  const page = judge.page;
  await page.getByRole('row').filter({ hasText: '裁判所で審査中' }).first().getByRole('link').click();
  await page.getByRole('heading', { name: /令状請求 WA-/ }).waitFor();
  await page.getByLabel('理由・連絡事項').fill('疎明資料が不足している。');
  await page.getByRole('button', { name: '却下する' }).click();
  const step = page.locator('[data-testid="confirm-step"]');
  assert.match(await step.getByRole('alert').innerText(), /却下した請求は発付できません/);
  await step.getByRole('button', { name: '戻る' }).click();
  assert.equal(await step.count(), 0, 'going back declines nothing');
  assert.match(await page.locator('main').innerText(), /裁判所で審査中/);
  await page.getByRole('button', { name: '却下する' }).click();
  await page.getByRole('button', { name: '確定：却下する' }).click();
  await page.locator('[data-testid="wapp-declined"]').waitFor();
  assert.deepEqual(jsErrors(page), []);
  await judge.context.close();
});
