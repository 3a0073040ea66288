// A request's timeline in a real browser (Debian's chromium): each entry's details read in words —
// labelled lines in the viewer's language, organisations by name — never the raw JSON the log keeps;
// an entry with nothing to say has no details toggle; brackets follow the language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The timeline's text with every entry's details opened. */
async function openedTimeline(page: Page): Promise<string> {
  const timeline = page.locator('[data-testid="timeline"]');
  await timeline.waitFor();
  for (const d of await timeline.locator('details').all()) await d.evaluate((e) => e.setAttribute('open', ''));
  return timeline.innerText();
}

/** Text that only raw details show: JSON punctuation, the log's keys, codes of states and custody. */
const RAW =
  /[{}"]|providerOrganisationId|signingPreview|approverCustody|awaiting_approval|"custody"|\b[a-z]+_[a-z_]+\b/;

test('the timeline says each entry’s details in words, in Japanese and in English', async () => {
  const answered = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(answered);
  const { context, page } = await ui.signedIn('sato', `/requests/${answered.id}/timeline`);
  const ja = await openedTimeline(page);
  assert.doesNotMatch(ja, RAW);
  assert.match(ja, /決裁に回す（起案中 → 決裁待ち）/);
  // Each of the viewer's own people by the roles they hold now, said as current, never by the kind "user".
  assert.match(ja, /佐藤 巡査部長（当時の役割: 捜査員）/);
  assert.doesNotMatch(ja, /（利用者）/);
  // Each entry's number is said as what it is (the audit log's, as the verifier names it), never a bare `#154`.
  assert.match(ja, /佐藤 巡査部長（当時の役割: 捜査員） · 監査ログの記録 #\d+/);
  assert.doesNotMatch(ja, / · #\d/);
  // The provider's people by name and organisation only: their roles are not the agency's business.
  assert.match(ja, /さくら掲示板 法務（さくら掲示板株式会社）/);
  const drafted = page.locator('[data-testid="timeline"] > li', { hasText: '起案' }).first();
  assert.match(await drafted.locator('[data-testid="audit-details"]').innerText(), /宛先\s+さくら掲示板/);
  assert.match(ja, /閲覧したもの\s+署名前の確認画面/);
  assert.match(ja, /決裁者の鍵の保管\s+本人のパスキー/);
  assert.match(ja, /真正性の検証\s+はい/);
  // Reading the request (this very visit included) has nothing more to say: no toggle at all.
  const plainViews = page.locator('[data-testid="timeline"] > li', { hasText: '照会の閲覧' });
  assert.ok((await plainViews.count()) >= 2);
  for (const li of await plainViews.all()) {
    if ((await li.innerText()).includes('署名前の確認画面')) continue;
    assert.equal(await li.locator('details').count(), 0, await li.innerText());
  }
  // Every toggle there is opens onto something.
  for (const d of await page.locator('[data-testid="timeline"] details').all()) {
    assert.ok((await d.locator('dd').count()) > 0, await d.innerText());
  }
  await shot(page, '60-timeline-details-ja');
  await assertAccessible(page, 'timeline (ja)');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: /^Timeline: / }).waitFor();
  const en = await openedTimeline(page);
  assert.doesNotMatch(en, RAW);
  assert.match(en, /Submit for approval \(Draft → Awaiting approval\)/);
  assert.match(en, /Addressed to\s+Sakura Board/);
  assert.match(en, /Approver's key held as\s+Own passkey/);
  assert.doesNotMatch(en, /[（）]/, 'English uses ASCII brackets');
  assert.match(en, /佐藤 巡査部長 \(role then: Investigator\)/);
  assert.doesNotMatch(en, /\(user\)/);
  assert.match(en, /\(role then: Investigator\) · audit log entry #\d+/);
  assert.doesNotMatch(en, / · #\d/);
  await shot(page, '61-timeline-details-en');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('a request not yet approved says so on the approver’s line, in both languages', async () => {
  const waiting = ui.hub.demo.requests.find((r) => r.summary === 'inquiry → awaiting approval');
  const answered = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(waiting && answered);
  const { context, page } = await ui.signedIn('sato', `/requests/${waiting.id}`);
  const approver = page.locator('[data-testid="approved-by"]');
  await approver.getByText('未決裁', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await approver.getByText('Not yet approved', { exact: true }).waitFor();
  // Once approved, the line names the approver.
  await page.goto(`${ui.hub.url}/requests/${answered.id}`);
  await page.getByRole('button', { name: '日本語' }).click();
  await approver.waitFor();
  assert.match(await approver.innerText(), /^\S.*課長/);
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('the cases list does not write a reference twice as number and title', async () => {
  const call = await ui.hub.api('sato');
  const made = await call('POST', '/v1/cases', { reference: 'CASE-LIST-UI', title: '掲示板の脅迫' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const cases = await call<{ items: Array<{ id: string; reference: string; title: string }> }>('GET', '/v1/cases');
  const opened = cases.body.items.filter((c) => c.title === c.reference);
  const named = cases.body.items.filter((c) => c.title !== c.reference);
  assert.ok(opened.length > 0 && named.length > 0, 'cases of both sorts');
  const { context, page } = await ui.signedIn('sato', '/cases');
  for (const c of opened) {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.reference, exact: true }) });
    await row.getByText('（事件名なし：照会の起案で登録）').waitFor();
    assert.equal(await row.getByText(c.reference, { exact: true }).count(), 1, await row.innerText());
  }
  for (const c of named) {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.reference, exact: true }) });
    await row.getByText(c.title, { exact: true }).waitFor();
  }
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('(no title: opened when a request was drafted)').first().waitFor();
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('a broken audit log: the first bad entry is said in words, not as JSON', async () => {
  // Someone with the database rewrites an entry's details (the last test of this file: the log stays broken).
  await ui.hub.ctx.store.db
    .updateTable('audit_entries')
    .set({ details: '{"rewritten":true}' })
    .where('seq', '=', 5)
    .execute();
  const { context, page } = await ui.signedIn('auditor', '/audit');
  const result = page.locator('[data-testid="audit-result"]');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-ok'), 'false');
  const text = await result.innerText();
  assert.match(text, /最初の不整合\s+記録 #5：\S/);
  assert.doesNotMatch(text, /[{}"]|_mismatch|problem|message/);
  await shot(page, '62-audit-broken-ja');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
