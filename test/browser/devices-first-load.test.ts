// The devices page before its first load has answered, in a real browser: whether this browser is
// registered is not known yet, so the page says it is loading and offers no button to register it (a
// second registration would replace the key this browser already holds). Once the load answers, the
// button is there for a browser that is not registered, and registering shows it pending.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('the devices page offers to register this browser only once its first load has answered', async () => {
  const desk = await ui.desk();
  const { page } = desk;
  // The first GET /v1/custody reaches the hub at once; its answer is held until `release`.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = () => {};
  const firstHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  let loads = 0;
  await page.route('**/v1/custody', async (route) => {
    if (route.request().method() !== 'GET' || ++loads > 1) return route.continue();
    const answer = await route.fetch();
    held();
    await released;
    await route.fulfill({ response: answer });
  });

  await signIn(page, ui.hub, 'sato', '/devices');
  await firstHeld;
  const devices = page.locator('#devices');
  await devices.getByRole('status').waitFor();
  assert.equal(await page.getByRole('button', { name: 'この端末を登録する' }).count(), 0, 'no button while loading');
  assert.equal(await page.locator('[data-testid="custody-key"]').count(), 0, 'no key standing while loading');

  release();
  const register = page.getByRole('button', { name: 'この端末を登録する' });
  await register.click();
  const pending = page.locator('[data-testid="this-device"][data-state="pending"]');
  await pending.waitFor();
  const id = (await pending.getAttribute('data-device-id')) ?? assert.fail('the device id');
  assert.equal(loads, 2, 'the load after the registration');
  assert.equal(await page.locator(`[data-testid="devices"] tr[data-device="${id}"]`).count(), 1);
  assert.equal(await register.count(), 0);
  assert.deepEqual(jsErrors(page), []);
  await desk.context.close();
});
