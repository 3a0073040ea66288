// The devices page's two loads, in a real browser: the page's first load of the unit's devices is slow,
// and the member registers this browser meanwhile (the button is there before that load answers); the
// load after the registration answers first and shows this browser pending. When the first answer
// (the devices as they were before the registration) arrives last, the page keeps the newer one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Request } from 'playwright-core';
import { jsErrors, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a late answer of the devices page's first load does not replace the newer one", async () => {
  const desk = await ui.desk();
  const { page } = desk;
  // The first GET /v1/custody reaches the hub at once; its answer is held until `release`.
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held: (r: Request) => void = () => {};
  const firstHeld = new Promise<Request>((resolve) => {
    held = resolve;
  });
  let loads = 0;
  await page.route('**/v1/custody', async (route) => {
    if (route.request().method() !== 'GET' || ++loads > 1) return route.continue();
    const answer = await route.fetch();
    held(route.request());
    await released;
    await route.fulfill({ response: answer });
  });

  await signIn(page, ui.hub, 'sato', '/devices');
  const first = await firstHeld;
  await page.getByRole('button', { name: 'この端末を登録する' }).click();
  const pending = page.locator('[data-testid="this-device"][data-state="pending"]');
  await pending.waitFor();
  const id = (await pending.getAttribute('data-device-id')) ?? assert.fail('the device id');
  assert.equal(loads, 2, 'the load after the registration');

  // The first answer arrives now, after the second's. The language switch is drawn in one render with
  // any update the page made from that answer (React renders pending updates with a click's), and its
  // click waits for a stable button (two animation frames) after the answer finished.
  const finished = page.waitForEvent('requestfinished', (r) => r === first);
  release();
  await finished;
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Devices and the answer key' }).waitFor();
  assert.equal(await pending.count(), 1, 'this browser is still shown registered, pending');
  assert.equal(await page.locator(`[data-testid="devices"] tr[data-device="${id}"]`).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Register this browser' }).count(), 0);
  assert.deepEqual(jsErrors(page), []);
  await desk.context.close();
});
