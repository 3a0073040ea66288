// The people page's "roles over time" panel, left open, follows what is done on the same page: a role ended
// there shows as ended, and granted again as a new period — without closing and opening the panel again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardAdminAtBoard } from './arrange.ts';
import { grantRoleOnPage } from './steps.ts';
import { onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('an open roles-over-time panel shows a role ended and granted again on the same page', async () => {
  const { desk: admin, row } = await boardAdminAtBoard(ui);
  await onDesk(admin, async () => {
    await row.getByText('board.legal の役割の経緯').click();
    const legal = row.locator('[data-testid="role-periods"] li').filter({ hasText: /^法務担当/ });
    await legal.first().waitFor();
    assert.deepEqual(
      (await legal.allInnerTexts()).map((l) => l.replace(/^.* — /, '')),
      ['現在も保持'],
      'held before the end',
    );

    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).click();
    await row.locator('[data-testid="confirm-step"]').getByRole('button').first().click();
    await row.getByRole('button', { name: 'board.legal の「法務担当」を終了' }).waitFor({ state: 'detached' });
    // The panel, still open, reads the periods again: the role is ended there too.
    await legal.filter({ hasText: /に終了（.+（board\.admin）） *$/ }).waitFor({ timeout: 5000 });
    assert.equal(await legal.count(), 1, (await legal.allInnerTexts()).join('\n'));
    assert.doesNotMatch((await legal.allInnerTexts()).join('\n'), /現在も保持/);

    const granted = await grantRoleOnPage(admin.page, 'さくら掲示板 法務 (board.legal)', '法務担当');
    await granted.getByText('board.legal に「法務担当」を付与しました。').waitFor();
    // Granted again: a second period, held now, in the same open panel.
    await legal.nth(1).waitFor({ timeout: 5000 });
    const after = await legal.allInnerTexts();
    assert.equal(after.length, 2, after.join('\n'));
    assert.match(after[1] ?? '', /（付与: .+（board\.admin）） — 現在も保持$/);
    assert.equal(
      await row
        .locator('details')
        .first()
        .evaluate((d) => 'open' in d && d.open === true),
      true,
    );
  });
});
