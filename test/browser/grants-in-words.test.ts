// The people page in a real browser says what is true of each privileged role: the organisation's first
// administrator, registered by the installation's operator, is said as such in the decided grants (no more
// "held from before the two-person rule"); a role granted and awaiting its countersignature shows among the
// person's roles over time apart, as pending and not held — in Japanese and in English, no id or code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardAdminAtBoard } from './arrange.ts';
import { grantRoleOnPage } from './steps.ts';
import { onDesk, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the first administrator's grant and a pending one are said as what they are", async () => {
  const { desk: admin, row } = await boardAdminAtBoard(ui);
  await onDesk(admin, async () => {
    await grantRoleOnPage(admin.page, 'さくら掲示板 法務 (board.legal)', '管理者');

    await row.getByText('board.legal の役割の経緯').click();
    const pending = row.locator('[data-testid="roles-pending"] li');
    await pending.first().waitFor();
    const waiting = await pending.allInnerTexts();
    assert.equal(waiting.length, 1, waiting.join('\n'));
    const at = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00`;
    assert.match(
      waiting[0] ?? '',
      new RegExp(
        `^管理者: ${at} に付与（.+（board\\.admin））、二人目の管理者か鍵管理責任者の副署待ち — まだ保持していません$`,
      ),
    );
    await row.getByText('付与済みで二人目の副署待ちの役割（まだ保持していません）').waitFor();
    const held = await row.locator('[data-testid="role-periods"] li').allInnerTexts();
    assert.ok(!held.some((l) => l.startsWith('管理者')), `not among the periods: ${held.join('\n')}`);

    const grants = admin.page.getByRole('region', { name: '権限付与への副署（副署待ち 1 件）' });
    await grants.getByText(/決着した権限付与/).click();
    const first = grants.locator('[data-uncountersigned="first_admin"]');
    await first.waitFor();
    assert.match(await first.innerText(), /組織の最初の管理者として設置の運用者が登録時に付与/);
    assert.doesNotMatch(await admin.page.locator('body').innerText(), /二人制の導入前/);
    assert.doesNotMatch(waiting.join('\n'), /usr_|grant_/);
    await shot(admin.page, 'grants-in-words-ja');
  });

  const { desk: abroad, row: enRow } = await boardAdminAtBoard(ui, { lang: 'en', timezoneId: 'America/New_York' });
  await onDesk(abroad, async () => {
    await enRow.getByText('Roles of board.legal over time').click();
    const pending = enRow.locator('[data-testid="roles-pending"] li');
    await pending.first().waitFor();
    assert.match(
      await pending.first().innerText(),
      new RegExp(
        String.raw`^Administrator: granted .+ -05:00 by .+ \(board\.admin\), awaiting a second administrator's ` +
          "or the key officer's countersignature — not held yet$",
      ),
    );
    const grants = abroad.page.getByRole('region', { name: 'Countersigning role grants (1 waiting)' });
    await grants.getByText(/Decided grants/).click();
    assert.match(
      await grants.locator('[data-uncountersigned="first_admin"]').innerText(),
      /the organisation's first administrator, given the role at registration by the installation's operator/,
    );
  });
});
