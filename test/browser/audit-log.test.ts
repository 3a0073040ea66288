// The audit log's page in a real browser: the Tokyo police's auditor (監察) finds it in the navigation, reads
// who did what in words (names and roles, actions by their labels, times with the offset) — never another
// force's acts, never a raw key or code — narrows it to the oversight body's break-glass reads and sees why,
// to one request (whose drafting names the provider addressed by its name in the viewer's language) and to one
// person; in Japanese and English, passing the accessibility check. An investigator has no link.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The details of the request's drafting, opened: on the page shown, else on an older one. */
async function draftingDetails(page: Page): Promise<string> {
  const table = page.locator('[data-testid="audit-log"]');
  const drafted = table.locator('tbody tr[data-action="request.drafted"]');
  while ((await drafted.count()) === 0) {
    const first = await table.locator('tbody tr').first().innerText();
    await page.locator('[data-testid="audit-log-older"]').click();
    await table.locator('tbody tr').first().filter({ hasNotText: first }).waitFor();
  }
  await drafted.locator('summary').click();
  return drafted.locator('[data-testid="audit-details"]').innerText();
}

const auditorReadsLogTitle =
  "an agency's auditor reads its audit log in words, narrows it, and finds the break-glass reads and why";
test(auditorReadsLogTitle, async () => {
  const answered = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(answered);
  const reason = '苦情申立て第7号の調査のため照会内容を確認';
  const glass = await (await ui.hub.api('auditor'))('POST', `/v1/requests/${answered.id}/break-glass`, { reason });
  assert.equal(glass.status, 200, JSON.stringify(glass.body));

  const { context, page } = await ui.signedIn('mpd.kansatsu');
  const errors = jsErrors(page);
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  assert.equal(await nav.getByRole('link', { name: '監査ログの検証' }).count(), 0, 'verification is oversight’s');
  await nav.getByRole('link', { name: '監査ログ', exact: true }).click();
  await page.getByRole('heading', { name: '監査ログ（監察）' }).waitFor();
  const table = page.locator('[data-testid="audit-log"]');
  await table.waitFor();
  const text = await table.innerText();
  assert.match(text, /佐藤 巡査部長/);
  assert.match(text, /捜査員/, 'the role in words');
  assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/, 'times with the offset');
  assert.doesNotMatch(text, /大阪/, 'no act of another force');
  assert.doesNotMatch(text, /\b[a-z]+\.[a-z_]+\b|usr_|org_|req_|[{}"]/, 'no raw action, id or JSON');
  // A request's number is read as one (SHK-2026-000004): never broken at its hyphens over two lines.
  const numbers = table.locator('tbody td button.link');
  assert.ok((await numbers.count()) > 0, 'entries about requests');
  for (const number of await numbers.all()) {
    // A button is one box however its text breaks: the text's own boxes count its lines.
    const lines = await number.evaluate((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1, `${await number.innerText()} is written on one line`);
  }
  await shot(page, '90-audit-log-ja');
  await assertAccessible(page, 'audit log (ja)');

  // The oversight body's break-glass reads of the police's requests, with the reason recorded.
  await page.getByLabel('行為の種類').selectOption({ label: '理由を記録した内容の閲覧（監督）' });
  await page.getByRole('button', { name: '表示' }).click();
  const glassRow = table.locator('tbody tr');
  await table.locator('tbody tr:not([data-action="request.break_glass"])').first().waitFor({ state: 'detached' });
  assert.equal(await glassRow.count(), 1);
  await glassRow.getByText('詳細').click();
  assert.match(await glassRow.innerText(), new RegExp(reason));
  assert.match(await glassRow.innerText(), /監督室/, 'who read it: the oversight office');
  // The same filter as a file: every matching entry, in words, with the viewer's offset.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-log-csv').click()]);
  assert.equal(download.suggestedFilename(), 'audit-log.csv');
  const csv = readFileSync((await download.path()) ?? assert.fail('downloaded'), 'utf8');
  assert.ok(csv.startsWith('\ufeff番号,日時,行った人,役割,組織,行為,照会番号,詳細\r\n'), csv.slice(0, 80));
  assert.ok(csv.includes(reason), 'the reason recorded');
  assert.equal(csv.trimEnd().split('\r\n').length, 2, 'the one break-glass read, as on the page');
  // A refusal of the export (here the server's own, to a zone it does not know) is said on the page in
  // words, not handed over as a file or a page of the API's answer.
  await page.route('**/v1/audit/export?*', async (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('zone', 'Mars/Olympus');
    await route.fulfill({ response: await route.fetch({ url: url.toString() }) });
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('audit-log-csv').click();
  const refused = page.getByTestId('audit-log-csv-block').getByTestId('error-notice');
  await refused.waitFor();
  assert.match(
    await refused.innerText(),
    /タイムゾーン「Mars\/Olympus」は不明です。IANA のタイムゾーン名で指定してください（例: Asia\/Tokyo、UTC）/,
  );
  assert.doesNotMatch(await refused.innerText(), /VALIDATION_FAILED|zone\b/);
  assert.equal(downloads, 0, 'no file for a refusal');
  await page.unroute('**/v1/audit/export?*');
  // Its request's number narrows the log to that request.
  await glassRow.getByRole('button', { name: answered.reference }).click();
  await table.locator('tbody tr:not([data-action="request.break_glass"])').first().waitFor();
  assert.equal(await page.locator('input[name="request"]').inputValue(), answered.reference);
  await refused.waitFor({ state: 'detached' }); // the refusal spoke of the earlier filters' file
  assert.ok((await table.locator('tbody tr').count()) > 1);
  // Its drafting names the provider it is addressed to, by name (the read returns the names its details need).
  const detail = await (await ui.hub.api('sato'))<{ provider: { nameJa: string; nameEn: string } }>(
    'GET',
    `/v1/requests/${answered.id}`,
  );
  assert.equal(detail.status, 200, JSON.stringify(detail.body));
  const { provider } = detail.body;
  assert.match(await draftingDetails(page), new RegExp(`宛先\\s*${provider.nameJa}`));

  // One person's acts.
  await page.locator('input[name="request"]').fill('');
  await page.locator('input[name="person"]').fill('sato');
  await page.getByRole('button', { name: '表示' }).click();
  await table.locator('tbody tr').filter({ hasNotText: '佐藤 巡査部長' }).first().waitFor({ state: 'detached' });
  assert.ok((await table.locator('tbody tr').count()) > 0);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Audit log (oversight)' }).waitFor();
  assert.match(await table.innerText(), /Investigator/);
  await page.locator('input[name="person"]').fill('');
  await page.locator('input[name="request"]').fill(answered.reference);
  await page.getByRole('button', { name: 'Show' }).click();
  await table.locator('tbody tr').filter({ hasNotText: answered.reference }).first().waitFor({ state: 'detached' });
  assert.match(await draftingDetails(page), new RegExp(`Addressed to\\s*${provider.nameEn.replaceAll('.', '\\.')}`));
  await shot(page, '91-audit-log-en');
  await assertAccessible(page, 'audit log (en)');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a civil disclosure's steps read in the lawyer's words, an inquiry's in the police's", async () => {
  const civil = ui.hub.demo.requests.find((r) => r.summary.startsWith('civil disclosure'));
  const inquiry = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(civil && inquiry);
  // The oversight body's auditor reads the whole log: entries about requests of every kind.
  const { context, page } = await ui.signedIn('auditor', `/audit/log?request=${civil.reference}`);
  const errors = jsErrors(page);
  const table = page.locator('[data-testid="audit-log"]');
  const approved = table.locator('tbody tr[data-action="request.transition"]', { hasText: '請求済み' });
  await approved.waitFor();
  assert.match(await approved.innerText(), /署名して請求する（弁護士の署名待ち → 請求済み）/);
  const signed = table.locator('tbody tr[data-action="request.signed"]');
  assert.match(await signed.innerText(), /電子署名（代理人弁護士・法律事務所）/);
  await signed.locator('summary').click();
  assert.match(await signed.locator('[data-testid="audit-details"]').innerText(), /代理人弁護士の鍵/);
  assert.doesNotMatch(await table.innerText(), /決裁|起案/, 'no police words for a lawyer’s request');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Audit log (oversight)' }).waitFor();
  const filed = table.locator('tbody tr[data-action="request.transition"]', { hasText: 'Filed' });
  assert.match(await filed.innerText(), /Sign and file \(Awaiting the lawyer's signature → Filed\)/);
  assert.match(await signed.innerText(), /Signed \(counsel and law office\)/);
  assert.doesNotMatch(await table.innerText(), /approv/i);

  // An inquiry's steps stay the police's.
  await page.locator('input[name="request"]').fill(inquiry.reference);
  await page.getByRole('button', { name: 'Show' }).click();
  const issued = table.locator('tbody tr[data-action="request.transition"]', { hasText: 'Issued' });
  await issued.waitFor();
  assert.match(await issued.innerText(), /Approve \(Awaiting approval → Issued\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an investigator has no audit log in the navigation', async () => {
  const { context, page } = await ui.signedIn('sato');
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link', { name: '検索' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: '監査ログ', exact: true }).count(), 0);
  await context.close();
});

const auditLogFiltersTitle =
  "the audit log's filters: its own field names, a held form, a login hint, kept filters, in the address";
test(auditLogFiltersTitle, async () => {
  const answered = ui.hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
  assert.ok(answered);
  const { context, page } = await ui.signedIn('mpd.kansatsu', '/audit/log');
  const errors = jsErrors(page);
  const table = page.locator('[data-testid="audit-log"]');
  const empty = page.locator('[data-testid="audit-log-empty"]');
  const show = () => page.getByRole('button', { name: '表示' }).click();
  const from = page.getByLabel('期間（この日から）');
  const to = page.getByLabel('期間（この日まで、この日を含む）');
  await table.waitFor();

  // The end before the start: the error names this page's field, not a café terminal's 利用終了.
  await from.fill('2026-12-10');
  await to.fill('2026-12-01');
  await show();
  const headline = await page.locator('[data-testid="error-headline"]').innerText();
  assert.match(headline, /^期間（この日まで、この日を含む）: 期間の終わりは始まりより後にしてください/);
  assert.doesNotMatch(headline, /利用終了/);

  // An old "none" does not stay below a form holding a badly typed date.
  await from.fill('');
  await to.fill('');
  await page.locator('input[name="request"]').fill('SHK-1999-999999');
  await show();
  await empty.waitFor();
  // A changed but well-formed form marks the results shown as the previous filters'.
  await from.fill('2020-01-01');
  await page.locator('[data-testid="audit-log-stale"]').waitFor();
  assert.equal(await page.locator('[data-stale] [data-testid="audit-log-empty"]').count(), 1);
  await from.fill('2026/12/01');
  await page.locator('[data-testid="audit-log-held"]').waitFor();
  assert.equal(await empty.count(), 0, 'the old result is not shown as the answer to the form');
  await show();
  await page.locator('[data-testid="audit-log-held"]').waitFor();
  assert.equal(await empty.count(), 0);
  await from.fill('2020-01-01');
  await page.locator('input[name="request"]').fill('');

  // A name in the person filter: said to take a login, with the person it may mean.
  await page.locator('input[name="person"]').fill('田中');
  await show();
  const hint = page.locator('[data-testid="audit-log-person-hint"]');
  await hint.waitFor();
  assert.match(await hint.innerText(), /「田中」はこの組織の人のログイン名ではありません/);
  await hint.getByRole('button', { name: 'tanaka（田中 課長）' }).click();
  await table.waitFor();
  assert.equal(await page.locator('input[name="person"]').inputValue(), 'tanaka');
  assert.equal(await hint.count(), 0);
  // Another force's login is no person of this one.
  await page.locator('input[name="person"]').fill('osaka');
  await show();
  assert.match(await hint.innerText(), /「osaka」はこの組織の人のログイン名ではありません/);

  // A request's number narrows to it, keeping the period and the person, and says so.
  await page.locator('input[name="person"]').fill('sato');
  await show();
  await table.locator('tbody tr').filter({ hasNotText: '佐藤 巡査部長' }).first().waitFor({ state: 'detached' });
  await table.getByRole('button', { name: answered.reference }).first().click();
  await page.locator('[data-testid="audit-log-said"]').waitFor();
  assert.match(await page.locator('[data-testid="audit-log-said"]').innerText(), /期間と行った人の条件はそのまま/);
  assert.equal(await page.locator('input[name="request"]').inputValue(), answered.reference);
  assert.equal(await page.locator('input[name="person"]').inputValue(), 'sato');
  assert.equal(await from.inputValue(), '2020-01-01');

  // The filters are in the address: a reload (or the address shared) shows the same view.
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('person'), 'sato');
  assert.equal(url.searchParams.get('from'), '2020-01-01');
  assert.equal(url.searchParams.get('request'), answered.reference);
  await page.reload();
  await table.waitFor();
  assert.equal(await page.locator('input[name="person"]').inputValue(), 'sato');
  assert.equal(await page.locator('input[name="request"]').inputValue(), answered.reference);
  assert.equal(await from.inputValue(), '2020-01-01');
  assert.equal(await table.locator('tbody tr').filter({ hasNotText: '佐藤 巡査部長' }).count(), 0);
  await assertAccessible(page, 'audit log filters');
  assert.deepEqual(errors, []);
  await context.close();
});
