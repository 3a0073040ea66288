// The two-person rule for a judge's new passkey, in the browser: the judge registers one on his own
// device (Chromium's virtual authenticator), it signs nothing until the court's administrator confirms
// it on the administration page, and then the judge issues the warrant waiting in his inbox with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { signedInWithAuthenticator } from './arrange.ts';
import { assertAccessible, jsErrors, jstWallTime, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a judge's new passkey signs only once the court's administrator confirms it", async () => {
  const courtId = await orgId(ui.hub, 'Tokyo District Court');
  // An empty platform authenticator on the judge's desk: registering creates the credential there. The
  // demo's second application waits in his inbox.
  const judge = await signedInWithAuthenticator(ui, 'judge', '/warrant-applications');
  const { held } = judge;
  const admin = await ui.desk();
  const judgeApi = await ui.hub.api('judge');
  try {
    await judge.page.locator('[data-testid="warrant-applications"] a').first().click();
    await judge.page.locator('[data-testid="wapp-state"][data-state="sent"]').waitFor();
    const attest = judge.page.getByRole('form', { name: '発付する（パスキーで電子署名）' });
    await attest.getByRole('button', { name: 'パスキーを登録する' }).click();
    await attest.getByRole('status').filter({ hasText: '確認すると、署名に使えるようになります' }).waitFor();

    const [mine] = await held();
    assert.ok(mine, 'the device holds the new credential');
    const appId = new URL(judge.page.url()).pathname.split('/').pop() ?? '';
    const decision = () => ({
      warrantNumber: '令和8年(む)第5001号',
      issuedAt: new Date().toISOString(),
      validUntil: new Date(Date.now() + 7 * 86400_000).toISOString(),
    });
    const signerNamed = async () =>
      (
        await judgeApi<{ passkey: { credentialId: string } | null }>(
          'POST',
          `/v1/warrant-applications/${appId}/attestation-preview`,
          decision(),
        )
      ).body.passkey?.credentialId;
    // Before the confirmation the directory still names his old passkey, not the one on this device.
    assert.equal(await signerNamed(), ui.hub.demo.authenticators?.judge?.credentialId);
    assert.notEqual(await signerNamed(), mine);

    // The second person: the court's administrator confirms it on the administration page.
    await signIn(admin.page, ui.hub, 'court.admin', `/admin/organisations/${courtId}`);
    const pending = admin.page.locator('[data-testid="pending-credentials"]');
    await pending.waitFor();
    await shot(admin.page, 'passkey-01-awaiting-confirmation-ja');
    await assertAccessible(admin.page, 'credential confirmations');
    await pending.getByRole('button', { name: 'judge のパスキーを確認する' }).click();
    await admin.page.getByText('確認待ちのパスキーはありません。').waitFor();

    // Now the new passkey signs: the warrant is issued in the judge's browser.
    assert.equal(await signerNamed(), mine);
    await attest.getByLabel('令状番号').fill('令和8年(む)第5001号');
    await attest
      .locator('fieldset.instant')
      .filter({ hasText: '発付日時' })
      .locator('input.wall-time')
      .fill(jstWallTime(Date.now()));
    await attest
      .locator('fieldset.instant')
      .filter({ hasText: '有効期間の末日' })
      .locator('input.wall-time')
      .fill(jstWallTime(Date.now() + 7 * 86400_000));
    await attest.getByRole('button', { name: '発付する（パスキーで電子署名）' }).click();
    await judge.page.locator('[data-testid="wapp-state"][data-state="attested"]').waitFor();
    const audit = await ui.hub.ctx.store.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'in', ['credential.requested', 'credential.confirmed'])
      .execute();
    assert.ok(audit.some((a) => a.action === 'credential.requested'));
    assert.ok(audit.some((a) => a.action === 'credential.confirmed'));
    assert.deepEqual(jsErrors(judge.page), []);
    assert.deepEqual(jsErrors(admin.page), []);
  } finally {
    await judge.context.close();
    await admin.context.close();
  }
});
