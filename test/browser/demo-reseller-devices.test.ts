// The demo's compromised key on the devices page, as a newcomer sees it: signed in as the reseller's legal
// officer, this browser registered and given the keys from the demo's recovery key file (the page's own
// recovery field); the page then shows the earlier key marked compromised and the one item left, which
// this browser cannot seal again (a compromised key passes to no new device).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { demoRecoveryPath, writeDemoLogins } from '../../src/demo/logins-file.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the reseller's devices page shows its compromised earlier key and the item left", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-files-'));
  try {
    const loginsFile = join(dir, 'demo-logins.json');
    writeDemoLogins(loginsFile, 'browser-test', ui.hub.demo);
    const desk = await ui.signedIn('hibari.legal', '/devices');
    await desk.page.getByRole('button', { name: 'この端末を登録する' }).click();
    await desk.page.locator('[data-testid="this-device"][data-state="pending"]').waitFor();
    // The page's own button and words for the recovery file, not the browser's (its language may differ).
    const recoveryInput = desk.page.locator('input[type="file"]');
    assert.ok(((await recoveryInput.boundingBox())?.width ?? 0) <= 1, "the browser's file button is hidden");
    assert.equal(await desk.page.getByTestId('file-chosen').innerText(), '選ばれていません');
    // Another file of the demo's first (its logins): refused in words, and the browser stays pending.
    await desk.page.getByLabel('回復鍵ファイルでこの端末に鍵を渡す').setInputFiles(loginsFile);
    await desk.page
      .getByTestId('error-headline')
      .getByText('このファイルは shokai の回復鍵ではありません', { exact: false })
      .waitFor();
    assert.equal(await desk.page.locator('[data-testid="this-device"]').getAttribute('data-state'), 'pending');
    await desk.page
      .getByLabel('回復鍵ファイルでこの端末に鍵を渡す')
      .setInputFiles(demoRecoveryPath(loginsFile, 'hibari.legal'));
    await desk.page.locator('[data-testid="this-device"][data-state="enrolled"]').waitFor();
    const status = desk.page.locator('[data-testid="reseal-status"]');
    await status.waitFor();
    assert.deepEqual([await status.getAttribute('data-left'), await status.getAttribute('data-here')], ['1', '0']);
    assert.match(await status.innerText(), /漏えいとして記録された鍵/);
    await desk.page.getByText('この端末は漏えいした鍵を持っていません').waitFor();
    // The lost machine, removed when the key was rotated.
    await desk.page.locator('[data-testid="devices"] tr[data-state="removed"]').getByText('旧端末（紛失').waitFor();
    await shot(desk.page, 'demo-reseller-devices-ja');
    await assertAccessible(desk.page, "the demo reseller's devices page");
    assert.deepEqual(jsErrors(desk.page), []);
    await desk.context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
