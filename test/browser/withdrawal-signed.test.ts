// The office withdraws a request on its page: the unit head's browser signs the withdrawal with his passkey
// (Chromium's virtual authenticator), and the request's page says — to the office and to the provider, in
// Japanese and English — that the signature verifies; an investigator without a passkey withdraws unsigned,
// and the page says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestDetail } from '../support/replies.ts';
import { withdrawOnPage } from './steps.ts';
import { assertAccessible, issuedToBoard, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const WHY = '被疑者が自首したため、本照会を取り下げます。';

test('an investigator without a passkey withdraws unsigned, and the page says so', async () => {
  const id = await issuedToBoard(ui.hub, 'WD-UI-2');
  const office = await ui.signedIn('sato', `/requests/${id}`);
  // Retention does not reach the reason (its signature covers it): the form says so before it is written.
  await office.page.getByText('理由は署名とともに残り、保存期間を過ぎても消去されません').waitFor();
  await withdrawOnPage(office.page, WHY);
  const sig = office.page.locator('[data-testid="withdrawal-signature"][data-state="unsigned"]');
  await sig.waitFor();
  assert.match(await sig.innerText(), /署名なし/);
  assert.deepEqual(jsErrors(office.page), []);
  await office.context.close();
});

// Last: the browser's passkey moves the unit head's signature counter past the demo's software authenticator.
test('the unit head signs the withdrawal with his passkey; the office and the provider read it verified', async () => {
  const id = await issuedToBoard(ui.hub, 'WD-UI-1');
  const office = await ui.deskWithPasskey('tanaka');
  await signIn(office.page, ui.hub, 'tanaka', `/requests/${id}`);
  const hint = office.page.getByText('取下げ（要請・理由・日時）にご本人のパスキーで署名し');
  await hint.waitFor();
  await withdrawOnPage(office.page, WHY);
  const sig = office.page.locator('[data-testid="withdrawal-signature"][data-state="verified"]');
  await sig.waitFor();
  assert.match(await sig.innerText(), /検証済み/);
  assert.match(await office.page.locator('[data-testid="withdrawal"]').innerText(), new RegExp(WHY));
  await shot(office.page, 'withdrawal-01-signed-ja');
  await assertAccessible(office.page, 'signed withdrawal');
  assert.deepEqual(jsErrors(office.page), []);
  // Signed by the browser's passkey, as the hub stored it.
  const hub = await ui.hub.api('board.legal');
  const seen = await hub<RequestDetail>('GET', `/v1/requests/${id}`);
  assert.equal(seen.body.withdrawal?.verdict, 'verified');
  assert.ok(seen.body.withdrawal?.signature?.signature.startsWith('wa1.'));
  await office.context.close();

  const provider = await ui.signedIn('board.legal', `/requests/${id}`, { lang: 'en' });
  const read = provider.page.locator('[data-testid="withdrawal-signature"][data-state="verified"]');
  await read.waitFor();
  assert.match(await read.innerText(), /Verified by the hub/);
  assert.doesNotMatch(await provider.page.locator('[data-testid="withdrawal"]').innerText(), /wa1\.|key_/);
  await provider.context.close();
});
