// A closed request that retention handled still opens in the browser: the page says, in Japanese and in
// English, that its targets and text were removed, shows a dash where they were, and never a raw key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('a request retention emptied reads, saying so in both languages', async () => {
  const answered = ui.hub.demo.requests.find((r) => r.kind === 'inquiry' && r.state === 'answered');
  assert.ok(answered, 'the demo has an answered inquiry');
  const sato = await ui.hub.api('sato');
  const closed = await sato('POST', `/v1/requests/${answered.id}/transitions`, { action: 'close' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  // Closed long enough ago for its period (a day) to have run.
  const db = ui.hub.ctx.store.db;
  await db
    .updateTable('requests')
    .set({ closed_at: '2020-01-01T00:00:00.000Z' })
    .where('id', '=', answered.id)
    .execute();
  await run(ui.hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'archive' });
  const r = await runRetention(ui.hub.ctx, SYSTEM_CALLER);
  assert.ok(r.applied.some((a) => a.requestId === answered.id));

  for (const [lang, words] of [
    ['ja', /保存期間を過ぎたため、対象と記述（罪名・事実・必要性など）は消去されました/],
    ['en', /Past its retention period, its targets and written text \(offence, facts, necessity…\) were removed/],
  ] as const) {
    const inv = await ui.signedIn('sato', `/requests/${answered.id}`, { lang });
    const content = inv.page.locator('.content-view');
    await content.waitFor();
    const text = await content.innerText();
    assert.match(text, words);
    assert.match(text, /—/, 'a dash where the text was');
    assert.doesNotMatch(text, /request\.contentRemoved/);
    await assertAccessible(inv.page, `retained request (${lang})`);
    assert.deepEqual(jsErrors(inv.page), []);
    await inv.context.close();
  }
});
