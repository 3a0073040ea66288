// From a request's address to who held it: the ISP's legal officer reads an inquiry on the hub's page,
// and beside each address target a link opens "who held this address" with the address, port, instant
// and tolerance filled in; the lookup itself stays the officer's act (pressed, audited), and its source
// lines and notes read in words, in the viewer's language. The agency's people, who may not look up a
// provider's logs, are offered no such link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { fixture } from '../attribution/helpers.ts';
import { loadDirectoryFixtures } from '../attribution/setup.ts';
import { orgId } from '../support/exchange.ts';
import { issue } from '../support/flow.ts';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("an inquiry's address target leads the ISP's legal officer to its holder in the logs", async () => {
  const hub = ui.hub;
  const ispId = await orgId(hub, 'Nihon Network Communications K.K.');
  await ingestFiles(attributionRepository(hub.ctx.store), [fixture('juniper-pba.log')], { format: 'juniper-pba' });
  await ingestFiles(attributionRepository(hub.ctx.store), [fixture('radius-detail.txt')], {
    format: 'radius-detail',
  });
  await loadDirectoryFixtures(hub.ctx);
  await run(hub.ctx, claimAttributionData, SYSTEM_CALLER, ispId);

  const target = { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' };
  const { id } = await issue(await hub.client('sato'), await hub.client('tanaka'), {
    kind: 'inquiry',
    providerOrganisationId: ispId,
    caseReference: 'LOOKUP-UI',
    offence: '脅迫',
    facts: '掲示板に脅迫の書き込みがあった',
    necessity: '発信者を特定するため',
    targets: [target, { type: 'email', address: 'sender@example.jp' }],
    categories: ['subscriber'],
  });

  const isp = await ui.signedIn('isp.legal', `/requests/${id}`);
  const errors = jsErrors(isp.page);
  const targets = isp.page.locator('ol.target-list > li');
  await targets.first().waitFor();
  const link = targets.nth(0).getByRole('link', { name: 'このアドレスの利用者を調べる' });
  assert.equal(await link.count(), 1, 'the address target leads to the lookup');
  assert.equal(await targets.nth(1).getByRole('link').count(), 0, 'an e-mail address is not looked up in the logs');
  await assertAccessible(isp.page, 'a request with a lookup link');
  await link.click();
  await isp.page.getByRole('form', { name: 'ログによる利用者の特定' }).waitFor();
  assert.equal(await isp.page.getByLabel('IP アドレス').inputValue(), target.address);
  assert.equal(await isp.page.getByLabel('ポート番号').inputValue(), String(target.port));
  await isp.page.getByRole('button', { name: '調べる' }).click();
  await isp.page.getByText('一人に特定').waitFor();
  assert.match(await isp.page.locator('main').innerText(), /山田 花子/);
  // The lines the answer rests on, each with its kind in the vocabulary's words (not "nat-block").
  const candidates = isp.page.locator('[data-testid="attr-candidates"]');
  assert.deepEqual(await candidates.locator('ul.plain > li').allInnerTexts(), [
    'juniper-pba.log:2–8（CGNAT ポートブロック）',
    'radius-detail.txt:10–75（アドレス割当（RADIUS・DHCP））',
  ]);
  // A session without an end record: its note in words, in the viewer's language, never its code.
  await isp.page.getByLabel('IP アドレス').fill('100.64.0.11');
  await isp.page.getByLabel('ポート番号').fill('');
  await isp.page.locator('input.wall-time').fill('2026-03-29 01:11:40');
  await isp.page.getByRole('button', { name: '調べる' }).click();
  const note = candidates.locator('[data-code="no_stop"]');
  assert.equal(
    await note.innerText(),
    '終了記録のないセッション/割当（最終確認 2026-03-29 01:10:00 +09:00）。その後も保持していた可能性があります',
  );
  assert.deepEqual(await candidates.locator('ul.plain > li').allInnerTexts(), [
    'radius-detail.txt:22–38（アドレス割当（RADIUS・DHCP））',
  ]);
  await isp.page.getByRole('button', { name: 'English' }).click();
  await candidates.getByText('(Address assignment (RADIUS, DHCP))').waitFor();
  assert.equal(
    await note.innerText(),
    'holding without an end record (last seen 2026-03-29 01:10:00 +09:00); it may have continued',
  );
  assert.deepEqual(errors, []);

  // The agency's investigator reads the same targets with no link to a provider's logs.
  const inv = await ui.signedIn('sato', `/requests/${id}`);
  await inv.page.locator('ol.target-list > li').first().waitFor();
  assert.equal(await inv.page.locator('ol.target-list').getByRole('link').count(), 0);
  await Promise.all([isp.context.close(), inv.context.close()]);
});
