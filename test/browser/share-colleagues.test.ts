// A newcomer's walk: the unit head's share list offered only people the share then refused (the demo's
// administrator, key officer, auditor and statistics officer). The page now offers whom the server says the
// request may be shared with, and with no such colleague says so in words, in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { inquiry } from '../support/flow.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('with no colleague of another unit who works cases, the share section says so and offers no one', async () => {
  const sato = await ui.hub.api('sato');
  const content = inquiry(await orgId(ui.hub, 'Nihon Network Communications K.K.'), {
    caseReference: '令和8年 第4343号 脅迫被疑事件',
    targets: [{ type: 'ip', address: '203.0.113.80', port: 40211, at: '2026-12-01T10:00:00+09:00' }],
  });
  const d = await sato<{ id: string }>('POST', '/v1/requests', { content });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const head = await ui.signedIn('tanaka', `/requests/${d.body.id}`);
  const section = head.page.locator('section#shares');
  await section.getByText('共有できる同僚はいません').waitFor();
  assert.equal(await section.locator('select').count(), 0, 'no one is offered');
  await head.page.getByRole('button', { name: 'English' }).click();
  await section.getByText('There is no colleague to share with').waitFor();
  assert.deepEqual(jsErrors(head.page), []);
  await head.context.close();
});
