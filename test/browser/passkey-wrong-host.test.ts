// The hub opened by its address (http://127.0.0.1:…, as a server prints it) instead of its host name: the
// browser refuses a passkey there (they are scoped to a host name, never an IP address). The page says so and
// names the same page by the host name, instead of "an unexpected error".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onDesk, platformAuthenticator, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('a passkey refused for an IP address says to open the hub by its host name', async () => {
  const desk = await ui.desk();
  await platformAuthenticator(desk.context, desk.page);
  const byAddress = { ...ui.hub, url: ui.hub.url.replace('localhost', '127.0.0.1') };
  const port = new URL(ui.hub.url).port;
  await onDesk(desk, async (page) => {
    await signIn(page, byAddress, 'sato', '/passkeys');
    await page.getByRole('button', { name: 'このブラウザでパスキーを登録する' }).click();
    const notice = page.locator('[data-testid="error-notice"]');
    await notice.waitFor();
    const said = (await notice.textContent()) ?? '';
    assert.match(said, new RegExp(`このアドレス（127\\.0\\.0\\.1:${port}）ではパスキーを使えません`));
    assert.ok(said.includes(`http://localhost:${port}/passkeys`), said);
    assert.doesNotMatch(said, /予期しないエラー/);
  });
});
