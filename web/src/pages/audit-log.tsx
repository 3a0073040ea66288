import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { auditHeading } from '#shokai/audit-details';
import {
  ACTOR_TYPE_LABELS,
  AUDIT_ACTION_GROUP_LABELS,
  AUDIT_ACTION_GROUPS,
  type AuditActionGroup,
  type Bilingual,
  ROLE_LABELS,
} from '#shokai/vocabulary';
import { ApiError, api } from '../api/client.ts';
import type { AuditLogEntry as Entry } from '../api/types.ts';
import { AuditDetails } from '../components/audit-details.tsx';
import { SelectChoice } from '../components/choices.tsx';
import { Field, Loading, orgName, Time } from '../components/common.tsx';
import { DateField } from '../components/date-field.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FileDownload } from '../components/file-download.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { Table } from '../components/table.tsx';
import { type MessageKey, messages } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldWords } from '../lib/error-text.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone, wallTimeToIso, zoneOffsetText } from '../time/format.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day typed as YYYY-MM-DD that is one (not 2026-02-31). */
const isDay = (d: string) => {
  if (!DATE.test(d)) return false;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
};
/** The calendar day after `d` (YYYY-MM-DD). */
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Filter {
  from: string;
  to: string;
  person: string;
  group: AuditActionGroup | '';
  request: string;
}
const KEYS = ['from', 'to', 'person', 'group', 'request'] as const;

/** The filters held in the page's address (`/audit/log?from=…&person=…`): reloaded or shared, the same view. */
function filterOf(search: URLSearchParams): Filter {
  const group = search.get('group') ?? '';
  return {
    from: (search.get('from') ?? '').trim(),
    to: (search.get('to') ?? '').trim(),
    person: (search.get('person') ?? '').trim(),
    group: (AUDIT_ACTION_GROUPS as readonly string[]).includes(group) ? (group as AuditActionGroup) : '',
    request: (search.get('request') ?? '').trim(),
  };
}
function addressOf(f: Filter): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (f[k].trim()) q.set(k, f[k].trim());
  const text = q.toString();
  return text ? `/audit/log?${text}` : '/audit/log';
}
const same = (a: Filter, b: Filter) => KEYS.every((k) => a[k].trim() === b[k].trim());
/** A date field typed but not as a day: the form holds, and no entries are shown for it. */
const badDates = (f: Filter) => [f.from, f.to].some((d) => d.trim() !== '' && !isDay(d.trim()));

/** The API's query: days as midnights in the viewer's zone with its offset (the last day included). */
function apiQuery(f: Filter, zone: string, before: number | null): Record<string, string> {
  const out: Record<string, string> = { limit: '50' };
  const from = isDay(f.from) ? wallTimeToIso(`${f.from}T00:00`, zone) : null;
  const to = isDay(f.to) ? wallTimeToIso(`${dayAfter(f.to)}T00:00`, zone) : null;
  if (from) out.from = from;
  if (to) out.to = to;
  if (f.person.trim()) out.person = f.person.trim();
  if (f.group) out.group = f.group;
  if (f.request.trim()) out.request = f.request.trim();
  if (before !== null) out.before = String(before);
  return out;
}

/** The export of every entry the filters match, as CSV in the reader's language and zone (GET /v1/audit/export). */
function exportHref(f: Filter, zone: string, locale: string): string {
  const { limit: _limit, ...q } = apiQuery(f, zone, null);
  return `/v1/audit/export?${new URLSearchParams({ ...q, zone, lang: locale })}`;
}

/** The API's fields named by this page's own labels (its `to` is the period's end, not a café's). */
const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  from: 'auditLog.from',
  to: 'auditLog.to',
  person: 'auditLog.person',
  group: 'auditLog.group',
  request: 'auditLog.request',
};
const fieldWords: FieldWords = (field) => {
  const key = FIELD_WORDS[field];
  if (key === undefined) return null;
  const label: Bilingual = messages[key];
  return label;
};

/**
 * The audit log read for oversight (監察): who in the organisation did what, when and about what — the
 * identities looked up, the answers opened, the content read on a recorded reason — newest first, a page
 * at a time. Every read of it is itself recorded. The filters live in the address.
 */
