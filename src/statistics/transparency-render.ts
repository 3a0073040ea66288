import { formatDate, formatDateTime, formatDuration, formatIsoInZone, JAPAN_ZONE } from '../domain/time.ts';
import {
  type Bilingual,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  type Locale,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  STATISTIC_OUTCOME_LABELS,
  STATISTIC_OUTCOMES,
} from '../domain/vocabulary.ts';
import { type ChartDatum, chartSvg, columns, horizontalBars, periodColumnLabels } from './chart.ts';
import type { TransparencyReport } from './model.ts';

// The transparency report as documents: CSV (one row per number, both languages' labels) and a
// self-contained HTML page (inline SVG charts, inline style, no script, nothing fetched), Japanese first
// with the English beside it; dates with the era year beside the Western year.

type Stats = TransparencyReport['totals'];
type Row = { section: string; key: string; label: Bilingual; value: number | string };

const ZONE = JAPAN_ZONE;
const duration = (ms: number | null): Bilingual =>
  ms === null ? { ja: '—', en: '—' } : { ja: formatDuration(ms, 'ja'), en: formatDuration(ms, 'en') };
const day = (iso: string, locale: Locale) => formatDate(new Date(iso), locale, ZONE);
/** The last instant before an exclusive end. */
const lastDay = (to: string) => new Date(Date.parse(to) - 1).toISOString();
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const L = (ja: string, en: string): Bilingual => ({ ja, en });

/** What the audit log's recount compares, each counted from the records and from the audit log. */
const CHECK_NAMES: Record<TransparencyReport['auditCheck']['checks'][number]['name'], Bilingual> = {
  received: L('受付', 'Received'),
  answered: L('回答', 'Answered'),
  declined: L('回答拒否', 'Declined'),
};

/** What the audit log's recount compares: records / audit log. */
const CHECK_LABELS: Record<TransparencyReport['auditCheck']['checks'][number]['name'], Bilingual> = {
  received: L('受付（記録／監査ログ）', 'Received (records / audit log)'),
  answered: L('回答（記録／監査ログ）', 'Answered (records / audit log)'),
  declined: L('回答拒否（記録／監査ログ）', 'Declined (records / audit log)'),
};

const SUMMARY: Array<[string, Bilingual, (s: Stats) => number | string]> = [
  ['total', L('受け付けた照会', 'Requests received'), (s) => s.total],
  [
    'disclosure_rate',
    L('開示率（回答 ÷ 回答と拒否）', 'Disclosure rate (answered ÷ answered and declined)'),
    (s) => (s.disclosureRate === null ? '' : s.disclosureRate.toFixed(4)),
  ],
  [
    'response_p50_ms',
    L('回答までの時間・中央値（ミリ秒）', 'Time to answer, median (ms)'),
    (s) => s.responseTime.p50Ms ?? '',
  ],
  [
    'response_p90_ms',
    L('回答までの時間・90%（ミリ秒）', 'Time to answer, 90th percentile (ms)'),
    (s) => s.responseTime.p90Ms ?? '',
  ],
  [
    'response_p95_ms',
    L('回答までの時間・95%（ミリ秒）', 'Time to answer, 95th percentile (ms)'),
    (s) => s.responseTime.p95Ms ?? '',
  ],
  ['answered_late', L('期限後の回答', 'Answered after the deadline'), (s) => s.overdue.answeredLate],
  ['open_overdue', L('期限を過ぎて未回答', 'Open past the deadline'), (s) => s.overdue.openOverdue],
  ['emergencies', L('緊急照会の件数', 'Emergency requests (all)'), (s) => s.emergencies.total],
  ['emergencies_answered', L('緊急照会への回答', 'Emergency requests answered'), (s) => s.emergencies.answered],
  ['paper_letters', L('省いた書留（通）', 'Registered letters saved'), (s) => s.paper.letters],
  ['paper_yen', L('省いた郵送料（円）', 'Postage saved (yen)'), (s) => s.paper.yen],
  ['paper_days', L('省いた郵送日数（延べ日）', 'Days in the post saved (in all)'), (s) => s.paper.days],
];

