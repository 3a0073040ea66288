import { useState } from 'react';
import { periodColumnLabels } from '#shokai/charts';
import {
  type Bilingual,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  PERIOD_GRANULARITIES,
  PERIOD_GRANULARITY_LABELS,
  type PeriodGranularity,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  STATISTIC_GROUPING_LABELS,
  STATISTIC_GROUPINGS,
  STATISTIC_OUTCOME_LABELS,
  STATISTIC_OUTCOMES,
  type StatisticGrouping,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { Statistics } from '../api/types.ts';
import { Chart } from '../components/chart.tsx';
import { SelectChoice } from '../components/choices.tsx';
import { LoadState, orgName, Section, StatTiles } from '../components/common.tsx';
import { DateField, isCalendarDay } from '../components/date-field.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { statisticsFieldInWords } from '../lib/error-text.ts';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;
/** Today's date in Japan (the statistics' periods are JST calendar periods). */
const jstDate = (ms: number) => new Date(ms + JST_MS).toISOString().slice(0, 10);

export function StatisticsPage() {
  const { t, bi, locale, duration, dateTime } = useI18n();
  const me = useMe();
  const today = jstDate(Date.now());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<StatisticGrouping>('period');
  const [period, setPeriod] = useState<PeriodGranularity>('month');
  const report = useAsync(async () => {
    if (!isCalendarDay(from) || !isCalendarDay(to) || to < from) return undefined;
    // The last day is included: the period ends at midnight (JST) after it.
    const end = jstDate(Date.parse(`${to}T00:00:00+09:00`) + DAY_MS);
    return api.statistics({ from: `${from}T00:00:00+09:00`, to: `${end}T00:00:00+09:00`, groupBy, period });
  }, [from, to, groupBy, period]);
  const ms = (v: number | null) => (v === null ? '—' : duration(v));
  /** A chart's bars: one per member of a closed list, labelled, with its count. */
  const bars = <K extends string>(keys: readonly K[], labels: Record<K, Bilingual>, counts: Record<K, number>) =>
    keys.map((k) => ({ key: k, label: bi(labels[k]), value: counts[k] }));
  const r = report.data;
  const periodLabels = periodColumnLabels(r?.groups.map((g) => g.key) ?? [], locale);
  return (
    <div>
      <h1>{t('stats.title')}</h1>
      <p className="muted">{t('stats.lead')}</p>
      <FilterBar label={t('stats.filters')}>
        <DateField label={t('stats.from')} value={from} onChange={setFrom} zoneNote={t('date.japanZone')} />
        <DateField
          label={t('stats.to')}
          value={to}
          onChange={setTo}
          zoneNote={t('date.japanZone')}
          error={isCalendarDay(from) && isCalendarDay(to) && to < from ? t('date.endBeforeStart') : null}
        />
        <SelectChoice
          label={t('stats.groupBy')}
          options={STATISTIC_GROUPINGS}
          labels={STATISTIC_GROUPING_LABELS}
          value={groupBy}
          onChange={setGroupBy}
        />
        {groupBy === 'period' && (
          <SelectChoice
            label={t('stats.period')}
            options={PERIOD_GRANULARITIES}
            labels={PERIOD_GRANULARITY_LABELS}
            value={period}
            onChange={setPeriod}
          />
        )}
      </FilterBar>
      <LoadState of={report} fieldWords={statisticsFieldInWords} />
      {r && (
        <>
          <p className="muted" data-testid="stats-scope">
            {t(`stats.scope.${r.scope}`, { name: orgName(me.organisation, locale) })}
          </p>
          {r.totals.total === 0 && <p data-testid="stats-empty">{t('stats.empty')}</p>}
          <Headline s={r.totals} ms={ms} />
          <p className={r.auditCheck.ok ? 'muted' : 'field-error'} data-testid="stats-audit-check">
            {r.auditCheck.ok ? t('stats.auditOk') : t('stats.auditMismatch')}{' '}
            {r.auditCheck.checks
              .map((c) =>
                t('stats.auditCheckItem', { name: t(`stats.check.${c.name}`), records: c.records, log: c.auditLog }),
              )
              .join(locale === 'ja' ? '、' : '; ')}
          </p>
          {r.groups.length > 0 && (
            <Section title={bi(STATISTIC_GROUPING_LABELS[r.groupBy])}>
              <Chart
                kind={r.groupBy === 'period' ? 'columns' : 'bars'}
                title={`${t('stats.total')} — ${bi(STATISTIC_GROUPING_LABELS[r.groupBy])}`}
                testId="chart-groups"
                data={r.groups.map((g, i) => ({
                  key: g.key || '-',
                  label: r.groupBy === 'period' ? (periodLabels[i] ?? bi(g.label)) : bi(g.label),
                  value: g.stats.total,
                }))}
              />
              <GroupTable groups={r.groups} ms={ms} />
            </Section>
          )}
          <div className="chart-grid">
            {[
              {
                title: t('stats.byKind'),
                testId: 'chart-kind',
                data: bars(REQUEST_KINDS, REQUEST_KIND_LABELS, r.totals.byKind),
              },
              {
                title: t('stats.byOutcome'),
                testId: 'chart-outcome',
                data: bars(STATISTIC_OUTCOMES, STATISTIC_OUTCOME_LABELS, r.totals.byOutcome),
              },
              {
                title: t('stats.byCategory'),
                testId: 'chart-category',
                data: bars(DATA_CATEGORIES, DATA_CATEGORY_LABELS, r.totals.byCategory),
              },
              {
                title: t('stats.byDeclineReason'),
                testId: 'chart-decline',
                data: bars(DECLINE_REASONS, DECLINE_REASON_LABELS, r.totals.byDeclineReason),
              },
            ].map((c) => (
              <Section key={c.testId} title={c.title}>
                <Chart title={c.title} testId={c.testId} data={c.data} />
              </Section>
            ))}
          </div>
          <Section title={t('stats.paper')}>
            <p data-testid="stats-paper">
              {t('stats.paperSaved', {
                letters: r.totals.paper.letters,
                yen: r.totals.paper.yen.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB'),
                days: r.totals.paper.days,
              })}
            </p>
            <p className="hint">
              {t('stats.paperAssumptions', { yen: r.assumptions.yenPerLetter, days: r.assumptions.daysPerHop })}
            </p>
          </Section>
          <p className="hint">
            {t('stats.asOf', { at: dateTime(r.asOf.at), size: r.asOf.auditSize })} <code>{r.digest.slice(0, 16)}</code>
          </p>
        </>
      )}
    </div>
  );
}

function percent(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function Headline({ s, ms }: { s: Statistics; ms: (v: number | null) => string }) {
  const { t } = useI18n();
  const tiles: Array<[string, string, string]> = [
    ['total', t('stats.total'), String(s.total)],
    ['disclosure', t('stats.disclosureRate'), percent(s.disclosureRate)],
    ['p50', t('stats.p50'), ms(s.responseTime.p50Ms)],
    ['p90', t('stats.p90'), ms(s.responseTime.p90Ms)],
    ['p95', t('stats.p95'), ms(s.responseTime.p95Ms)],
    [
      'overdue',
      t('stats.overdue'),
      t('stats.overdueValue', { late: s.overdue.answeredLate, open: s.overdue.openOverdue }),
    ],
    [
      'emergencies',
      t('stats.emergencies'),
      t('stats.emergenciesValue', {
        n: s.emergencies.total,
        answered: s.emergencies.answered,
        p50: ms(s.emergencies.responseTime.p50Ms),
      }),
    ],
  ];
  return <StatTiles tiles={tiles} testId="stats-headline" />;
}

function GroupTable({
  groups,
  ms,
}: {
  groups: Array<{ key: string; label: { ja: string; en: string }; stats: Statistics }>;
  ms: (v: number | null) => string;
}) {
  const { t, bi } = useI18n();
  return (
    <Table
      testId="stats-groups"
      caption={t('stats.groupTable')}
      rows={groups}
      rowKey={(g) => g.key || '-'}
      rowHeader
      columns={[
        { head: t('stats.group'), cell: (g) => bi(g.label) },
        { head: t('stats.total'), cell: (g) => g.stats.total },
        { head: bi(STATISTIC_OUTCOME_LABELS.answered), cell: (g) => g.stats.byOutcome.answered },
        { head: bi(STATISTIC_OUTCOME_LABELS.declined), cell: (g) => g.stats.byOutcome.declined },
        { head: t('stats.disclosureRate'), cell: (g) => percent(g.stats.disclosureRate) },
        { head: t('stats.p50'), cell: (g) => ms(g.stats.responseTime.p50Ms) },
        { head: t('stats.overdue'), cell: (g) => g.stats.overdue.total },
      ]}
    />
  );
}
