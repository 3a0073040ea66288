import { useState } from 'react';
import { api } from '../api/client.ts';
import { CaseSummary } from '../components/case-summary.tsx';
import { ErrorNotice, Section, TextField, Time, urgencyOrder } from '../components/common.tsx';
import { RequestTable } from '../components/request-table.tsx';
import { AsyncTable } from '../components/table.tsx';
import { CaseTraceSection } from '../components/trace-view.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { RecordUnavailable } from './not-found.tsx';

export function CaseListPage() {
  const me = useMe();
  const { t } = useI18n();
  const list = useAsync(() => api.cases().then((r) => r.items), []);
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const { error, submit } = useAction();
  const create = submit(async () => {
    const c = await api.createCase({ reference: reference.trim(), title: title.trim() });
    navigate(`/cases/${c.id}`);
  });
  return (
    <div>
      <h1>{t('cases.title')}</h1>
      <AsyncTable
        list={list}
        empty={t('cases.empty')}
        caption={t('cases.title')}
        rowKey={(c) => c.id}
        rowHeader
        columns={[
          {
            head: t('cases.reference'),
            className: 'col-ref',
            cell: (c) => <Link to={`/cases/${c.id}`}>{c.reference}</Link>,
          },
          {
            head: t('cases.caseTitle'),
            // A case opened by drafting a request has its reference for a title: said, not written twice.
            cell: (c) =>
              c.title.trim() === c.reference.trim() ? <span className="muted">{t('cases.untitled')}</span> : c.title,
          },
          { head: t('request.created'), cell: (c) => <Time value={c.createdAt} /> },
        ]}
      />
      {hasRole(me, 'investigator', 'unit_head') && (
        <Section title={t('cases.new')}>
          <form onSubmit={create} aria-label={t('cases.new')}>
            <ErrorNotice error={error} />
            <TextField label={t('cases.reference')} required value={reference} onChange={setReference} />
            <TextField label={t('cases.caseTitle')} required value={title} onChange={setTitle} />
            <button type="submit" className="primary">
              {t('cases.create')}
            </button>
          </form>
        </Section>
      )}
    </div>
  );
}

export function CasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const c = useAsync(() => api.case(id), [id]);
  if (c.loading || !c.data) return <RecordUnavailable what="case" of={c} />;
  const d = c.data;
  return (
    <article aria-labelledby="case-h">
      <h1 id="case-h">
        {t('cases.one')} {d.reference}
      </h1>
      {/* A case opened from a request's reference has it as its title: not written twice. */}
      {d.title.trim() !== d.reference.trim() && <p className="lead">{d.title}</p>}
      <p className="muted">
        {t('request.created')}: <Time value={d.createdAt} long />
      </p>
      <CaseSummary d={d} />
      <CaseTraceSection caseId={d.id} />
      <Section title={t('cases.requests', { n: d.requests.length })}>
        <RequestTable
          items={[...d.requests].sort(urgencyOrder)}
          caption={t('cases.requests', { n: d.requests.length })}
          side="agency"
        />
      </Section>
      <p>
        <Link to="/cases">{t('cases.back')}</Link>
      </p>
    </article>
  );
}
