// A provider's half-year transparency report: JSON, CSV and HTML from the API and from the command
// line carry the numbers counted directly from the records, on SQLite and PostgreSQL; the HTML holds its
// charts as inline SVG with those numbers; every export is audited with its digest; only the provider
// itself or the oversight body may produce it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { periodKey, periodRange } from '../../src/domain/statistics.ts';
import type { TransparencyReport } from '../../src/statistics/transparency.ts';
import { openStore } from '../../src/store/database.ts';
import { auditEntries } from '../support/audit.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';
import { countFromRecords, nonZero } from '../support/record-counts.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');

/** Parses the report's CSV (RFC 4180 with quoted fields) into section/key → value. */
function csvValues(text: string): Map<string, string> {
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean)) {
    const cells: string[] = [];
    for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
      cells.push(m[1]?.replace(/""/g, '"') ?? m[2] ?? '');
    rows.push(cells);
  }
  assert.deepEqual(rows[0], ['section', 'key', 'label_ja', 'label_en', 'value']);
  return new Map(rows.slice(1).map((r) => [`${r[0]}/${r[1]}`, r[4] ?? '']));
}

/** The values the HTML's charts were drawn with: figure title → key → value. */
function chartValues(html: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const svg of html.matchAll(/<svg[^>]*class="chart"[^>]*><title>([^<]*)<\/title>(.*?)<\/svg>/gs)) {
    const bars = new Map<string, number>();
    for (const g of (svg[2] ?? '').matchAll(/<g data-key="([^"]*)" data-value="(\d+)">/g))
      bars.set(g[1] ?? '', Number(g[2]));
    out.set(svg[1] ?? '', bars);
  }
  return out;
}

