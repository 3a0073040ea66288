// An administrator ends a person's role on the people page while the account stays, then grants it again,
// in a real browser: the end first asks again and says what follows; the person keeps their other roles.
// The page then shows the role's two periods, each instant in the viewer's zone with its offset, who acted
// by name, no id or code — in Japanese, and in English for a viewer in New York.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardAdminAtBoard } from './arrange.ts';
import { grantRoleOnPage } from './steps.ts';
import { onDesk, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the board's administrator ends the legal officer's role, then grants it again", async () => {
  const { desk: admin, row } = await boardAdminAtBoard(ui);
  await onDesk(admin, async () => {
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).click();
    const step = row.locator('[data-testid="confirm-step"]');
    assert.match(await step.getByRole('alert').innerText(), /アカウントは残ります/);
    await step.getByRole('button').first().click();
    // The role is no longer held (its end button goes); the other stays.
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'board.legal の「データ抽出担当」を終了' }).waitFor();
    assert.equal(await row.getByRole('button', { name: 'board.legal を無効にする' }).count(), 1, 'the account stays');

    const granted = await grantRoleOnPage(admin.page, 'さくら掲示板 法務 (board.legal)', '法務担当');
    await granted.getByText('board.legal に「法務担当」を付与しました。').waitFor();
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).waitFor();

    await row.getByText('board.legal の役割の経緯').click();
    const periods = row.locator('[data-testid="role-periods"] li');
    await periods.first().waitFor();
    const ja = await periods.allInnerTexts();
    const legal = ja.filter((l) => l.startsWith('法務担当'));
    assert.equal(legal.length, 2, ja.join('\n'));
    const at = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00`;
    const by = String.raw`.+（board\.admin）`;
    assert.match(legal[0] ?? '', new RegExp(`^法務担当: ${at} から（利用者の登録時から） — ${at} に終了（${by}）$`));
    assert.match(legal[1] ?? '', new RegExp(`^法務担当: ${at} から（付与: ${by}） — 現在も保持$`));
    assert.doesNotMatch(ja.join('\n'), /usr_|grant_|provider_legal/);
    await shot(admin.page, 'role-end-admin-ja');
  });

  const { desk: abroad, row: abroadRow } = await boardAdminAtBoard(ui, { lang: 'en', timezoneId: 'America/New_York' });
  await onDesk(abroad, async () => {
    await abroadRow.getByText('Roles of board.legal over time').click();
    const periods = abroadRow.locator('[data-testid="role-periods"] li');
    await periods.first().waitFor();
    const en = (await periods.allInnerTexts()).filter((l) => l.startsWith('Provider legal reviewer'));
    assert.equal(en.length, 2, en.join('\n'));
    const ended = / -05:00 \(held since the person was registered\) — ended .+ -05:00 \(by: .+\(board\.admin\)\)$/;
    assert.match(en[0] ?? '', ended);
    assert.match(en[1] ?? '', /-05:00 \(granted by: .+ \(board\.admin\)\) — held now$/);
  });
});
