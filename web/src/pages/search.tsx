import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { isOneOf, SEARCH_SORT_LABELS, SEARCH_SORTS, type SearchSort } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { OrganisationSelect, SelectChoice } from '../components/choices.tsx';
import { Field, LoadState } from '../components/common.tsx';
import { DateField, isCalendarDay } from '../components/date-field.tsx';
import { FileDownload } from '../components/file-download.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { RequestTable } from '../components/request-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';

const nextDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00+09:00`) + 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);

interface Query {
  q: string;
  providerId: string;
  from: string;
  to: string;
  sort: SearchSort;
}

const KEYS = ['q', 'providerId', 'from', 'to', 'sort'] as const;
const DEFAULT_SORT: SearchSort = 'updated_desc';

/**
 * The search held in the page's address (`/search?q=…`): back from a result, reloaded or shared, the same
 * list. Its days are trimmed, as DateField trims a typed one: a shared `from=%202026-03-01` is that day,
 * not a day the field shows and the search leaves out.
 */
function queryOf(search: URLSearchParams): Query {
  const sort = search.get('sort') ?? '';
  return {
    q: search.get('q') ?? '',
    providerId: search.get('providerId') ?? '',
    from: (search.get('from') ?? '').trim(),
    to: (search.get('to') ?? '').trim(),
    sort: isOneOf(SEARCH_SORTS, sort) ? sort : DEFAULT_SORT,
  };
}
function addressOf(s: Query): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (s[k].trim() && !(k === 'sort' && s[k] === DEFAULT_SORT)) q.set(k, s[k].trim());
  const text = q.toString();
  return text ? `/search?${text}` : '/search';
}

/** The API's query: dates as JST midnights (the last day included), empty fields left out. */
function apiQuery(s: Query): Record<string, string> {
  const out: Record<string, string> = { sort: s.sort, limit: '200' };
  if (s.q.trim()) out.q = s.q.trim();
  if (s.providerId) out.providerId = s.providerId;
  if (isCalendarDay(s.from)) out.from = `${s.from}T00:00:00+09:00`;
  if (isCalendarDay(s.to)) out.to = `${nextDay(s.to)}T00:00:00+09:00`;
  return out;
}

/** The last day before the first (both days that are ones): said beside the last day. */
const endBeforeStart = (s: Query) => isCalendarDay(s.from) && isCalendarDay(s.to) && s.to < s.from;

/**
 * A period the page holds back rather than sends: a day that is none (2026-02-30) or text that is no
 * day, or a last day before the first. DateField says which beside the field; the API is not asked.
 */
function heldBack(s: Query): boolean {
  const notADay = (d: string) => d.trim() !== '' && !isCalendarDay(d.trim());
  return notADay(s.from) || notADay(s.to) || endBeforeStart(s);
}

export function SearchPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const address = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text is what the search is read from
  const query = useMemo(() => queryOf(search), [address]);
  const [form, setForm] = useState<Query>(query);
  // Back and forward (or a link) change the address: the form follows what is shown.
  useEffect(() => setForm(query), [query]);
  const providers = useAsync(
    () =>
      me.organisation.kind === 'provider' ? Promise.resolve([]) : api.organisations('provider').then((r) => r.items),
    [me.organisation.kind],
  );
  const result = useAsync(() => (heldBack(query) ? Promise.resolve(undefined) : api.search(apiQuery(query))), [query]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (heldBack(form)) {
      // The field that says why is the one to correct: focus goes there, nothing is sent.
      const bar = e.currentTarget;
      if (bar instanceof HTMLFormElement) bar.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const to = addressOf(form);
    if (to !== addressOf(query)) navigate(to);
    else void result.reload();
  };
  const set =
    <K extends keyof Query>(k: K) =>
    (v: Query[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const csv = `/v1/search/export?${new URLSearchParams({ ...apiQuery(query), lang: locale, zone: viewerZone() })}`;
  const side =
    me.organisation.kind === 'provider' ? 'provider' : me.organisation.kind === 'agency' ? 'agency' : 'other';
  return (
    <div>
      <h1>{t('search.title')}</h1>
      <p className="muted">{me.organisation.kind === 'oversight' ? t('search.leadOversight') : t('search.lead')}</p>
      <FilterBar label={t('search.title')} onSubmit={submit}>
        <Field label={t('search.words')}>
          {(id) => <input id={id} type="search" value={form.q} onChange={(e) => set('q')(e.target.value)} />}
        </Field>
        {me.organisation.kind !== 'provider' && (
          <OrganisationSelect
            label={t('search.provider')}
            required={false}
            none={t('list.any')}
            value={form.providerId}
            onChange={set('providerId')}
            organisations={providers.data}
          />
        )}
        <DateField label={t('search.from')} value={form.from} onChange={set('from')} zoneNote={t('date.japanZone')} />
        <DateField
          label={t('search.to')}
          value={form.to}
          onChange={set('to')}
          zoneNote={t('date.japanZone')}
          error={endBeforeStart(form) ? t('date.endBeforeStart') : null}
        />
        <SelectChoice
          label={t('search.sort')}
          options={SEARCH_SORTS}
          labels={SEARCH_SORT_LABELS}
          value={form.sort}
          onChange={set('sort')}
        />
        <button type="submit" className="primary">
          {t('search.submit')}
        </button>
      </FilterBar>
      <LoadState of={result} />
      {result.data && (
        <>
          <p role="status" data-testid="search-count">
            {t(result.data.truncated ? 'search.countTruncated' : 'search.count', { n: result.data.items.length })}
          </p>
          {/* Nothing found, nothing to save: the list says why it is empty and what to try. */}
          {result.data.items.length > 0 && (
            <FileDownload href={csv} fallbackName="requests.csv" testId="search-csv">
              {t('search.csv')}
            </FileDownload>
          )}
          <RequestTable items={result.data.items} caption={t('search.title')} side={side} empty={t('search.none')} />
        </>
      )}
    </div>
  );
}