for (const dialect of testDialects()) {
  describe(`transparency report over the demo (${dialect})`, () => {
    let hub: TestHub;
    let half: string;
    let board: string;
    before(async () => {
      hub = await startHub(dialect);
      half = periodKey(hub.ctx.clock().toISOString(), 'half');
      board = await orgId(hub, 'Sakura Board K.K.');
    });
    after(async () => hub.close());

    test('JSON, CSV and HTML carry the records’ counts; the export is audited', async () => {
      const legal = await hub.as('board.legal');
      const json = await legal.call<TransparencyReport>('GET', `/v1/statistics/transparency?half=${half}`);
      assert.equal(json.status, 200, JSON.stringify(json.body));
      const range = periodRange(half);
      assert.ok(range);
      const records = await countFromRecords(hub.ctx.store.db, { ...range, providerId: board });
      const r = json.body;
      assert.equal(r.provider.id, board);
      assert.equal(r.totals.total, records.total);
      assert.ok(r.totals.total >= 4);
      assert.deepEqual(nonZero(r.totals.byKind), records.byKind);
      assert.deepEqual(nonZero(r.totals.byOutcome), records.byOutcome);
      assert.deepEqual(nonZero(r.totals.byDeclineReason), records.byDeclineReason);
      assert.equal(r.months.length, 6);
      assert.equal(r.auditCheck.ok, true);
      const audited = (await auditEntries(hub.ctx.store.db, 'transparency.exported')).at(-1) ?? assert.fail('audited');
      assert.equal(audited.subjectId, board);
      assert.equal(audited.details.digest, r.digest);

      const csv = await fetch(`${hub.url}/v1/statistics/transparency?half=${half}&format=csv`, {
        headers: { authorization: `Bearer ${legal.token}` },
      });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      const bytes = Buffer.from(await csv.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so spreadsheets read the Japanese');
      const v = csvValues(bytes.toString('utf8'));
      assert.equal(v.get('summary/total'), String(records.total));
      for (const [k, n] of Object.entries(records.byKind)) assert.equal(v.get(`kind/${k}`), String(n), `csv kind ${k}`);
      assert.equal(v.get('decline_reason/not_our_customer'), '1');
      assert.equal(v.get('meta/digest'), r.digest);

      const res = await fetch(`${hub.url}/v1/statistics/transparency?half=${half}&format=html`, {
        headers: { authorization: `Bearer ${legal.token}` },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="transparency-.*\.html"/);
      const html = await res.text();
      assert.doesNotMatch(html, /<script/i, 'no script in the report');
      assert.match(html, /令和\d+年（\d{4}年）/, 'the era year beside the Western year');
      const charts = chartValues(html);
      const kinds = charts.get('種別 / By kind');
      assert.ok(kinds, [...charts.keys()].join(', '));
      for (const [k, n] of kinds) assert.equal(n, records.byKind[k] ?? 0, `html kind ${k}`);
      const months = charts.get('月別の件数 / Requests by month');
      assert.equal(
        [...(months?.values() ?? [])].reduce((a, b) => a + b, 0),
        records.total,
      );
      assert.ok(html.includes(r.digest));
      // Each bar's label in both languages: Japanese for a reader whose browser asks for it, else English.
      const kindChart = /<svg[^>]*><title>種別 \/ By kind<\/title>(.*?)<\/svg>/s.exec(html)?.[1] ?? '';
      const labels = [
        ...kindChart.matchAll(/<switch><text [^>]*systemLanguage="ja">([^<]*)<\/text><text [^>]*>([^<]*)<\/text>/g),
      ];
      assert.equal(labels.length, kinds.size, 'every bar labelled in both languages');
      assert.ok(
        labels.some(([, ja, en]) => ja === '捜査関係事項照会' && en === 'Inquiry'),
        kindChart.slice(0, 400),
      );
      const monthChart = /<title>月別の件数 \/ Requests by month<\/title>(.*?)<\/svg>/s.exec(html)?.[1] ?? '';
      assert.match(monthChart, /<switch><text [^>]*systemLanguage="ja">\d+月<\/text><text [^>]*>[A-Z][a-z]{2}<\/text>/);
    });

    test('as a reader opens it: the period in Japan time, no two rows alike, a quiet half-year in words', async () => {
      const legal = await hub.as('board.legal');
      const get = async (h: string, format: string) => {
        const res = await fetch(`${hub.url}/v1/statistics/transparency?half=${h}&format=${format}`, {
          headers: { authorization: `Bearer ${legal.token}` },
        });
        assert.equal(res.status, 200);
        return res.text();
      };
      const csv = await get(half, 'csv');
      const v = csvValues(csv);
      // The half-year begins and ends at midnight in Japan, written so (not the UTC instant of the day before).
      const [year, h] = half.split('-H');
      const start = h === '1' ? `${year}-01-01` : `${year}-07-01`;
      assert.equal(v.get('meta/from'), `${start}T00:00:00+09:00`);
      assert.match(v.get('meta/to') ?? '', /^\d{4}-(01|07)-01T00:00:00\+09:00$/);
      // A spreadsheet reader tells the rows apart by their labels: none is written twice, in either language.
      const rows = csv
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => m[1] ?? m[2] ?? ''));
      for (const col of [2, 3]) {
        const seen = new Map<string, string>();
        for (const r of rows) {
          const label = r[col] ?? '';
          const before = seen.get(label);
          assert.equal(before, undefined, `"${label}" labels both ${before} and ${r[0]}/${r[1]}`);
          seen.set(label, `${r[0]}/${r[1]}`);
        }
      }
      // A half-year with no request: its sections say so, rather than an empty table under an empty chart.
      const quiet = `${Number(year) - 1}-H1`;
      const html = await get(quiet, 'html');
      assert.doesNotMatch(html, /<tbody><\/tbody>/, 'no empty table');
      assert.match(
        html,
        /この期間に照会はありませんでした。 <span lang="en" class="en">No requests in this period\.<\/span>/,
      );
      const agencies = /<section><h2>照会機関別.*?<\/section>/s.exec(html)?.[0] ?? assert.fail('the agency section');
      assert.doesNotMatch(agencies, /<svg/, 'no chart without a bar');
    });

    test('only the provider itself or the oversight body produces it', async () => {
      const isp = await orgId(hub, 'Nihon Network Communications K.K.');
      const q = `/v1/statistics/transparency?half=${half}`;
      assert.equal((await (await hub.as('tanaka')).call('GET', q)).status, 403, 'an agency');
      assert.equal((await (await hub.as('board.legal')).call('GET', `${q}&providerId=${isp}`)).status, 403);
      assert.equal((await (await hub.as('judge')).call('GET', q)).status, 403);
      const auditor = await hub.as('auditor');
      const missing = await auditor.call<{ error: { details: { field: string } } }>('GET', q);
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.details.field, 'providerId');
      const named = await auditor.call<TransparencyReport>('GET', `${q}&providerId=${isp}`);
      assert.equal(named.status, 200);
      assert.equal(named.body.provider.nameEn, 'Nihon Network Communications K.K.');
      const notProvider = await auditor.call('GET', `${q}&providerId=${await orgId(hub, 'Osaka Prefectural Police')}`);
      assert.equal(notProvider.status, 404);
      const badHalf = await auditor.call<{ error: { message: { ja: string }; details: { field: string } } }>(
        'GET',
        `/v1/statistics/transparency?half=2026-H3&providerId=${isp}`,
      );
      assert.equal(badHalf.status, 400);
      assert.equal(badHalf.body.error.details.field, 'half');
      assert.equal(
        badHalf.body.error.message.ja,
        '半期は 2026-H1（1〜6月）または 2026-H2（7〜12月）のように書いてください',
      );
    });
  });

  // The command runs the same service as the API (above, on both stores); spawning it is slow, so once.
  if (dialect !== 'sqlite') continue;
  describe(`shokai report transparency (${dialect})`, () => {
    const { dir, freshForCli } = suiteLocation(dialect, 'shokai-report-');

    test('writes the HTML, CSV and JSON reports of a provider from the store', async () => {
      const loc = await freshForCli();
      const env = { ...process.env, SHOKAI_LANG: 'en', ...loc.env };
      const shokai = (args: string[]) =>
        spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
      const demo = shokai(['demo', '--json']);
      assert.equal(demo.status, 0, demo.stderr);
      const store = await openStore(loc.location, { migrate: false });
      try {
        const row = await store.db
          .selectFrom('organisations')
          .select('id')
          .where('name_en', '=', 'Sakura Board K.K.')
          .executeTakeFirstOrThrow();
        const half = periodKey(new Date().toISOString(), 'half');
        const range = periodRange(half);
        assert.ok(range);
        const records = await countFromRecords(store.db, { ...range, providerId: row.id });
        const out = join(dir, 'report.json');
        const j = shokai([
          'report',
          'transparency',
          '--half',
          half,
          '--provider',
          row.id,
          '--format',
          'json',
          '--out',
          out,
        ]);
        assert.equal(j.status, 0, j.stderr);
        assert.match(j.stderr, /wrote .*report\.json \(\d+ requests, digest [0-9a-f]{64}\)/);
        const report = JSON.parse(readFileSync(out, 'utf8')) as TransparencyReport;
        assert.equal(report.totals.total, records.total);
        assert.deepEqual(nonZero(report.totals.byKind), records.byKind);
        // As one of the provider's people, without naming it: HTML (the default) on standard output.
        const html = shokai(['report', 'transparency', '--half', half, '--as', 'board.legal']);
        assert.equal(html.status, 0, html.stderr);
        assert.match(html.stdout, /^<!doctype html>/);
        assert.match(html.stdout, /<svg[^>]*class="chart"/);
        assert.ok(html.stdout.includes(report.provider.nameJa));
        // An agency's person is refused; a bad half-year is named.
        const asAgency = shokai(['report', 'transparency', '--half', half, '--as', 'sato']);
        assert.equal(asAgency.status, 1);
        assert.match(asAgency.stderr, /^shokai: \S/);
        assert.doesNotMatch(asAgency.stderr, /FORBIDDEN/, 'words, not a code');
        const bad = shokai(['report', 'transparency', '--half', '2026-H3', '--provider', row.id]);
        assert.equal(bad.status, 1);
        assert.equal(
          bad.stderr.trim(),
          'shokai: a half-year is written like 2026-H1 (January–June) or 2026-H2 (July–December) ' +
            '(half-year --half: "2026-H3")',
          'what is expected, and the option by its words',
        );
      } finally {
        await store.close();
      }
    });
  });
}
