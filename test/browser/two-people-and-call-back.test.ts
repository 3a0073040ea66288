// What one compromised account must not be enough for: an administrator's new unit head waits for a
// second person's countersignature, and an emergency signed with a new credential is answered only
// after the provider records a call-back to the number the directory registers for the unit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** A fresh desk with `login` signed in, on the Tokyo police's page of the administration. */
async function atPoliceAdmin(login: string) {
  const desk = await ui.signedIn(login);
  await desk.page.goto(`${ui.hub.url}/admin`);
  await desk.page
    .getByRole('link', { name: /警視庁/ })
    .first()
    .click();
  return desk;
}

test('a new unit head waits for a second person; the key officer countersigns in the browser', async () => {
  const admin = await atPoliceAdmin('mpd.admin');
  const form = admin.page.getByRole('form', { name: '利用者の登録' });
  await form.getByLabel('ログインID').fill('head.two');
  await form.getByLabel('表示名').fill('二人目 所属長');
  await form.getByLabel('所属', { exact: true }).selectOption({ label: 'サイバー犯罪対策課 第一係' });
  await form.getByLabel('所属長（決裁者）').check();
  // Only the roles an agency's members may hold are offered.
  assert.equal(await form.getByLabel('裁判官').count(), 0);
  await form.getByRole('button', { name: /登録/ }).click();
  await admin.page.getByText(/副署待ちです/).waitFor();
  // The administrator who granted it cannot countersign it.
  const mine = admin.page.locator('[data-testid="pending-grants"] li', { hasText: 'head.two' });
  await mine.waitFor();
  assert.match(await mine.innerText(), /副署できません/);
  assert.equal(await mine.getByRole('button', { name: /副署する/ }).count(), 0);

  const officer = await atPoliceAdmin('mpd.keys');
  const pending = officer.page.locator('[data-testid="pending-grants"] li', { hasText: 'head.two' });
  await pending.waitFor();
  await shot(officer.page, '20-key-officer-countersigns-ja');
  await assertAccessible(officer.page, 'role grants');
  await pending.getByRole('button', { name: 'head.two への付与に副署する' }).click();
  await officer.page
    .locator('[data-testid="pending-grants"] li', { hasText: 'head.two' })
    .waitFor({ state: 'detached' });
  const users = await (await ui.hub.api('mpd.admin'))<{ items: Array<{ login: string; roles: string[] }> }>(
    'GET',
    '/v1/users',
  );
  assert.deepEqual(users.body.items.find((u) => u.login === 'head.two')?.roles, ['unit_head']);
});

test('an emergency signed with a new credential is answered only after the recorded call-back', async () => {
  const emergency = ui.hub.demo.requests.find((r) => r.summary.startsWith('emergency'));
  assert.ok(emergency);
  const prov = await ui.signedIn('board.legal', `/requests/${emergency.id}`);
  const banner = prov.page.locator('[data-testid="second-check"]');
  await banner.waitFor();
  // Said as a sentence: no "1分未満前に" (under a minute reads in words).
  assert.match(
    await banner.innerText(),
    /^決裁者の鍵は、登録から(1分も|\d+分しか)経たないうちに署名に使われました（基準 72 時間）$/,
  );
  // The number as dialled at home, the registered E.164 beside it.
  assert.equal(await prov.page.getByTestId('call-back-number').innerText(), '03-0000-0110（+81300000110）');
  assert.equal(await prov.page.locator('#answer-form').count(), 0, 'no answer form before the call-back');
  const credential = await prov.page.locator('[data-testid="approver-credential"]').innerText();
  assert.match(credential, /副署: 警視庁 システム管理者/);
  // A credential made minutes before signing reads as such, never as "0 hours".
  assert.match(
    credential,
    /決裁者の鍵は(、有効になってから1分も経たないうちに署名に使われました|署名の\d+分前に有効になりました)/,
  );
  assert.doesNotMatch(credential, /未満前/);
  // In English too, the warning begins a sentence with a capital.
  await prov.page.getByRole('button', { name: 'English' }).click();
  await prov.page.locator('[data-testid="second-check"]', { hasText: 'threshold' }).waitFor();
  assert.match(
    await prov.page.locator('[data-testid="second-check"]').innerText(),
    /^The approver's credential was registered only (seconds|\d+m) before signing \(threshold 72 hours\)$/,
  );
  assert.match(
    await prov.page.locator('[data-testid="approver-credential"]').innerText(),
    /^The approver's credential became valid (only seconds|\d+m) before signing/,
  );
  assert.equal(await prov.page.getByTestId('call-back-number').innerText(), '03-0000-0110 (+81300000110)');
  await prov.page.getByRole('button', { name: '日本語' }).click();
  await prov.page.locator('[data-testid="second-check"]', { hasText: '基準' }).waitFor();
  await shot(prov.page, '21-emergency-call-back-ja');
  await assertAccessible(prov.page, 'emergency call-back');
  await prov.page.getByLabel(/確認の記録/).fill('03-0000-0110 に折り返し、田中課長本人が照会を確認');
  await prov.page.getByRole('button', { name: '折り返し確認を記録する' }).click();
  await prov.page.locator('[data-testid="second-check-done"]').waitFor();
  await prov.page.locator('#answer-form').waitFor();
});
