// The two-person rule for a provider's installation key, in the browser: a second administrator of the board
// registers a new installation key (as `shokai agent register` does); the key waits, and the board's first
// administrator, who did not register it, confirms it on the organisation's page. From then it is the
// board's signing key; the one who registered it sees it but cannot confirm it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateInstallationKey, importInstallationKey, installationKeyProof } from '../../src/client/answer-seal.ts';
import { keysOfOwner } from '../../src/directory/key.repository.ts';
import { madePerson, orgId } from '../support/exchange.ts';
import { assertAccessible, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a provider's installation key counts once a second administrator confirms it on the page", async () => {
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  const admin2 = await madePerson(ui.hub, {
    organisation: 'Sakura Board K.K.',
    login: 'board.admin2',
    displayName: '第二 管理者',
    roles: ['admin'],
    countersigner: 'board.admin',
  });
  const made = await generateInstallationKey();
  const proof = await installationKeyProof(await importInstallationKey(made.pkcs8), boardId, made.publicKey);
  const reg = await admin2.call<{ id: string; keyId: string; state: string }>(
    'POST',
    `/v1/organisations/${boardId}/installation-keys`,
    { publicKey: made.publicKey, proof },
  );
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  assert.equal(reg.body.state, 'pending');
  const signing = async () =>
    (await keysOfOwner(ui.hub.ctx.store.db, 'organisation', boardId, 'signing')).filter((k) => k.valid_to === null);
  assert.ok(!(await signing()).some((k) => k.id === reg.body.keyId), 'not the signing key yet');

  const desk = await ui.desk();
  try {
    await signIn(desk.page, ui.hub, 'board.admin', `/admin/organisations/${boardId}`);
    const pending = desk.page.locator('[data-testid="pending-key-registrations"]');
    await pending.waitFor();
    await pending.getByText('登録: board.admin2').waitFor();
    await shot(desk.page, 'key-registration-01-awaiting-ja');
    await assertAccessible(desk.page, 'key registrations');
    await pending.getByRole('button', { name: 'この設置鍵（回答の署名用）を確認する' }).click();
    await desk.page.getByText('確認待ちの設置鍵・連携システムはありません。').waitFor();
    assert.deepEqual(
      (await signing()).map((k) => k.id),
      [reg.body.keyId],
      'the confirmed key signs from now',
    );
    // In English, the decided registration is listed with its state in words.
    await desk.page.getByRole('button', { name: 'English' }).click();
    await desk.page.getByText('No installation key or machine client awaits confirmation.').waitFor();
    assert.deepEqual(jsErrors(desk.page), []);
  } finally {
    await desk.context.close();
  }
});
