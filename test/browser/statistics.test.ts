// The statistics screen in a real browser (Debian's chromium): its charts are drawn — bars with a real
// size, one per member, each carrying the count the API returned — and the page passes the
// accessibility check in both languages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiSettled, assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

interface Report {
  totals: { total: number; byKind: Record<string, number>; byOutcome: Record<string, number> };
  groups: Array<{ key: string; stats: { total: number } }>;
}

/** What the API says for the screen's default filter: this JST year to the end of today, by month. */
async function apiReport(login: string): Promise<Report> {
  const jst = new Date(Date.now() + 9 * 3600_000).toISOString();
  const tomorrow = new Date(Date.parse(`${jst.slice(0, 10)}T00:00:00+09:00`) + 86400_000 + 9 * 3600_000);
  const from = `${jst.slice(0, 4)}-01-01T00:00:00+09:00`;
  const to = `${tomorrow.toISOString().slice(0, 10)}T00:00:00+09:00`;
  const call = await ui.hub.api(login);
  const r = await call<Report>(
    'GET',
    `/v1/statistics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=period&period=month`,
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

test('a provider’s statistics: charts drawn in the browser with the API’s counts', async () => {
  const expected = await apiReport('board.legal');
  assert.ok(expected.totals.total > 0);
  const { context, page } = await ui.signedIn('board.legal');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '統計' }).click();
  await page.getByRole('heading', { name: '統計', exact: true }).waitFor();
  const kind = page.locator('[data-testid="chart-kind"]');
  await kind.waitFor();
  // One bar per kind, each with the API's number; the drawn bars have a width in proportion.
  const bars = await kind.locator('g[data-key]').evaluateAll((gs) =>
    gs.map((g) => {
      const rect = g.querySelector('rect') as { getBBox(): { width: number } } | null;
      return {
        key: g.getAttribute('data-key'),
        value: Number(g.getAttribute('data-value')),
        width: rect?.getBBox().width ?? 0,
      };
    }),
  );
  assert.equal(bars.length, 7);
  for (const b of bars) {
    assert.equal(b.value, expected.totals.byKind[b.key ?? ''], `kind ${b.key}`);
    assert.equal(b.width > 0, b.value > 0, `bar ${b.key} drawn in proportion`);
  }
  const box = await kind.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, `chart on screen: ${JSON.stringify(box)}`);
  // The months of the year so far, as columns, adding up to the total.
  const months = await page
    .locator('[data-testid="chart-groups"] g[data-key]')
    .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))));
  assert.equal(months.length, expected.groups.length);
  assert.equal(
    months.reduce((a, b) => a + b, 0),
    expected.totals.total,
  );
  assert.equal(
    await page.locator('[data-testid="stats-scope"]').innerText(),
    '貴組織に届いた照会を数えています。',
    'the page says what it counts',
  );
  const headline = await page.locator('[data-testid="stats-headline"] [data-stat="total"] dd').innerText();
  assert.equal(headline, String(expected.totals.total));
  const auditCheck = await page.locator('[data-testid="stats-audit-check"]').innerText();
  assert.match(auditCheck, /監査ログと一致/);
  // Japanese runs its items on with 「、」, never ", ".
  assert.match(auditCheck, /ログ \d+、回答/);
  // Delivery is counted as such: an agency's MLAT package is never delivered, and "受付" read as a shortfall.
  assert.match(auditCheck, /事業者に到達 記録 \d+／ログ \d+/);
  assert.doesNotMatch(auditCheck, /, /);
  assert.match(await page.locator('[data-testid="stats-paper"]').innerText(), /書留 \d+ 通分/);
  await shot(page, '40-statistics-ja');
  await assertAccessible(page, 'statistics (ja)');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Statistics', exact: true }).waitFor();
  await page.getByLabel('Break down').selectOption('agency');
  await page.locator('[data-testid="stats-groups"]').getByText('Osaka Prefectural Police').waitFor();
  await shot(page, '41-statistics-by-agency-en');
  await assertAccessible(page, 'statistics by agency (en)');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('the HTML transparency report renders its charts in the browser', async () => {
  const jst = new Date(Date.now() + 9 * 3600_000);
  const half = `${jst.getUTCFullYear()}-H${jst.getUTCMonth() < 6 ? 1 : 2}`;
  const call = await ui.hub.api('board.legal');
  const json = await call<Report & { months: unknown[] }>('GET', `/v1/statistics/transparency?half=${half}`);
  assert.equal(json.status, 200, JSON.stringify(json.body));
  const html = await call<string>('GET', `/v1/statistics/transparency?half=${half}&format=html`);
  assert.equal(html.status, 200);
  assert.equal(typeof html.body, 'string');
  const { context, page } = await ui.desk();
  // The document as a person opens the downloaded file: no server, no script, nothing fetched.
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.setContent(html.body, { waitUntil: 'load' });
  assert.deepEqual(fetched, [], 'the report fetches nothing');
  const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
    svgs.map((svg) => ({
      title: svg.querySelector('title')?.textContent ?? '',
      width: svg.getBoundingClientRect().width,
      bars: [...svg.querySelectorAll('g[data-key]')].map((g) => ({
        key: g.getAttribute('data-key') ?? '',
        value: Number(g.getAttribute('data-value')),
        drawn: (() => {
          const box = (g.querySelector('rect') as { getBBox(): { width: number; height: number } } | null)?.getBBox();
          // An SVGRect's fields live on its prototype: copy them out of the page.
          return { width: box?.width ?? 0, height: box?.height ?? 0 };
        })(),
      })),
    })),
  );
  assert.ok(charts.length >= 6, `charts: ${charts.map((c) => c.title).join(', ')}`);
  const kinds = charts.find((c) => c.title === '種別 / By kind');
  assert.ok(kinds);
  for (const b of kinds.bars) {
    assert.equal(b.value, json.body.totals.byKind[b.key], `kind ${b.key}`);
    assert.equal(b.drawn.width > 0, b.value > 0, `bar ${b.key} drawn in proportion`);
  }
  const months = charts.find((c) => c.title === '月別の件数 / Requests by month');
  assert.equal(months?.bars.length, 6);
  assert.ok(months?.bars.some((b) => b.value > 0 && b.drawn.height > 0));
  for (const c of charts) assert.ok(c.width > 200, `${c.title} is drawn (${c.width}px)`);
  await shot(page, '42-transparency-report-html');
  await context.close();
});

