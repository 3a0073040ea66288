// A newcomer's walk: a request's overview wrote 作成 and 受付 as 2026-12-07 09:57:36 +09:00 and, in the same box,
// 発出 and 回答期限 as 令和8年（2026年）12月7日 09:58:04 +09:00. Every time of the overview is now written alike,
// the era year beside the Western year, with its offset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("every time of a request's overview is written alike, with the era year", async () => {
  const answered =
    ui.hub.demo.requests.find((r) => r.kind === 'inquiry' && r.state === 'answered') ??
    assert.fail('the demo has an answered inquiry');
  const { page, context } = await ui.signedIn('sato', `/requests/${answered.id}`);
  const overview = page.locator('section.card').filter({ has: page.getByRole('heading', { name: '概要' }) });
  await overview.locator('dl.facts').waitFor();
  const rows = await overview
    .locator('dl.facts > dt')
    .evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
  const times = rows.filter(([, dd]) => /\d{1,2}:\d{2}:\d{2}/.test(dd));
  assert.ok(
    ['作成', '発出', '受付'].every((name) => times.some(([dt]) => dt === name)),
    JSON.stringify(rows),
  );
  for (const [dt, dd] of times) {
    assert.match(dd, /^令和\d+年（\d{4}年）\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/, `${dt}: ${dd}`);
  }
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