export function AuditLogPage() {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  const zone = viewerZone();
  const { search } = useLocation();
  const address = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text is what the filter is read from
  const filter = useMemo(() => filterOf(search), [address]);
  const [form, setForm] = useState<Filter>(filter);
  // Back and forward (or a link) change the address: the form follows what is shown.
  useEffect(() => setForm(filter), [filter]);
  const [said, setSaid] = useState<string | null>(null);
  const [paging, setPaging] = useState<{ address: string; before: number[] }>({ address, before: [] });
  const before = paging.address === address ? paging.before : [];
  const cursor = before[before.length - 1] ?? null;
  const held = badDates(filter);
  const page = useAsync(
    () => (held ? Promise.resolve(null) : api.auditEntries(apiQuery(filter, zone, cursor))),
    [filter, cursor, zone, held],
  );
  const people = useAsync(() => api.users().then((r) => r.items), []);
  const set =
    <K extends keyof Filter>(k: K) =>
    (v: Filter[K]) => {
      setSaid(null);
      setForm((f) => ({ ...f, [k]: v }));
    };
  const show = (f: Filter) => {
    setForm(f);
    const to = addressOf(f);
    if (to !== addressOf(filter)) navigate(to);
    else void page.reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaid(null);
    show(form);
  };
  const formBad = badDates(form);
  const stale = !formBad && !same(form, filter);
  const zoneNote = `${zone} UTC${zoneOffsetText(zone)}`;
  // The organisations the page's details name ("addressed to", a court), as the read returned them.
  const organisationName = (id: string, l: 'ja' | 'en') => {
    const o = page.data?.organisations.find((x) => x.id === id);
    return o ? orgName(o, l) : undefined;
  };
  // The oversight body reads every request's metadata; an organisation's auditor reads the log, not the
  // requests, so a request's number narrows the log to it — keeping the period and the person, and saying so.
  const about = (e: Entry) => {
    if (!e.request) return <span className="muted">—</span>;
    if (me.organisation.kind === 'oversight')
      return <Link to={`/requests/${e.request.id}`}>{e.request.reference}</Link>;
    const reference = e.request.reference;
    return (
      <button
        type="button"
        className="link"
        onClick={() => {
          setSaid(t('auditLog.toRequest', { reference }));
          show({ ...filter, group: '', request: reference });
        }}
      >
        {reference}
      </button>
    );
  };
  // A person filter that is no login of the organisation's people (a name, another force's login), or for the
  // oversight body nobody's login: the read refuses it (audit-search.ts), and the page says so here, with the
  // people whose name or login holds what was typed (else some of them) to choose from, not as an error.
  const typed = filter.person;
  const logins = (people.data ?? []).map((u) => u.login);
  const personRefused = page.error instanceof ApiError && page.error.details?.field === 'person';
  const unknownPerson =
    typed !== '' &&
    (personRefused || (me.organisation.kind !== 'oversight' && people.data !== undefined && !logins.includes(typed)));
  const lower = typed.toLowerCase();
  const alike = (people.data ?? []).filter(
    (u) => u.displayName.includes(typed) || u.login.toLowerCase().includes(lower),
  );
  const suggested = (alike.length > 0 ? alike : (people.data ?? [])).slice(0, 8);
  const who = (e: Entry) => {
    if (e.actor.type === 'system' || e.actor.name === null) return bi(ACTOR_TYPE_LABELS[e.actor.type]);
    const roles = e.actor.roles.map((r) => bi(ROLE_LABELS[r])).join(locale === 'ja' ? '、' : ', ');
    return (
      <>
        <span>{e.actor.name}</span>
        <br />
        <span className="small muted">
          {[roles, e.actor.organisation ? orgName(e.actor.organisation, locale) : ''].filter(Boolean).join(' · ')}
        </span>
      </>
    );
  };
  return (
    <div>
      <h1>{t('auditLog.title')}</h1>
      <p className="muted">{me.organisation.kind === 'oversight' ? t('auditLog.leadOversight') : t('auditLog.lead')}</p>
      <FilterBar label={t('auditLog.title')} onSubmit={submit}>
        <DateField label={t('auditLog.from')} value={form.from} onChange={set('from')} zoneNote={zoneNote} />
        <DateField label={t('auditLog.to')} value={form.to} onChange={set('to')} zoneNote={zoneNote} />
        <Field label={t('auditLog.person')} hint={t('auditLog.personHintLogin')}>
          {(id, describedBy) => (
            <>
              <input
                id={id}
                name="person"
                list={`${id}-people`}
                autoComplete="off"
                aria-describedby={describedBy}
                value={form.person}
                onChange={(e) => set('person')(e.target.value)}
              />
              <datalist id={`${id}-people`}>
                {(people.data ?? []).map((u) => (
                  <option key={u.id} value={u.login}>
                    {u.displayName}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        <SelectChoice
          label={t('auditLog.group')}
          options={AUDIT_ACTION_GROUPS}
          labels={AUDIT_ACTION_GROUP_LABELS}
          none={t('list.any')}
          value={form.group}
          onChange={set('group')}
        />
        <Field label={t('auditLog.request')}>
          {(id) => (
            <input
              id={id}
              name="request"
              autoComplete="off"
              value={form.request}
              onChange={(e) => set('request')(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary">
          {t('auditLog.submit')}
        </button>
      </FilterBar>
      {said && (
        <p role="status" className="notice" data-testid="audit-log-said">
          {said}
        </p>
      )}
      {formBad || held ? (
        <p role="status" className="notice notice-warn" data-testid="audit-log-held">
          {t('auditLog.badDates')}
        </p>
      ) : (
        stale && (
          <p role="status" className="notice notice-warn" data-testid="audit-log-stale">
            {t('auditLog.stale')}
          </p>
        )
      )}
      {unknownPerson && !formBad && !stale && (
        <div className="notice notice-warn" data-testid="audit-log-person-hint">
          <p>
            {t(me.organisation.kind === 'oversight' ? 'auditLog.notLoginOversight' : 'auditLog.notLogin', { typed })}
          </p>
          {suggested.length > 0 && (
            <p>
              {t(alike.length > 0 ? 'auditLog.didYouMean' : 'auditLog.somePeople')}{' '}
              {suggested.map((u, i) => (
                <span key={u.id}>
                  {i > 0 && (locale === 'ja' ? '、' : ', ')}
                  <button type="button" className="link" onClick={() => show({ ...filter, person: u.login })}>
                    {u.login}（{u.displayName}）
                  </button>
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {page.loading && <Loading />}
      <ErrorNotice error={personRefused ? null : page.error} fieldWords={fieldWords} />
      {page.data && !formBad && (
        <div className={stale ? 'stale' : undefined} data-stale={stale || undefined}>
          {page.data.items.length === 0 ? (
            <p role="status" className="muted" data-testid="audit-log-empty">
              {t('auditLog.empty')}
            </p>
          ) : (
            <>
              {/* The same filters, every matching entry (not only this page), as a file; the export is recorded. */}
              <FileDownload
                href={exportHref(filter, zone, locale)}
                fallbackName="audit-log.csv"
                fieldWords={fieldWords}
                testId="audit-log-csv"
                hint={<span className="muted">{t('auditLog.csvHint')}</span>}
              >
                {t('auditLog.csv')}
              </FileDownload>
              <Table
                caption={t('auditLog.title')}
                testId="audit-log"
                rows={page.data.items}
                rowKey={(e) => e.seq}
                rowProps={(e) => ({ 'data-action': e.action })}
                columns={[
                  { head: t('auditLog.at'), cell: (e) => <Time value={e.at} /> },
                  { head: t('auditLog.who'), cell: who },
                  {
                    head: t('auditLog.what'),
                    cell: (e) => (
                      <>
                        {/* A step in the words of its request's kind (a lawyer signs and files; no 決裁). */}
                        {auditHeading(e.action, e.details, locale, e.request?.kind ?? undefined)}
                        <AuditDetails entry={e} organisationName={organisationName} kind={e.request?.kind} />
                      </>
                    ),
                  },
                  { head: t('auditLog.about'), cell: about, className: 'nowrap' },
                ]}
              />
            </>
          )}
        </div>
      )}
      <nav className="pager" aria-label={t('auditLog.pages')}>
        {before.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => setPaging({ address, before: before.slice(0, -1) })}
          >
            {t('auditLog.newer')}
          </button>
        )}
        {page.data?.next != null && !formBad && (
          <button
            type="button"
            className="secondary"
            onClick={() => setPaging({ address, before: [...before, page.data?.next ?? 0] })}
            data-testid="audit-log-older"
          >
            {t('auditLog.older')}
          </button>
        )}
      </nav>
    </div>
  );
}
