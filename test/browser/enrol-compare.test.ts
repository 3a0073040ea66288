// A newcomer's walk: handing the unit's answer key to a colleague's browser took one press of a button
// labelled "fingerprint checked", with no step that showed what to compare. Now the press opens the comparison:
// the colleague's device's fingerprint, large, with what to do if it differs; nothing is wrapped until the
// giver says they match, and cancelling wraps nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrolledDesk } from './arrange.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The head's browser holding the keys, and sato's browser registered, pending: its id and its own line. */
async function headAndPendingDevice() {
  const head = await enrolledDesk(ui, 'tanaka', 'tanaka');
  const inv = await ui.signedIn('sato', '/devices');
  await inv.page.getByRole('button', { name: 'この端末を登録する' }).click();
  const pending = inv.page.locator('[data-testid="this-device"][data-state="pending"]');
  await pending.waitFor();
  const id = (await pending.getAttribute('data-device-id')) ?? assert.fail('the device has an id');
  return { head, inv, pending, id };
}

test("a key is wrapped to a colleague's browser only after its fingerprint is compared", async () => {
  const { head, inv, pending, id } = await headAndPendingDevice();
  const shownThere = (await pending.locator('[data-fingerprint]').getAttribute('data-fingerprint')) ?? '';
  assert.ok(shownThere.length > 0);

  await head.page.goto(`${ui.hub.url}/devices`);
  const row = head.page.locator(`[data-testid="devices"] tr[data-device="${id}"]`);
  await row.getByRole('button', { name: '指紋を照合して鍵を渡す…' }).click();
  const compare = head.page.locator('[data-testid="enrol-compare"]');
  await compare.waitFor();
  assert.match(await compare.innerText(), /佐藤.*の画面に表示されている指紋を読み上げてもらい/s);
  assert.equal(await compare.locator('[data-fingerprint]').getAttribute('data-fingerprint'), shownThere);
  assert.equal(await row.getAttribute('data-state'), 'pending', 'nothing is wrapped by opening the comparison');

  // cancelled: nothing is wrapped
  await compare.getByRole('button', { name: 'やめる' }).click();
  await compare.waitFor({ state: 'detached' });
  await head.page.reload();
  await head.page.locator(`[data-testid="devices"] tr[data-device="${id}"][data-state="pending"]`).waitFor();

  // compared and matching: wrapped
  await row.getByRole('button', { name: '指紋を照合して鍵を渡す…' }).click();
  await head.page.getByRole('button', { name: 'English' }).click();
  await compare.getByText(/read out the fingerprint their device/).waitFor();
  await compare.getByRole('button', { name: 'They match: wrap the key to it' }).click();
  await head.page.locator(`[data-testid="devices"] tr[data-device="${id}"][data-state="enrolled"]`).waitFor();
  assert.deepEqual(jsErrors(head.page), []);
  await head.context.close();
  await inv.context.close();
});

test('a device whose key is not the one its listed fingerprint names is offered no wrap', async () => {
  const { head, inv, id } = await headAndPendingDevice();
  // As a hub that put another key in sato's name would list it: the genuine fingerprint beside another key.
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const other = Buffer.from(await crypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url');
  await head.page.route('**/v1/custody', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { devices: Array<{ id: string; publicKey: string }> };
    for (const d of body.devices) if (d.id === id) d.publicKey = other;
    await route.fulfill({ response, json: body });
  });
  await head.page.goto(`${ui.hub.url}/devices`);
  const row = head.page.locator(`[data-testid="devices"] tr[data-device="${id}"]`);
  await row.getByRole('button', { name: '指紋を照合して鍵を渡す…' }).click();
  const compare = head.page.locator('[data-testid="enrol-compare"]');
  await compare.locator('[data-testid="enrol-compare-differs"]').waitFor();
  assert.match(await compare.innerText(), /ハブの一覧の指紋と一致しません/);
  assert.equal(await compare.getByRole('button', { name: '一致した：鍵を渡す' }).count(), 0);
  await compare.getByRole('button', { name: 'やめる' }).click();
  await head.page.unroute('**/v1/custody');
  await head.page.reload();
  await head.page.locator(`[data-testid="devices"] tr[data-device="${id}"][data-state="pending"]`).waitFor();
  await head.context.close();
  await inv.context.close();
});