test('search finds a request by identifier; the case page says what was identified so far', async () => {
  const { context, page } = await ui.signedIn('sato');
  // An investigator's statistics are the unit's, and the page says so.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '統計' }).click();
  await page.locator('[data-testid="stats-scope"]').getByText('所属が発出した照会を数えています。').waitFor();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '検索' }).click();
  await page.getByRole('heading', { name: '照会の検索' }).waitFor();
  await page.getByLabel('検索語').fill('203.0.113.7');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.locator('[data-testid="search-count"]').getByText('2 件').waitFor();
  assert.equal(await page.locator('table.requests tbody tr').count(), 2);
  // The download holds the same two requests, as CSV.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV で保存' }).click(),
  ]);
  const csv = readFileSync((await download.path()) ?? assert.fail('downloaded'), 'utf8');
  assert.match(download.suggestedFilename(), /\.csv$/);
  assert.equal(csv.trim().split('\r\n').length, 3);
  const shown = await page.locator('table.requests tbody').innerText();
  const inFile = csv.match(/SHK-\d{4}-\d{6}/g) ?? [];
  assert.equal(inFile.length, 2);
  for (const reference of inFile) assert.ok(shown.includes(reference), `${reference} is listed on the page too`);
  await shot(page, '43-search-ja');
  await assertAccessible(page, 'search');
  // Back from a result, the search is still there: its words and its list, held in the address.
  assert.equal(new URL(page.url()).searchParams.get('q'), '203.0.113.7');
  await page.locator('table.requests tbody th a').first().click();
  await page.waitForURL('**/requests/*');
  await page.goBack();
  await page.locator('[data-testid="search-count"]').getByText('2 件').waitFor();
  assert.equal(await page.getByLabel('検索語').inputValue(), '203.0.113.7');
  // Another force's request is not found from here.
  await page.getByLabel('検索語').fill('osaka-unknown-1');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.locator('[data-testid="search-count"]').getByText('0 件').waitFor();
  // A day that is none, or a last day before the first: said beside the field, focus there, the API not
  // asked (it named its parameter: 期間の始まり（from）), the address and the list as they were.
  const before = page.url();
  const fromField = page.getByLabel('日付（から、日本時間）');
  const toField = page.getByLabel('日付（まで、この日を含む）');
  await fromField.fill('2026-02-30');
  await page.locator('.field-error').getByText('2026-02-30 という日はありません').waitFor();
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await apiSettled(page);
  assert.equal(await fromField.evaluate((el) => el.matches(':focus')), true, 'focus on the bad day');
  assert.equal(page.url(), before);
  assert.equal(await page.locator('[data-testid="error-notice"]').count(), 0, 'no refusal of the API');
  await fromField.fill('2026-12-31');
  await toField.fill('2026-01-01');
  await page.locator('.field-error').getByText('終了日は開始日と同じか、それより後の日にしてください').waitFor();
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await apiSettled(page);
  assert.equal(await toField.evaluate((el) => el.matches(':focus')), true, 'focus on the last day');
  assert.equal(page.url(), before);
  // The same day in a shared address: said, not sent.
  await page.goto(`${ui.hub.url}/search?q=203.0.113.7&from=2026-02-30`);
  await page.locator('.field-error').getByText('2026-02-30 という日はありません').waitFor();
  await apiSettled(page);
  assert.equal(await page.locator('[data-testid="error-notice"]').count(), 0, 'no refusal of the API');
  await fromField.fill('');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.locator('[data-testid="search-count"]').getByText('2 件').waitFor();

  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '事件' }).click();
  await page.getByRole('link', { name: '令和8年 第1234号 脅迫被疑事件' }).first().click();
  const summary = page.locator('[data-testid="case-summary"]');
  await summary.waitFor();
  assert.match(await summary.locator('[data-stat="total"] dd').innerText(), /^\d+$/);
  assert.ok(Number(await summary.locator('[data-stat="answered"] dd').innerText()) >= 1);
  assert.match(await page.locator('[data-testid="case-asked"]').innerText(), /203\.0\.113\.7/);
  await shot(page, '44-case-summary-ja');
  await assertAccessible(page, 'case summary');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test("the force's statistics officer: every unit's counts, said so in both languages, and no request", async () => {
  const expected = await apiReport('mpd.toukei');
  assert.ok(expected.totals.total > 0);
  const { context, page } = await ui.signedIn('mpd.toukei');
  const errors = jsErrors(page);
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link').first().waitFor();
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['ホーム', '統計', '文書の検証', '自分のパスキー']);
  const main = page.locator('main');
  assert.match(await main.locator('[data-testid="role-scope"]').innerText(), /^統計担当は、組織のすべての所属/);
  await main.locator('ul.task-links').getByRole('link', { name: '統計' }).click();
  const scope = page.locator('[data-testid="stats-scope"]');
  await scope.waitFor();
  assert.equal(
    await scope.innerText(),
    '警視庁のすべての所属が発出した照会を数えています（件数のみ。期間は日本時間の日単位）。',
  );
  const headline = await page.locator('[data-testid="stats-headline"] [data-stat="total"] dd').innerText();
  assert.equal(headline, String(expected.totals.total));
  await page.getByLabel('内訳').selectOption('unit');
  await page.locator('[data-testid="stats-groups"]').getByText('サイバー犯罪対策課 第一係').waitFor();
  await shot(page, '45-statistics-force-ja');
  await assertAccessible(page, "the force's statistics (ja)");
  // A day that is none, or a last day before the first: said beside the field in the form's words,
  // not as the API's refusal naming its parameters (利用開始, "(to)").
  const fromField = page.getByLabel('開始日（日本時間）');
  const toField = page.getByLabel('終了日（この日を含む）');
  const [from, to] = [await fromField.inputValue(), await toField.inputValue()];
  await fromField.fill('2026-02-30');
  await page.locator('.field-error').getByText('2026-02-30 という日はありません').waitFor();
  await fromField.fill('2026-12-31');
  await toField.fill('2026-01-01');
  await page.locator('.field-error').getByText('終了日は開始日と同じか、それより後の日にしてください').waitFor();
  await apiSettled(page);
  assert.equal(await page.locator('[data-testid="error-notice"]').count(), 0, 'no refusal of the API');
  // A period without requests says so in words, not only with 0 and — in the tiles.
  assert.equal(await page.locator('[data-testid="stats-empty"]').count(), 0);
  await fromField.fill('2020-01-01');
  await toField.fill('2020-12-31');
  await page
    .locator('[data-testid="stats-empty"]')
    .getByText(/^この期間に数える照会はありません。/)
    .waitFor();
  await fromField.fill(from);
  await toField.fill(to);
  await page.locator('.field-error').first().waitFor({ state: 'detached' });
  await page.locator('[data-testid="stats-empty"]').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'English' }).click();
  await page
    .locator('[data-testid="stats-scope"]')
    .getByText(
      'Counting the requests every unit of Tokyo Metropolitan Police Department issued ' +
        '(counts only, over whole days in Japan time).',
    )
    .waitFor();
  await page
    .locator('[data-testid="stats-audit-check"]')
    .getByText(/delivered to a provider: records \d+ \/ log \d+; answered: records/)
    .waitFor();
  await assertAccessible(page, "the force's statistics (en)");
  // A request's page by its address is not theirs.
  await page.goto(`${ui.hub.url}/requests`);
  await page
    .locator('[data-testid="not-permitted"]')
    .getByText(/Statistics officer/)
    .waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the force's administrator offers the statistics officer's role, in both languages", async () => {
  const { context, page } = await ui.signedIn('mpd.admin');
  await page.goto(`${ui.hub.url}/admin`);
  await page
    .getByRole('link', { name: /警視庁/ })
    .first()
    .click();
  const form = page.getByRole('form', { name: '利用者の登録' });
  await form.getByLabel('統計担当').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('form', { name: 'Add a user' }).getByLabel('Statistics officer').waitFor();
  await context.close();
});
