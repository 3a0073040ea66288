// A lost passkey never blocks a withdrawal in the web: the unit head has a current passkey, but this
// browser's authenticator does not hold it (his device is lost), so signing fails; the withdraw step then
// says so and offers to withdraw without a signature, which takes its own second press on a warning that
// the provider will read "unsigned" — never a silent fallback. A person may also choose it up front.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestDetail } from '../support/replies.ts';
import { signedInWithAuthenticator } from './arrange.ts';
import { assertAccessible, issuedToBoard, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const WHY = '別件で被疑者の所在が判明したため、本照会を取り下げます。';

test('a unit head whose passkey is not on this device withdraws unsigned by an explicit second choice', async () => {
  const id = await issuedToBoard(ui.hub, 'WD-UI-LOST');
  // An authenticator on this desk, but not the one holding his passkey: the prompt cannot sign.
  const office = await signedInWithAuthenticator(ui, 'tanaka', `/requests/${id}`);
  const { page } = office;
  try {
    await page.locator('[data-testid="withdraw-signs"]').waitFor();
    await page.getByLabel('取下げの理由').fill(WHY);
    await page.getByRole('button', { name: '照会を取り下げる' }).click();
    await page.getByRole('button', { name: '確定：照会を取り下げる' }).click();
    const failed = page.locator('[data-testid="withdraw-sign-failed"]');
    await failed.waitFor();
    assert.match(await failed.innerText(), /パスキーで署名できませんでした/);
    assert.match(await failed.innerText(), /「署名なし」/);
    // Nothing was sent: the request still stands at the hub.
    const hub = await ui.hub.api('board.legal');
    assert.notEqual((await hub<RequestDetail>('GET', `/v1/requests/${id}`)).body.state, 'withdrawn');
    assert.equal(await page.locator('.badge.state-withdrawn').count(), 0);

    // The unsigned way: a choice, then a warning naming "unsigned", then the second press.
    await page.getByRole('button', { name: '署名なしで取り下げる' }).click();
    const warning = page.getByTestId('withdraw-unsigned').getByRole('alert').last();
    await page.getByRole('button', { name: '確定：署名なしで取り下げる' }).waitFor();
    assert.match(await warning.innerText(), /提供者には「署名なし」（ハブの記録のみ）と示され/);
    await shot(page, 'withdrawal-02-unsigned-choice-ja');
    await assertAccessible(page, 'withdraw without a signature, asked again');
    await page.getByRole('button', { name: '確定：署名なしで取り下げる' }).click();
    await page.locator('.badge.state-withdrawn').waitFor();
    const sig = page.locator('[data-testid="withdrawal-signature"][data-state="unsigned"]');
    await sig.waitFor();
    assert.match(await sig.innerText(), /署名なし/);
    const seen = await hub<RequestDetail>('GET', `/v1/requests/${id}`);
    assert.equal(seen.body.state, 'withdrawn');
    assert.equal(seen.body.withdrawal?.verdict, 'unsigned');
    assert.equal(seen.body.withdrawal?.reason, WHY);
    assert.equal(seen.body.withdrawal?.signature ?? null, null);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await office.context.close();
  }
  // The provider reads it unsigned, the hub's word only, in English.
  const provider = await ui.signedIn('board.legal', `/requests/${id}`, { lang: 'en' });
  try {
    const read = provider.page.locator('[data-testid="withdrawal-signature"][data-state="unsigned"]');
    await read.waitFor();
    assert.match(await read.innerText(), /Unsigned.*the hub's word only/);
  } finally {
    await provider.context.close();
  }
});

test('a person with a passkey may choose up front, in English, to withdraw without a signature', async () => {
  const id = await issuedToBoard(ui.hub, 'WD-UI-UPFRONT');
  // No authenticator on this desk at all: the unsigned way asks nothing of one.
  const office = await ui.signedIn('tanaka', `/requests/${id}`, { lang: 'en' });
  const { page } = office;
  try {
    await page.locator('[data-testid="withdraw-signs"]').waitFor();
    assert.match(await page.getByTestId('withdraw-unsigned').innerText(), /passkey is not at hand/);
    await page.getByLabel('Reason for withdrawal').fill('The suspect came forward.');
    await page.getByRole('button', { name: 'Withdraw without a signature' }).click();
    const confirm = page.getByRole('button', { name: 'Confirm: Withdraw without a signature' });
    await confirm.waitFor();
    assert.match(await page.getByTestId('withdraw-unsigned').innerText(), /reads it as "unsigned"/);
    await confirm.click();
    const sig = page.locator('[data-testid="withdrawal-signature"][data-state="unsigned"]');
    await sig.waitFor();
    assert.match(await sig.innerText(), /Unsigned/);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await office.context.close();
  }
});
