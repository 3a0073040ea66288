// "Who held an address" (利用者の特定（ログ）) is offered only where it can answer: on the demo hub, whose
// records nobody owns yet, the ISP's legal officer finds no such entry in the navigation, and the page
// reached by its address says in words that the lookup is made in the ISP's own installation (a hub shared
// by several providers holds none of their records; no command line, the organisation named); once the
// operator names the ISP the owner of the records, its officer finds the entry and the board's does not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { orgId } from '../support/exchange.ts';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const ENTRY = '利用者の特定（ログ）';

test('the lookup is not offered before the records have an owner, and says why in words', async () => {
  const isp = await ui.signedIn('isp.legal');
  try {
    const nav = isp.page.getByRole('navigation', { name: 'メインメニュー' });
    await nav.getByRole('link', { name: 'ホーム' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: ENTRY }).count(), 0);

    await isp.page.goto(`${ui.hub.url}/attribution`);
    await isp.page.locator('input[name="address"]').fill('203.0.113.7');
    await isp.page.locator('input.wall-time').fill('2026-11-30 23:42:17');
    await isp.page.getByRole('button', { name: '調べる', exact: true }).click();
    const said = await isp.page.locator('[data-testid="error-headline"]').innerText();
    assert.match(said, /どの事業者の記録（接続記録・加入者台帳など）も置いていません/);
    assert.match(said, /日本ネットワーク通信株式会社自身の設置で行ってください/);
    assert.doesNotMatch(said, /`|shokai logs|組織ID|取り込むか/);
    await assertAccessible(isp.page, 'the lookup refused before an owner is named');
    assert.deepEqual(jsErrors(isp.page), []);
  } finally {
    await isp.context.close();
  }
});

test("once the ISP owns the records its officer finds the lookup, and the board's does not", async () => {
  await run(ui.hub.ctx, claimAttributionData, SYSTEM_CALLER, await orgId(ui.hub, 'Nihon Network Communications K.K.'));
  for (const [login, offered] of [
    ['isp.legal', 1],
    ['board.legal', 0],
  ] as const) {
    const desk = await ui.signedIn(login);
    try {
      const nav = desk.page.getByRole('navigation', { name: 'メインメニュー' });
      await nav.getByRole('link', { name: 'ホーム' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: ENTRY }).count(), offered, login);
    } finally {
      await desk.context.close();
    }
  }
});
