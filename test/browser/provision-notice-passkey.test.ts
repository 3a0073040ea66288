// A provision order carried out in the hub's pages by a board holding its own key: the board's legal
// officer types the sender's communication and carries the order out; the browser's passkey (Chromium's
// virtual authenticator, loaded with the officer's credential) signs the access provider's notice there,
// and the hub seals it as signed. The access provider's officer opens it on its device: the signature is
// checked there and the page names who signed, not "the hub's word".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { fileOrderCase, provisionOrderOn } from '../support/provision.ts';
import { assertAccessible, enrolBrowser, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the board signs the provision notice with its officer's passkey in the page; the ISP sees who", async () => {
  const lawyerClient = await ui.hub.client('lawyer');
  const court = await orgId(ui.hub, 'Tokyo District Court');
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  const c = await fileOrderCase(lawyerClient, court, boardId, '985', ['ip_and_port', 'timestamp']);
  const { path: order, order: issued } = await provisionOrderOn(
    { hub: ui.hub, lawyer: lawyerClient, judge: await ui.hub.client('judge') },
    c.id,
    '令和8年(発チ)第9851号',
  );

  // The board's officer, at a desk whose authenticator holds their passkey.
  const desk = await ui.deskWithPasskey('board.legal');
  await signIn(desk.page, ui.hub, 'board.legal', '/court-orders');
  const card = desk.page.locator('[data-testid="ancillary-order"]').filter({ hasText: '令和8年(発チ)第9851号' });
  await card.getByRole('button', { name: '署名を確認して受領する' }).click();
  await card.getByText('あなたの認証器（パスキー）で署名します').waitFor();
  await card.getByRole('textbox', { name: '発信者の接続元' }).fill('203.0.113.77 51515 2026-11-20T09:15:00+09:00');
  await card.getByRole('button', { name: '提供命令を履行する' }).click();
  await card.locator('[data-testid="provision-result"]').filter({ hasText: '日本ネットワーク通信株式会社' }).waitFor();
  await shot(desk.page, 'provision-passkey-01-carried-out-ja');
  await assertAccessible(desk.page, 'a provision order carried out, signed with the passkey');
  const audited = await ui.hub.ctx.store.db
    .selectFrom('audit_entries')
    .select('details')
    .where('action', '=', 'ancillary_order.provided')
    .where('details', 'like', `%${issued.reference}%`)
    .executeTakeFirstOrThrow();
  assert.match(audited.details, /"signedBy":"[^"]+"/, "the carrying out names the passkey's key");

  // The lawyer notifies its case against the ISP; the ISP's officer opens the notice on their device.
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  const second = await fileOrderCase(lawyerClient, court, ispId, '986', ['name', 'address']);
  const notified = await lawyerClient.call('POST', `${order}/notify`, { applicationId: second.id });
  assert.equal(notified.status, 200, JSON.stringify(notified.body));
  const isp = await ui.signedIn('isp.legal');
  await enrolBrowser(isp.page, ui.hub, 'isp.legal');
  await isp.page.goto(`${ui.hub.url}/court-orders`);
  const notice = isp.page.locator('[data-testid="provision-notice"]').filter({ hasText: '令和8年(発チ)第9851号' });
  await notice.getByRole('button', { name: 'この端末で開封して読む' }).click();
  const signature = notice.locator('[data-testid="notice-signature"]');
  await signature.waitFor();
  const said = await signature.innerText();
  assert.match(said, /さくら掲示板 法務 が認証器（パスキー）で署名したことを確認しました/);
  assert.doesNotMatch(said, /ハブの申告/);
  assert.equal(await signature.getAttribute('class'), 'badge ok');
  assert.match(await notice.locator('[data-testid="provision-communications"]').innerText(), /203\.0\.113\.77/);
  await shot(isp.page, 'provision-passkey-02-signer-named-ja');
  for (const d of [desk, isp]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([desk.context.close(), isp.context.close()]);
});
