// A provision order (提供命令, art. 15(1)) carried out from the board's own post log in a real browser:
// the board's legal officer, on the court-orders page, fills the communications from the post log —
// each with the post and log line it came from, the post's two contradictory records said in words —
// unticks the one that should not go and carries the order out; what was unticked is not given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importPostLog } from '../../src/holders/board-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { orgId } from '../support/exchange.ts';
import { fileOrderCase, provisionOrderOn } from '../support/provision.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

// The order's post (`…/thread/981#res-2`) is logged twice with different sources: the access
// provider's address and a documentation address no provider holds.
const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/thread/981,2,2026-11-20T09:15:00+09:00,203.0.113.77,51515,anon-7
https://sakura-board.example/thread/981,2,2026-11-20T09:16:00+09:00,192.0.2.10,,anon-7
`;

test('the board fills a provision order from its post log, unticks one and carries it out', async () => {
  const lawyerClient = await ui.hub.client('lawyer');
  const lawyer = lawyerClient.call;
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  await run(ui.hub.ctx, claimAttributionData, SYSTEM_CALLER, boardId);
  await run(ui.hub.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'posts.csv', content: POSTS } });

  const court = await orgId(ui.hub, 'Tokyo District Court');
  const c = await fileOrderCase(lawyerClient, court, boardId, '981', ['ip_and_port', 'timestamp']);
  const { path: order } = await provisionOrderOn(
    { hub: ui.hub, lawyer: lawyerClient, judge: await ui.hub.client('judge') },
    c.id,
    '令和8年(発チ)第9811号',
  );

  const desk = await ui.signedIn('board.legal', '/court-orders');
  // (The demo's own chain holds another order of the board's: this one is found by its case number.)
  const card = desk.page.locator('[data-testid="ancillary-order"]').filter({ hasText: '令和8年(発チ)第9811号' });
  await card.getByRole('button', { name: '署名を確認して受領する' }).click();
  await card.getByRole('button', { name: '投稿記録から埋める' }).click();
  const offered = card.locator('[data-testid="post-log-communications"]');
  await offered.waitFor();
  const text = await offered.innerText();
  assert.match(text, /203\.0\.113\.77/);
  assert.match(text, /51515/);
  assert.match(text, /posts\.csv:2/, 'the log line it came from');
  assert.match(text, /posts\.csv:3/);
  assert.match(text, /2026-11-20 09:15:00 \+09:00/, "the time in the viewer's zone with its offset");
  assert.match(await card.locator('[data-testid="post-log-why"]').innerText(), /複数の通信が記録されています/);
  await shot(desk.page, 'provision-post-log-01-offered-ja');
  await assertAccessible(desk.page, 'a provision order filled from the post log');

  // The person judges the access provider's address should not go: only 192.0.2.10 is given, which no
  // access provider holds.
  await offered.getByRole('checkbox', { name: /203\.0\.113\.77/ }).uncheck();
  await card.getByRole('button', { name: '提供命令を履行する' }).click();
  await card
    .locator('[data-testid="provision-result"]')
    .filter({ hasText: '経由プロバイダを特定できませんでした' })
    .waitFor();
  const seen = await lawyer<{ provision: { identified: boolean; accessProviders: unknown[] } }>('GET', order);
  assert.equal(seen.body.provision.identified, false);
  assert.deepEqual(seen.body.provision.accessProviders, []);
  assert.deepEqual(jsErrors(desk.page), []);
  await desk.context.close();
});
