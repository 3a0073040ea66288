// The duty approver in the browser (issue 15): the unit head designates a member on the duty page and
// signs it on his passkey; the member, on duty, registers his own passkey and approves an emergency on
// the approval page; the provider's check names him as the unit's duty approver.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, givePasskey, jsErrors, platformAuthenticator, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('the head designates, the duty approver approves an emergency on his own passkey', async () => {
  const head = await ui.signedIn('tanaka');
  await givePasskey(head, ui.hub, 'tanaka');
  const errors = jsErrors(head.page);
  await head.page.getByRole('link', { name: '当直責任者' }).click();
  await head.page.getByRole('heading', { name: '当直責任者の指定' }).waitFor();
  await head.page.getByLabel('当直責任者 *').selectOption({ label: '伊藤 警部補' });
  const jst = new Date(Date.now() + 9 * 3600_000);
  const wall = (d: Date) => d.toISOString().slice(0, 19);
  await head.page
    .locator('fieldset')
    .filter({ hasText: '開始' })
    .locator('input.wall-time')
    .fill(wall(new Date(jst.getTime() - 60_000)));
  await head.page
    .locator('fieldset')
    .filter({ hasText: '終了' })
    .locator('input.wall-time')
    .fill(wall(new Date(jst.getTime() + 12 * 3600_000)));
  await head.page.getByLabel('理由 *').fill('所属長出張のため');
  await head.page.getByRole('button', { name: '認証器で署名して指定する' }).click();
  const row = head.page.locator('[data-testid="duty-designations"] tr[data-status="active"]');
  await row.waitFor();
  assert.match(await row.innerText(), /伊藤 警部補[\s\S]*緊急照会[\s\S]*当直中/);
  await shot(head.page, 'duty-designation-ja');
  await assertAccessible(head.page, 'duty page');
  assert.deepEqual(errors, []);

  // An emergency drafted by another investigator awaits approval.
  const sato = await ui.hub.api('sato');
  const boardId = (
    await ui.hub.ctx.store.db
      .selectFrom('organisations')
      .select('id')
      .where('name_en', '=', 'Sakura Board K.K.')
      .executeTakeFirstOrThrow()
  ).id;
  const d = await sato<{ id: string }>('POST', '/v1/requests', {
    content: {
      kind: 'emergency',
      providerOrganisationId: boardId,
      facts: '掲示板に今夜命を絶つとの書込み（当直）。',
      necessity: '人命保護のため直ちに発信者を特定する。',
      targets: [{ type: 'account', id: 'duty-browser-1' }],
      categories: ['subscriber'],
      emergency: {
        basis: 'suicide_notice',
        conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
        statement: '今夜と時期が示されている。',
      },
    },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  await sato('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });

  // Ito, on duty: his browser has an authenticator but no credential yet; he registers it, then signs.
  const ito = await ui.signedIn('ito');
  await platformAuthenticator(ito.context, ito.page);
  await ito.page.goto(`${ui.hub.url}/requests/${d.body.id}/approve`);
  const register = ito.page.getByRole('button', { name: 'パスキーを登録する' });
  await register.waitFor();
  await register.click();
  await ito.page.locator('[data-testid="passkey-hint"]').waitFor();
  await ito.page.locator('.check-line input[type="checkbox"]').check();
  await ito.page.getByRole('button', { name: '署名して発出する' }).click();
  await ito.page.waitForURL(new RegExp(`/requests/${d.body.id}$`));
  await ito.page.locator('.badge.state-received').waitFor();
  const board = await ui.hub.api('board.legal');
  const seen = await board<{ verification: { ok: boolean; checks: Array<{ name: string; message: { ja: string } }> } }>(
    'GET',
    `/v1/requests/${d.body.id}`,
  );
  assert.equal(seen.body.verification.ok, true, JSON.stringify(seen.body.verification));
  assert.match(
    seen.body.verification.checks.find((c) => c.name === 'approver_authority')?.message.ja ?? '',
    /当直責任者/,
  );
});