/** A breakdown of the totals by one closed list of the vocabulary: its CSV section, its title, its counts. */
interface Breakdown {
  section: string;
  title: Bilingual;
  entries(s: Stats): Array<{ key: string; label: Bilingual; value: number }>;
}

const breakdown = <K extends string>(
  section: string,
  title: Bilingual,
  keys: readonly K[],
  labels: Readonly<Record<K, Bilingual>>,
  counts: (s: Stats) => Readonly<Record<K, number>>,
): Breakdown => ({
  section,
  title,
  entries: (s) => keys.map((key) => ({ key, label: labels[key], value: counts(s)[key] })),
});

const BREAKDOWNS: Breakdown[] = [
  breakdown('kind', L('種別', 'By kind'), REQUEST_KINDS, REQUEST_KIND_LABELS, (s) => s.byKind),
  breakdown('outcome', L('結果', 'By outcome'), STATISTIC_OUTCOMES, STATISTIC_OUTCOME_LABELS, (s) => s.byOutcome),
  breakdown(
    'category',
    L('求められたデータの種別', 'By data category asked for'),
    DATA_CATEGORIES,
    DATA_CATEGORY_LABELS,
    (s) => s.byCategory,
  ),
  breakdown(
    'decline_reason',
    L('回答拒否の理由', 'By reason for declining'),
    DECLINE_REASONS,
    DECLINE_REASON_LABELS,
    (s) => s.byDeclineReason,
  ),
];

function rows(r: TransparencyReport): Row[] {
  const s = r.totals;
  const out: Row[] = SUMMARY.map(([key, label, get]) => ({ section: 'summary', key, label, value: get(s) }));
  for (const b of BREAKDOWNS) {
    for (const e of b.entries(s)) out.push({ section: b.section, ...e });
  }
  for (const m of r.months) out.push({ section: 'month', key: m.key, label: m.label, value: m.stats.total });
  for (const a of r.agencies) out.push({ section: 'agency', key: a.key, label: a.label, value: a.stats.total });
  for (const c of r.auditCheck.checks) {
    const name = CHECK_NAMES[c.name];
    // Each row says which count it is: six rows labelled only "records" / "audit log" read alike in a sheet.
    out.push({
      section: 'audit_check',
      key: `${c.name}_records`,
      label: L(`${name.ja}（記録から）`, `${name.en} (from the records)`),
      value: c.records,
    });
    out.push({
      section: 'audit_check',
      key: `${c.name}_audit_log`,
      label: L(`${name.ja}（監査ログから）`, `${name.en} (from the audit log)`),
      value: c.auditLog,
    });
  }
  return out;
}

