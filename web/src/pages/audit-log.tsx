import { type FormEvent, useState } from 'react';
import { auditHeading } from '#shokai/audit-details';
import {
  ACTOR_TYPE_LABELS,
  AUDIT_ACTION_GROUP_LABELS,
  AUDIT_ACTION_GROUPS,
  type AuditActionGroup,
  ROLE_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { AuditLogEntry as Entry } from '../api/types.ts';
import { AuditDetails } from '../components/audit-details.tsx';
import { SelectChoice } from '../components/choices.tsx';
import { Field, LoadState, orgName, Time } from '../components/common.tsx';
import { DateField } from '../components/date-field.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone, wallTimeToIso, zoneOffsetText } from '../time/format.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The calendar day after `d` (YYYY-MM-DD). */
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface Filter {
  from: string;
  to: string;
  person: string;
  group: AuditActionGroup | '';
  request: string;
}
const NONE: Filter = { from: '', to: '', person: '', group: '', request: '' };

/** The API's query: days as midnights in the viewer's zone with its offset (the last day included). */
function apiQuery(f: Filter, zone: string, before: number | null): Record<string, string> {
  const out: Record<string, string> = { limit: '50' };
  const from = DATE.test(f.from) ? wallTimeToIso(`${f.from}T00:00`, zone) : null;
  const to = DATE.test(f.to) ? wallTimeToIso(`${dayAfter(f.to)}T00:00`, zone) : null;
  if (from) out.from = from;
  if (to) out.to = to;
  if (f.person.trim()) out.person = f.person.trim();
  if (f.group) out.group = f.group;
  if (f.request.trim()) out.request = f.request.trim();
  if (before !== null) out.before = String(before);
  return out;
}

/**
 * The audit log read for oversight (監察): who in the organisation did what, when and about what — the
 * identities looked up, the answers opened, the content read on a recorded reason — newest first, a page
 * at a time. Every read of it is itself recorded.
 */
export function AuditLogPage() {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  const zone = viewerZone();
  const [form, setForm] = useState<Filter>(NONE);
  const [filter, setFilter] = useState<Filter>(NONE);
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1] ?? null;
  const page = useAsync(() => api.auditEntries(apiQuery(filter, zone, cursor)), [filter, cursor, zone]);
  const people = useAsync(() => api.users().then((r) => r.items), []);
  const set =
    <K extends keyof Filter>(k: K) =>
    (v: Filter[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const show = (f: Filter) => {
    setForm(f);
    setFilter(f);
    setBefore([]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    show(form);
  };
  const zoneNote = `${zone} UTC${zoneOffsetText(zone)}`;
  // The organisations the page's details name ("addressed to", a court), as the read returned them.
  const organisationName = (id: string, l: 'ja' | 'en') => {
    const o = page.data?.organisations.find((x) => x.id === id);
    return o ? orgName(o, l) : undefined;
  };
  // The oversight body reads every request's metadata; an organisation's auditor reads the log, not the
  // requests, so a request's number narrows the log to it.
  const about = (e: Entry) => {
    if (!e.request) return <span className="muted">—</span>;
    if (me.organisation.kind === 'oversight')
      return <Link to={`/requests/${e.request.id}`}>{e.request.reference}</Link>;
    const reference = e.request.reference;
    return (
      <button type="button" className="link" onClick={() => show({ ...NONE, request: reference })}>
        {reference}
      </button>
    );
  };
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
      <search aria-label={t('auditLog.title')}>
        <form className="filters" onSubmit={submit}>
          <DateField label={t('auditLog.from')} value={form.from} onChange={set('from')} zoneNote={zoneNote} />
          <DateField label={t('auditLog.to')} value={form.to} onChange={set('to')} zoneNote={zoneNote} />
          <Field label={t('auditLog.person')} hint={t('auditLog.personHint')}>
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
        </form>
      </search>
      <LoadState of={page} />
      {page.data &&
        (page.data.items.length === 0 ? (
          <p role="status" className="muted" data-testid="audit-log-empty">
            {t('auditLog.empty')}
          </p>
        ) : (
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
                    {auditHeading(e.action, e.details, locale)}
                    <AuditDetails entry={e} organisationName={organisationName} />
                  </>
                ),
              },
              { head: t('auditLog.about'), cell: about },
            ]}
          />
        ))}
      <nav className="pager" aria-label={t('auditLog.pages')}>
        {before.length > 0 && (
          <button type="button" className="secondary" onClick={() => setBefore((b) => b.slice(0, -1))}>
            {t('auditLog.newer')}
          </button>
        )}
        {page.data?.next != null && (
          <button
            type="button"
            className="secondary"
            onClick={() => setBefore((b) => [...b, page.data?.next ?? 0])}
            data-testid="audit-log-older"
          >
            {t('auditLog.older')}
          </button>
        )}
      </nav>
    </div>
  );
}
