// A judge's record signed with a key the hub's signed directory log shows, whose owner held no judge's role
// at the court when it was signed, in a real browser: the judge's page and the provider's request page say
// why it does not count — the signer was no judge of this court then — in Japanese and in English
// (highlighted, never "verified", nor the words of a record changed after signing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgedOnIssuedOrder } from '../support/forged-record.ts';
import { jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a record signed by no judge then reads 'not a judge of this court', ja and en", async () => {
  const { orderId, requestId } = await forgedOnIssuedOrder(ui.hub, '9602');
  const lawyer = await ui.hub.client('lawyer');
  // The hub's log grows by the key and the hub keeps its head: the key is in the log, its owner no judge.
  assert.equal((await lawyer.call('GET', '/v1/directory/export')).status, 200);

  const court = await ui.signedIn('judge', `/disclosure-orders/${orderId}`);
  const prov = await ui.signedIn('board.legal', `/requests/${requestId}`);
  try {
    for (const desk of [court, prov]) {
      const standing = desk.page.locator('[data-testid="order-standing"]');
      const sig = standing.locator('[data-testid="objection-signature"]');
      await sig.waitFor();
      assert.equal(await sig.getAttribute('data-state'), 'not_judge');
      assert.match(await sig.innerText(), /署名した時点で署名者はこの裁判所の裁判官ではありませんでした/);
      assert.match((await sig.getAttribute('class')) ?? '', /notice-error/);
    }
    await shot(prov.page, 'judge-record-not-judge-ja');
    await prov.page.getByRole('button', { name: 'English' }).click();
    await prov.page
      .locator('[data-testid="objection-signature"]')
      .filter({ hasText: 'the signer was not a judge of this court when signing' })
      .waitFor();
    await shot(prov.page, 'judge-record-not-judge-en');
    for (const d of [court, prov]) assert.deepEqual(jsErrors(d.page), []);
  } finally {
    await Promise.all([court.context.close(), prov.context.close()]);
  }
});
