// The unit head's approval page shows what the editor warned the drafter of (an address that is not an
// Internet source) before he signs, and a request stored before a target time in the future was refused
// is told to him in words, with the signing button held.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { inquiry } from '../support/flow.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** An inquiry to the ISP about `address` at `at`, drafted by sato and sent for approval; its id. */
async function awaitingApproval(address: string, at: string): Promise<{ id: string; content: object }> {
  const sato = await ui.hub.api('sato');
  const content = inquiry(await orgId(ui.hub, 'Nihon Network Communications K.K.'), {
    caseReference: '令和8年 第4242号 脅迫被疑事件',
    targets: [{ type: 'ip', address, port: 40211, at, toleranceSeconds: 0 }],
  });
  const d = await sato<{ id: string }>('POST', '/v1/requests', { content });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const s = await sato('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  return { id: d.body.id, content };
}

test("the approval page shows the editor's address warning before the head signs", async () => {
  const at = new Date(Date.now() - 24 * 3600_000).toISOString();
  const { id } = await awaitingApproval('10.1.2.3', at);
  const head = await ui.signedIn('tanaka', `/requests/${id}/approve`);
  const warnings = head.page.locator('[data-testid="policy-address-warnings"]');
  await warnings.waitFor();
  assert.match(await warnings.innerText(), /⚠ 対象 1: 10\.1\.2\.3 はプライベートアドレスで/);
  assert.equal(await head.page.locator('[data-testid="approval-refusal"]').count(), 0);
  await shot(head.page, 'approval-address-warning-ja');
  await assertAccessible(head.page, 'approval page with an address warning');
  await head.page.getByRole('button', { name: 'English' }).click();
  assert.match(await warnings.innerText(), /10\.1\.2\.3 is a private address/);
  assert.deepEqual(jsErrors(head.page), []);
  await head.context.close();
});

test('a request stored with a target time in the future is told to the head, who cannot sign it', async () => {
  const at = new Date(Date.now() - 24 * 3600_000).toISOString();
  const { id, content } = await awaitingApproval('203.0.113.77', at);
  // As if drafted before the rule: the year mistyped, 2036 for 2026.
  const stored = {
    ...content,
    targets: [
      { type: 'ip', address: '203.0.113.77', port: 40211, at: '2036-12-03T16:40:16+09:00', toleranceSeconds: 0 },
    ],
  };
  await ui.hub.ctx.store.db
    .updateTable('requests')
    .set({ content: JSON.stringify(stored) })
    .where('id', '=', id)
    .execute();
  const head = await ui.signedIn('tanaka', `/requests/${id}/approve`);
  const refusal = head.page.locator('[data-testid="approval-refusal"]');
  await refusal.waitFor();
  const said = await refusal.innerText();
  assert.match(said, /このままでは決裁できません/);
  assert.match(said, /203\.0\.113\.77:40211.*2036-12-03T16:40:16\+09:00.*未来/);
  await head.page.getByLabel('上記の内容を確認し、照会の必要性を認めます').check();
  assert.equal(await head.page.getByRole('button', { name: '署名して発出する' }).isDisabled(), true);
  assert.deepEqual(jsErrors(head.page), []);
  await head.context.close();
});
