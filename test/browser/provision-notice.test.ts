// A provision notice (提供命令, art. 15) opened by the access provider's legal officer in a real browser:
// the provision order issued, received and carried out by the board and the lawyer's application
// against the access provider notified (through the API, as the court test walks it); the officer's
// browser, enrolled to the access provider's key, opens the notice on the court-orders page — the
// order, its court and the judge's signature, the sender's address, port and time — and goes on to
// look up who held the address. The lawyer's browser never shows the address or the port.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { orgId } from '../support/exchange.ts';
import { fileOrderCase, portAlone, provisionOrderOn } from '../support/provision.ts';
import { assertAccessible, enrolBrowser, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const SENDER = { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00+09:00' };

const provisionNoticeTitle =
  'the access provider opens a released provision notice on its device; the lawyer never sees the address';
test(provisionNoticeTitle, async () => {
  const lawyerClient = await ui.hub.client('lawyer');
  const lawyer = lawyerClient.call;
  const board = await ui.hub.api('board.legal');
  const court = await orgId(ui.hub, 'Tokyo District Court');
  const fileCase = async (provider: string, n: number, senderInformation: string[]) =>
    fileOrderCase(lawyerClient, court, await orgId(ui.hub, provider), `97${n}`, senderInformation);

  // The provision order on the case against the board: applied, issued with the judge's passkey,
  // received (signature checked) and carried out by the board; the lawyer notifies its application
  // against the access provider the board named.
  const against = await fileCase('Sakura Board K.K.', 1, ['ip_and_port', 'timestamp']);
  const { path: order } = await provisionOrderOn(
    { hub: ui.hub, lawyer: lawyerClient, judge: await ui.hub.client('judge') },
    against.id,
    '令和8年(発チ)第9701号',
    { reasons: '相手方は氏名・住所を保有せず、経由プロバイダの接続記録は短期間で消去される。' },
  );
  assert.equal((await board('POST', `${order}/receive`)).status, 200);
  const provided = await board('POST', `${order}/provide`, { communications: [SENDER] });
  assert.equal(provided.status, 200, JSON.stringify(provided.body));
  const second = await fileCase('Nihon Network Communications K.K.', 2, ['name', 'address']);
  const notified = await lawyer('POST', `${order}/notify`, { applicationId: second.id });
  assert.equal(notified.status, 200, JSON.stringify(notified.body));

  // The access provider's legal officer: this browser enrolled to the access provider's key, then
  // the notice opened on the court-orders page.
  // The hub's records are the access provider's (its operator named it): the lookup is offered to its officer.
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  await run(ui.hub.ctx, claimAttributionData, SYSTEM_CALLER, ispId);
  const isp = await ui.signedIn('isp.legal');
  await enrolBrowser(isp.page, ui.hub, 'isp.legal');
  await isp.page.goto(`${ui.hub.url}/court-orders`);
  // (The demo's own chain released another notice to the ISP: this order's is found by its case number.)
  const notice = isp.page.locator('[data-testid="provision-notice"]').filter({ hasText: '令和8年(発チ)第9701号' });
  await notice.waitFor();
  const facts = await notice.innerText();
  assert.match(facts, /令和8年\(発チ\)第9701号/);
  assert.match(facts, /東京地方裁判所/);
  assert.match(facts, new RegExp(second.reference));
  assert.doesNotMatch(facts, /203\.0\.113\.77/, 'sealed until opened');
  await notice.locator('[data-testid="order-signature"]').filter({ hasText: '裁判官の電子署名は有効です' }).waitFor();
  await notice.getByRole('button', { name: 'この端末で開封して読む' }).click();
  const comms = notice.locator('[data-testid="provision-communications"]');
  await comms.waitFor();
  const read = await comms.innerText();
  assert.match(read, /203\.0\.113\.77/);
  assert.match(read, /51515/);
  assert.match(read, /2026-11-20 09:15:00 \+09:00/, "the time in the viewer's zone with its offset");
  assert.match(read, /この端末で開封しました/);
  // Carried out in the hub's pages by a board holding its own key: its officer's passkey signed it there.
  assert.match(read, /さくら掲示板 法務 が認証器（パスキー）で署名したことを確認しました/);
  await shot(isp.page, 'provision-01-notice-opened-ja');
  await assertAccessible(isp.page, 'a provision notice opened');

  // The next step: who held the address, with the communication filled in.
  await comms.getByRole('link', { name: 'このアドレスの利用者を調べる' }).click();
  await isp.page.getByRole('form', { name: 'ログによる利用者の特定' }).waitFor();
  assert.equal(await isp.page.getByLabel('IP アドレス').inputValue(), SENDER.address);
  assert.equal(await isp.page.getByLabel('ポート番号').inputValue(), String(SENDER.port));
  await shot(isp.page, 'provision-02-lookup-filled-ja');

  // The lawyer's browser: the case, the order carried out and notified, never the address or the port.
  const law = await ui.signedIn('lawyer', `/disclosure-orders/${against.id}`);
  await law.page.locator('[data-testid="ancillary-order"]').waitFor();
  // Each page read once its ancillary orders are drawn: on the case against the board, the order
  // carried out, its provision result naming the access provider with the case notified; on the case
  // against the access provider (no order of its own), the orders' section once its 読み込み中… is gone.
  const drawn: [string, () => Promise<void>][] = [
    [
      against.id,
      async () => {
        const result = law.page.locator('[data-testid="ancillary-order"] [data-testid="provision-result"]');
        await result.getByRole('link', { name: second.reference }).waitFor();
      },
    ],
    [
      second.id,
      async () => {
        const panel = law.page.locator('#ancillary-orders');
        await panel.waitFor();
        await panel.getByText('読み込み中…').waitFor({ state: 'detached' });
      },
    ],
  ];
  for (const [id, loaded] of drawn) {
    const path = `/disclosure-orders/${id}`;
    await law.page.goto(`${ui.hub.url}${path}`);
    await loaded();
    const text = await law.page.locator('body').innerText();
    assert.doesNotMatch(text, /203\.0\.113\.77/, path);
    assert.doesNotMatch(text, portAlone(51515), path);
  }
  for (const d of [isp, law]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([isp.context.close(), law.context.close()]);
});
