// A chain of provision orders down to a reseller in real browsers: the board's order carried out and
// the lawyer's application against the ISP notified (through the API); the lawyer's provision order
// against the ISP issued and received; the ISP's legal officer, on the court-orders page, carries it
// out from the notice it received — opened on its enrolled browser, its communications filled in,
// the MVNO named from its records; the lawyer's page shows the chain (the order that named the ISP,
// the MVNO named, the case notified) and never the address; the MVNO opens its notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { addReseller, fileOrderCase, portAlone, provisionOrderOn } from '../support/provision.ts';
import { assertAccessible, enrolBrowser, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const SENDER = { address: '203.0.113.91', port: 40211, at: '2026-11-21T22:04:05+09:00' };

test('the ISP carries out its order from the notice, naming its MVNO; the lawyer sees the chain', async () => {
  const lawyerClient = await ui.hub.client('lawyer');
  const lawyer = lawyerClient.call;
  const board = await ui.hub.api('board.legal');
  const isp = await ui.hub.api('isp.legal');
  // The reseller: an MVNO on the ISP's lines, registered on the hub, with its legal officer.
  await addReseller(ui.hub);

  const court = await orgId(ui.hub, 'Tokyo District Court');
  const fileCase = async (provider: string, n: number, senderInformation: string[]) =>
    fileOrderCase(lawyerClient, court, await orgId(ui.hub, provider), `98${n}`, senderInformation);
  const parties = { hub: ui.hub, lawyer: lawyerClient, judge: await ui.hub.client('judge') };
  const issuedOrder = async (caseId: string, n: number, bound: typeof board) => {
    const { order, path } = await provisionOrderOn(parties, caseId, `令和8年(発チ)第98${n}号`, {
      reasons: '接続記録は短期間で消去される。回線の再販先の特定が必要である。',
    });
    assert.equal((await bound('POST', `${path}/receive`)).status, 200);
    return { ...order, path };
  };

  const boardCase = await fileCase('Sakura Board K.K.', 1, ['ip_and_port', 'timestamp']);
  const boardOrder = await issuedOrder(boardCase.id, 1, board);
  assert.equal((await board('POST', `${boardOrder.path}/provide`, { communications: [SENDER] })).status, 200);
  const ispCase = await fileCase('Nihon Network Communications K.K.', 2, ['ip_and_port', 'name', 'address']);
  assert.equal((await lawyer('POST', `${boardOrder.path}/notify`, { applicationId: ispCase.id })).status, 200);
  const ispOrder = await issuedOrder(ispCase.id, 2, isp);

  // The ISP's legal officer: the order rests on the notice; opened here, the MVNO named, carried out.
  // (The ISP holds its own key: the officer's passkey, on this desk, signs the notice it gives.)
  const desk = await ui.deskWithPasskey('isp.legal');
  await signIn(desk.page, ui.hub, 'isp.legal');
  await enrolBrowser(desk.page, ui.hub, 'isp.legal');
  await desk.page.goto(`${ui.hub.url}/court-orders`);
  const card = desk.page.locator('[data-testid="ancillary-order"]').filter({ hasText: ispOrder.reference });
  await card.locator('[data-testid="named-under"]').filter({ hasText: boardOrder.reference }).waitFor();
  await card.getByRole('button', { name: '通知を開いて接続元を入れる' }).click();
  const comms = card.locator('[data-testid="notice-communications"]');
  await comms.waitFor();
  const filled = await comms.innerText();
  assert.match(filled, /203\.0\.113\.91/);
  assert.match(filled, /40211/);
  assert.match(filled, /2026-11-21 22:04:05 \+09:00/);
  await comms.locator('select[name="lineHolder-0"]').selectOption({ label: 'みらいモバイル株式会社' });
  await shot(desk.page, 'provision-chain-01-from-notice-ja');
  await assertAccessible(desk.page, 'a provision order carried out from the notice');
  await card.getByRole('button', { name: '提供命令を履行する' }).click();
  await card.locator('[data-testid="provision-result"]').filter({ hasText: 'みらいモバイル株式会社' }).waitFor();

  // The lawyer's page of the case against the ISP: the chain up and the MVNO named; no address.
  const law = await ui.signedIn('lawyer', `/disclosure-orders/${ispCase.id}`);
  const lawCard = law.page.locator('[data-testid="ancillary-order"]');
  await lawCard.locator('[data-testid="provision-result"]').filter({ hasText: 'みらいモバイル株式会社' }).waitFor();
  const up = lawCard.locator('[data-testid="named-under"]');
  assert.match(await up.innerText(), new RegExp(`${boardOrder.reference}.*さくら掲示板株式会社`));
  await shot(law.page, 'provision-chain-02-lawyer-chain-ja');
  const mvnoCase = await fileCase('Mirai Mobile K.K.', 3, ['name', 'address']);
  assert.equal((await lawyer('POST', `${ispOrder.path}/notify`, { applicationId: mvnoCase.id })).status, 200);
  // Up the chain to the board's case: the ISP named there, with the case it was notified with.
  await up.getByRole('link').click();
  await law.page.locator('[data-testid="provision-result"]').getByRole('link', { name: ispCase.reference }).waitFor();
  // Each case's page read once its order is drawn carried out: the provision result (where what the
  // provider gave would be) names the next provider with the case notified against it.
  for (const [id, notified] of [
    [boardCase.id, ispCase.reference],
    [ispCase.id, mvnoCase.reference],
  ] as const) {
    const path = `/disclosure-orders/${id}`;
    await law.page.goto(`${ui.hub.url}${path}`);
    const result = law.page.locator('[data-testid="ancillary-order"] [data-testid="provision-result"]');
    await result.getByRole('link', { name: notified }).waitFor();
    const text = await law.page.locator('body').innerText();
    assert.doesNotMatch(text, /203\.0\.113\.91/, path);
    assert.doesNotMatch(text, portAlone(40211), path);
  }

  // The MVNO opens its notice (its key is the hub's): the address, port and time, given by the ISP.
  const reseller = await ui.signedIn('mvno.legal', '/court-orders');
  const notice = reseller.page.locator('[data-testid="provision-notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /日本ネットワーク通信株式会社/);
  await notice.getByRole('button', { name: 'この端末で開封して読む' }).click();
  const read = await notice.locator('[data-testid="provision-communications"]').innerText();
  assert.match(read, /203\.0\.113\.91/);
  assert.match(read, /40211/);
  for (const d of [desk, law, reseller]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([desk.context.close(), law.context.close(), reseller.context.close()]);
});
