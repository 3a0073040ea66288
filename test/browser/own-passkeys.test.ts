// Everyone's own passkeys page: an investigator with no passkey is told on the withdraw action that the
// withdrawal would go unsigned and is led to the page (also in the navigation), registers a passkey for this
// browser there (Chromium's virtual authenticator), sees it listed as current, in Japanese and English, and
// then withdraws a request signed with it: the office and the provider read the withdrawal verified.
// A person whose roles sign nothing reads on the page that the hub takes no passkey from them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestDetail } from '../support/replies.ts';
import { signedInWithAuthenticator } from './arrange.ts';
import { withdrawOnPage } from './steps.ts';
import { assertAccessible, issuedToBoard, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const WHY = '被疑者を特定できたため、本照会を取り下げます。';

test('an investigator registers a passkey on the page, sees it, and signs a withdrawal with it', async () => {
  const id = await issuedToBoard(ui.hub, 'PK-UI-1');
  const office = await signedInWithAuthenticator(ui, 'sato', `/requests/${id}`);
  const { page, held } = office;
  try {
    // Without a passkey, the withdraw action says it would go unsigned, and leads to the page.
    const noPasskey = page.locator('[data-testid="withdraw-no-passkey"]');
    await noPasskey.waitFor();
    assert.match(await noPasskey.innerText(), /署名なしで取り下げます/);
    await noPasskey.getByRole('link', { name: '自分のパスキー（登録）へ' }).click();
    await page.waitForURL('**/passkeys');
    const nav = page.getByRole('navigation').getByRole('link', { name: '自分のパスキー' });
    assert.equal(await nav.getAttribute('aria-current'), 'page');
    await page.getByText('まだパスキーを登録していません。').waitFor();
    await assertAccessible(page, 'own passkeys, none yet');

    await page.getByRole('button', { name: 'このブラウザでパスキーを登録する' }).click();
    const current = page.locator('[data-testid="own-passkeys"] tr[data-state="current"]');
    await current.waitFor();
    await page.getByRole('status').filter({ hasText: 'パスキーを登録しました' }).waitFor();
    const [mine, ...more] = await held();
    assert.ok(mine, 'the browser holds the new credential');
    assert.deepEqual(more, []);
    assert.equal(await current.getAttribute('data-credential'), mine);
    const row = await current.innerText();
    assert.match(row, /有効（現在の署名用パスキー）/);
    // Registered at an instant in the viewer's zone, with its offset and the era year.
    assert.match(row, /令和\d+年（\d{4}年）.*\+09:00/s);
    assert.equal(await page.locator('[data-testid="own-passkeys"] tbody tr').count(), 1);
    await shot(page, 'passkeys-01-registered-ja');
    await assertAccessible(page, 'own passkeys, registered');

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My passkeys', level: 1 }).waitFor();
    assert.match(await current.innerText(), /Valid \(your current signing passkey\)/);
    await shot(page, 'passkeys-02-registered-en');
    await assertAccessible(page, 'own passkeys in English');
    await page.getByRole('button', { name: '日本語' }).click();

    // The withdrawal now says it is signed, and is: verified for the office and the provider.
    await page.goto(`${ui.hub.url}/requests/${id}`);
    await page.locator('[data-testid="withdraw-signs"]').waitFor();
    await withdrawOnPage(page, WHY);
    const sig = page.locator('[data-testid="withdrawal-signature"][data-state="verified"]');
    await sig.waitFor();
    assert.match(await sig.innerText(), /検証済み/);
    const provider = await ui.hub.api('board.legal');
    const seen = await provider<RequestDetail>('GET', `/v1/requests/${id}`);
    assert.equal(seen.body.withdrawal?.verdict, 'verified');
    assert.ok(seen.body.withdrawal?.signature?.signature.startsWith('wa1.'));
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await office.context.close();
  }
});

test('a person whose roles sign nothing reads that the hub takes no passkey from them', async () => {
  const auditor = await ui.signedIn('auditor', '/');
  try {
    await auditor.page.getByRole('navigation').getByRole('link', { name: '自分のパスキー' }).click();
    await auditor.page.locator('[data-testid="passkey-not-signer"]').waitFor();
    assert.equal(await auditor.page.getByRole('button', { name: 'このブラウザでパスキーを登録する' }).count(), 0);
    await auditor.page.getByText('まだパスキーを登録していません。').waitFor();
    await assertAccessible(auditor.page, 'own passkeys of a person who signs nothing');
    assert.deepEqual(jsErrors(auditor.page), []);
  } finally {
    await auditor.context.close();
  }
});
