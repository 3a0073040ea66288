// An administrator ends a person's role on the people page while the account stays, then grants it again,
// in a real browser: the end first asks again and says what follows; the person keeps their other roles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the board's administrator ends the legal officer's role, then grants it again", async () => {
  const admin = await ui.signedIn('board.admin', '/admin');
  try {
    await admin.page
      .getByRole('link', { name: /さくら掲示板/ })
      .first()
      .click();
    const row = admin.page.getByRole('row', { name: /board\.legal/ });
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).click();
    const step = row.locator('[data-testid="confirm-step"]');
    assert.match(await step.getByRole('alert').innerText(), /アカウントは残ります/);
    await step.getByRole('button').first().click();
    // The role is no longer held (its end button goes); the other stays.
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'board.legal の「データ抽出担当」を終了' }).waitFor();
    assert.equal(await row.getByRole('button', { name: 'board.legal を無効にする' }).count(), 1, 'the account stays');

    const form = admin.page.getByRole('form', { name: '登録済みの人に役割を付与' });
    await form.getByLabel('付与する人').selectOption({ label: 'さくら掲示板 法務 (board.legal)' });
    await form.getByLabel('役割').selectOption({ label: '法務担当' });
    await form.getByRole('button', { name: '登録済みの人に役割を付与' }).click();
    await form.getByRole('status').getByText('board.legal に「法務担当」を付与しました。').waitFor();
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).waitFor();
    await shot(admin.page, 'role-end-admin-ja');
    assert.deepEqual(jsErrors(admin.page), []);
  } finally {
    await admin.context.close();
  }
});