const csvField = (v: string | number) => {
  const s = String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quote it with an apostrophe.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per number (RFC 4180, CRLF, UTF-8 with a BOM so spreadsheets read the Japanese). */
export function transparencyCsv(r: TransparencyReport): string {
  const head = ['section', 'key', 'label_ja', 'label_en', 'value'];
  const meta: Row[] = [
    { section: 'meta', key: 'provider', label: L(r.provider.nameJa, r.provider.nameEn), value: r.provider.id },
    { section: 'meta', key: 'half', label: r.label, value: r.half },
    // The half-year's ends as midnights in Japan with their offset, not the UTC instant of the day before.
    {
      section: 'meta',
      key: 'from',
      label: L('期間の始まり（日本時間）', 'Start of the period (Japan time)'),
      value: formatIsoInZone(new Date(r.from), ZONE),
    },
    {
      section: 'meta',
      key: 'to',
      label: L('期間の終わり（この時刻を含まない）', 'End of the period (this instant excluded)'),
      value: formatIsoInZone(new Date(r.to), ZONE),
    },
    {
      section: 'meta',
      key: 'digest',
      label: L('レポートのダイジェスト（SHA-256）', 'Digest of the report (SHA-256)'),
      value: r.digest,
    },
  ];
  const lines = [head, ...[...meta, ...rows(r)].map((x) => [x.section, x.key, x.label.ja, x.label.en, x.value])];
  return `\ufeff${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const esc = (s: string | number) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const bi = (b: Bilingual) => `${esc(b.ja)} <span lang="en" class="en">${esc(b.en)}</span>`;

/** A two-column table; a value is text (escaped) or bilingual (both languages shown). */
function table(caption: Bilingual, items: Array<{ label: Bilingual; value: string | number | Bilingual }>): string {
  const cell = (v: string | number | Bilingual) => (typeof v === 'object' ? bi(v) : esc(v));
  const body = items.map((i) => `<tr><th scope="row">${bi(i.label)}</th><td>${cell(i.value)}</td></tr>`).join('');
  return `<table><caption>${bi(caption)}</caption><tbody>${body}</tbody></table>`;
}

function chart(title: Bilingual, data: ChartDatum[], kind: 'bars' | 'columns' = 'bars'): string {
  const layout = kind === 'bars' ? horizontalBars(data) : columns(data);
  return `<figure>${chartSvg(layout, `${title.ja} / ${title.en}`)}</figure>`;
}

const NONE = L('この期間に照会はありませんでした。', 'No requests in this period.');

function section(title: Bilingual, data: ChartDatum[], labels: Bilingual[], kind: 'bars' | 'columns' = 'bars'): string {
  // A list with nobody in it (no agency asked) is said in words, not drawn as an empty chart over an empty table.
  if (data.length === 0) return `<section><h2>${bi(title)}</h2><p>${bi(NONE)}</p></section>`;
  const items = data.map((d, i) => ({ label: labels[i] ?? L(d.label, d.label), value: d.value }));
  return `<section><h2>${bi(title)}</h2>${chart(title, data, kind)}${table(title, items)}</section>`;
}

const STYLE = `body{font-family:"Noto Sans CJK JP","Noto Sans JP",sans-serif;margin:2rem;color:#111;max-width:60rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}.en{color:#555;font-size:.9em}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
td{text-align:right}caption{text-align:left;font-weight:600;padding:.25rem 0}figure{margin:.5rem 0}
.chart text{fill:#222}code{word-break:break-all}@media print{section{break-inside:avoid}}`;

/** The report as one HTML document: nothing to fetch, no script; charts as inline SVG. */
export function transparencyHtml(r: TransparencyReport): string {
  const s = r.totals;
  const title = L(`透明性レポート ${r.label.ja}`, `Transparency report ${r.label.en}`);
  const summary = table(L('概要', 'Summary'), [
    { label: L('受け付けた照会', 'Requests received'), value: s.total },
    { label: STATISTIC_OUTCOME_LABELS.answered, value: s.byOutcome.answered },
    { label: STATISTIC_OUTCOME_LABELS.declined, value: s.byOutcome.declined },
    { label: L('開示率', 'Disclosure rate'), value: percent(s.disclosureRate) },
    { label: L('回答までの時間（中央値）', 'Time to answer (median)'), value: duration(s.responseTime.p50Ms) },
    { label: L('回答までの時間（90%）', 'Time to answer (90th percentile)'), value: duration(s.responseTime.p90Ms) },
    { label: L('回答までの時間（95%）', 'Time to answer (95th percentile)'), value: duration(s.responseTime.p95Ms) },
    { label: L('期限後の回答', 'Answered after the deadline'), value: s.overdue.answeredLate },
    { label: L('期限を過ぎて未回答', 'Open past the deadline'), value: s.overdue.openOverdue },
    {
      label: L('緊急照会（うち回答）', 'Emergency requests (answered)'),
      value: `${s.emergencies.total} (${s.emergencies.answered})`,
    },
  ]);
  const monthKeys = r.months.map((m) => m.key);
  const [monthLabels, monthLabelsEn] = [periodColumnLabels(monthKeys, 'ja'), periodColumnLabels(monthKeys, 'en')];
  const parts = [
    `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${esc(title.ja)} — ` +
      `${esc(r.provider.nameJa)}</title>`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>`,
    `<h1>${bi(title)}</h1><p>${bi(L(r.provider.nameJa, r.provider.nameEn))}</p>`,
    `<p>${bi(
      L(
        `対象期間：${day(r.from, 'ja')}〜${day(lastDay(r.to), 'ja')}（発出日で数える）`,
        `Period: ${day(r.from, 'en')} to ${day(lastDay(r.to), 'en')} (by date of issue)`,
      ),
    )}</p>`,
    summary,
    section(
      L('月別の件数', 'Requests by month'),
      r.months.map((m, i) => ({
        key: m.key,
        label: monthLabels[i] ?? m.label.ja,
        labelEn: monthLabelsEn[i] ?? m.label.en,
        value: m.stats.total,
      })),
      r.months.map((m) => m.label),
      'columns',
    ),
    ...BREAKDOWNS.map((b) => {
      const entries = b.entries(s);
      return section(
        b.title,
        entries.map((e) => ({ key: e.key, label: e.label.ja, labelEn: e.label.en, value: e.value })),
        entries.map((e) => e.label),
      );
    }),
    section(
      L('照会機関別', 'By requesting agency'),
      r.agencies.map((a) => ({ key: a.key, label: a.label.ja, labelEn: a.label.en, value: a.stats.total })),
      r.agencies.map((a) => a.label),
    ),
    `<section><h2>${bi(L('紙の場合との比較（推計）', 'Compared with paper (estimate)'))}</h2>`,
    `<p>${bi(
      L(
        `書留 ${s.paper.letters} 通、郵送料 ${s.paper.yen.toLocaleString('ja-JP')} 円、` +
          `郵送日数 延べ ${s.paper.days} 日を省きました。`,
        `Saved ${s.paper.letters} registered letters, ¥${s.paper.yen.toLocaleString('en-GB')} of postage ` +
          `and ${s.paper.days} days in the post in all.`,
      ),
    )}</p>`,
    `<p>${bi(
      L(
        `前提：書留1通 ${r.assumptions.yenPerLetter} 円、1往路あたり約 ${r.assumptions.daysPerHop} 日。` +
          '照会の送付、回答または拒否の通知、確認のやり取り1通ごとに1通（国際共助は除く）。',
        `Assumptions: ¥${r.assumptions.yenPerLetter} per registered letter, ` +
          `about ${r.assumptions.daysPerHop} days per hop; one letter for the request, ` +
          'one for the answer or refusal, one per clarification letter (mutual legal assistance excluded).',
      ),
    )}</p></section>`,
    `<section><h2>${bi(L('数値の検証', 'Checking the numbers'))}</h2>`,
    `<p>${bi(
      L(
        'すべての数値は照会の記録から集計したもので、手入力ではありません。同じ照会を監査ログの記録からも数え直しています。',
        'Every number is counted from the request records, none typed in; ' +
          'the same requests are counted again from the audit log.',
      ),
    )}</p>`,
    table(
      L(
        r.auditCheck.ok ? '監査ログとの照合：一致' : '監査ログとの照合：不一致',
        r.auditCheck.ok ? 'Audit log check: agrees' : 'Audit log check: DISAGREES',
      ),
      r.auditCheck.checks.map((c) => ({ label: CHECK_LABELS[c.name], value: `${c.records} / ${c.auditLog}` })),
    ),
    `<p>${bi(
      L(
        `集計時刻 ${formatDateTime(new Date(r.asOf.at), 'ja', ZONE)}、監査ログ ${r.asOf.auditSize} 件の時点。`,
        `Counted at ${formatDateTime(new Date(r.asOf.at), 'en', ZONE)}, audit log of ${r.asOf.auditSize} entries.`,
      ),
    )}</p>`,
    `<p>${bi(
      L(
        'レポートのダイジェスト（監査ログの出力記録と同じ値）',
        'Digest of the report (the same value is in the audit entry of this export)',
      ),
    )}: <code>${esc(r.digest)}</code></p></section>`,
    '</body></html>',
  ];
  return `${parts.join('\n')}\n`;
}
