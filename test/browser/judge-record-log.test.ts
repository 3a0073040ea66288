// A judge's record forged with a key row written straight into the hub's keys table, in a real browser:
// the judge's page and the provider's request page say, in Japanese and in English, that its signing key
// is not in the hub's signed directory log (highlighted, never "verified"), and that the hub accepts no
// answer while the suit stands recorded as pending, which the provider's installation would ignore.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgedOnIssuedOrder } from '../support/forged-record.ts';
import { jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a filing signed by a key row the directory log does not show reads 'not in the log', ja and en", async () => {
  const { orderId, requestId } = await forgedOnIssuedOrder(ui.hub, '9601');

  const court = await ui.signedIn('judge', `/disclosure-orders/${orderId}`);
  const prov = await ui.signedIn('board.legal', `/requests/${requestId}`);
  try {
    for (const desk of [court, prov]) {
      const standing = desk.page.locator('[data-testid="order-standing"]');
      await standing.locator('[data-testid="standing-label"]').filter({ hasText: '係属中' }).waitFor();
      const sig = standing.locator('[data-testid="objection-signature"]');
      assert.match(await sig.innerText(), /^検証できません（署名の鍵がハブの署名済みディレクトリログにありません）/);
      assert.match((await sig.getAttribute('class')) ?? '', /notice-error/);
      assert.match(
        await standing.locator('[data-testid="held-as-recorded"]').innerText(),
        /記録どおり回答を受け付けません/,
      );
    }
    assert.equal(await prov.page.locator('#answer-form').count(), 0, 'no answer is offered');
    await shot(prov.page, 'judge-record-not-in-log-ja');
    await prov.page.getByRole('button', { name: 'English' }).click();
    const standing = prov.page.locator('[data-testid="order-standing"]');
    await standing
      .locator('[data-testid="objection-signature"]')
      .filter({ hasText: "Not verified (the signing key is not in the hub's signed directory log)" })
      .waitFor();
    assert.match(
      await standing.locator('[data-testid="held-as-recorded"]').innerText(),
      /yet the hub accepts no answer/,
    );
    await shot(prov.page, 'judge-record-not-in-log-en');
    for (const d of [court, prov]) assert.deepEqual(jsErrors(d.page), []);
  } finally {
    await Promise.all([court.context.close(), prov.context.close()]);
  }
});
