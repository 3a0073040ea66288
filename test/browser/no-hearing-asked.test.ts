// A newcomer's walk: every provider page of a request without a hearing asked the hub for one and got a 404
// (an error in the browser's console each time). The page now knows from the request whether a hearing is held
// and asks only then; a request with none still offers to start one where the provider may.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';
import { apiSettled, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("a provider's page of a request without a hearing does not ask for one", async () => {
  // a disclosure request under the board's review, no hearing started: the page offers to start one
  const lawyer = await ui.hub.client('lawyer');
  const legal = await ui.hub.client('board.legal');
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  const received = {
    id: await underReview({ drafter: lawyer, head: lawyer, provider: legal }, defamationClaim(boardId, 'NH-1')),
  };
  const { page, context } = await ui.signedIn('board.legal');
  const asked: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('/hearing')) asked.push(path);
  });
  const failed: number[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/v1/') && r.status() === 404) failed.push(r.status());
  });
  await page.goto(`${ui.hub.url}/requests/${received.id}`);
  await page.getByRole('heading', { name: '概要' }).waitFor();
  await page.getByRole('button', { name: '意見照会書を作成して送付する' }).waitFor();
  await apiSettled(page);
  assert.deepEqual(asked, []);
  assert.deepEqual(failed, []);
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
