import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { CaseSummary } from '../components/case-summary.tsx';
import { ErrorNotice, Loading, Section, TextField, Time, urgencyOrder } from '../components/common.tsx';
import { RequestTable } from '../components/request-table.tsx';
import { CaseTraceSection } from '../components/trace-view.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function CaseListPage() {
  const me = useMe();
  const { t } = useI18n();
  const list = useAsync(() => api.cases().then((r) => r.items), []);
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await api.createCase({ reference: reference.trim(), title: title.trim() });
      navigate(`/cases/${c.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <h1>{t('cases.title')}</h1>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error} />
      {list.data &&
        (list.data.length === 0 ? (
          <p className="muted">{t('cases.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('cases.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.reference')}</th>
                  <th scope="col">{t('cases.caseTitle')}</th>
                  <th scope="col">{t('request.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/cases/${c.id}`}>{c.reference}</Link>
                    </th>
                    <td>{c.title}</td>
                    <td>
                      <Time value={c.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {hasRole(me, 'investigator', 'unit_head') && (
        <Section title={t('cases.new')}>
          <form onSubmit={(e) => void create(e)} aria-label={t('cases.new')}>
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
  if (c.loading) return <Loading />;
  if (c.error || !c.data) return <ErrorNotice error={c.error} />;
  const d = c.data;
  return (
    <article aria-labelledby="case-h">
      <h1 id="case-h">
        {t('cases.one')} {d.reference}
      </h1>
      <p className="lead">{d.title}</p>
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
