// The consultation desk (生活相談窓口): the list with its statistics, the intake form with the
// category's playbook beside it, and one consultation with its advice, urgency and "open a case".
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_CHANNEL_LABELS,
  CONSULTATION_CHANNELS,
  CONSULTATION_REFERRAL_LABELS,
  CONSULTATION_STATE_LABELS,
  CONSULTATION_URGENCIES,
  CONSULTATION_URGENCY_LABELS,
  type ConsultationCategory,
  type ConsultationChannel,
  type ConsultationUrgency,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { Consultation, Playbook } from '../api/types.ts';
import { SelectChoice } from '../components/choices.tsx';
import { ErrorNotice, FactRow, Loading, Section, TextField, Time } from '../components/common.tsx';
import { TargetText } from '../components/content-view.tsx';
import { AsyncTable, Table } from '../components/table.tsx';
import { WrittenText } from '../components/written-text.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { choiceBinder, textBinder, useFormState } from '../lib/form-state.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { Advise, OpenCase } from './consultation-actions.tsx';
import { RecordUnavailable } from './not-found.tsx';

export function ConsultationListPage() {
  const { t, bi } = useI18n();
  const list = useAsync(() => api.consultations().then((r) => r.items), []);
  const stats = useAsync(() => api.consultationStatistics(), []);
  return (
    <div>
      <h1>{t('consult.title')}</h1>
      <p>
        <Link to="/consultations/new" className="button primary">
          {t('consult.new')}
        </Link>
      </p>
      <AsyncTable
        list={list}
        empty={t('consult.empty')}
        testId="consultations"
        caption={t('consult.title')}
        rowKey={(c) => c.id}
        rowHeader
        columns={[
          {
            head: t('consult.reference'),
            className: 'col-ref',
            cell: (c) => <Link to={`/consultations/${c.id}`}>{c.reference}</Link>,
          },
          { head: t('consult.receivedAt'), cell: (c) => <Time value={c.receivedAt} /> },
          { head: t('consult.category'), cell: (c) => bi(CONSULTATION_CATEGORY_LABELS[c.category]) },
          { head: t('consult.channel'), cell: (c) => bi(CONSULTATION_CHANNEL_LABELS[c.channel]) },
          {
            head: t('consult.urgency'),
            cell: (c) =>
              c.urgency === 'none' ? (
                bi(CONSULTATION_URGENCY_LABELS[c.urgency])
              ) : (
                <strong>⚠ {bi(CONSULTATION_URGENCY_LABELS[c.urgency])}</strong>
              ),
          },
          { head: t('consult.state'), cell: (c) => bi(CONSULTATION_STATE_LABELS[c.state]) },
        ]}
      />
      <Section title={t('consult.statistics')}>
        <ErrorNotice error={stats.error} />
        {stats.data && (
          <Table
            testId="consultation-statistics"
            caption={t('consult.statistics')}
            rows={[
              ...stats.data.byCategory.map((r) => ({ ...r, label: bi(CONSULTATION_CATEGORY_LABELS[r.category]) })),
              {
                category: 'total',
                label: t('consult.allCategories'),
                total: stats.data.total,
                caseOpened: stats.data.caseOpened,
                advised: stats.data.byCategory.reduce((n, r) => n + r.advised, 0),
                urgent: stats.data.urgent,
              },
            ]}
            rowKey={(r) => r.category}
            rowHeader
            columns={[
              { head: t('consult.category'), cell: (r) => r.label },
              { head: t('consult.total'), cell: (r) => r.total },
              { head: t('consult.caseCount'), cell: (r) => r.caseOpened },
              { head: t('consult.advisedCount'), cell: (r) => r.advised },
              { head: t('consult.urgentCount'), cell: (r) => r.urgent },
            ]}
          />
        )}
      </Section>
    </div>
  );
}

function PlaybookView({ playbook }: { playbook: Playbook }) {
  const { t, bi } = useI18n();
  return (
    <div data-testid="playbook">
      <ol>
        {playbook.steps.map((s) => (
          <li key={s.en}>{bi(s)}</li>
        ))}
      </ol>
      {playbook.caseLikely && <p className="muted">{t('consult.caseLikely')}</p>}
      <h3>{t('consult.referrals')}</h3>
      {playbook.referrals.length === 0 ? (
        <p className="muted">{t('consult.noReferrals')}</p>
      ) : (
        <ul>
          {playbook.referrals.map((r) => (
            <li key={r}>{bi(CONSULTATION_REFERRAL_LABELS[r])}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the desk writes down of a new consultation: each field named as its input is. */
interface NewConsultation {
  category: ConsultationCategory;
  channel: ConsultationChannel;
  urgency: ConsultationUrgency;
  personName: string;
  personContact: string;
  account: string;
  postUrl: string;
  postId: string;
  mailHeaders: string;
}

const blankConsultation: NewConsultation = {
  category: 'fraud',
  channel: 'visit',
  urgency: 'none',
  personName: '',
  personContact: '',
  account: '',
  postUrl: '',
  postId: '',
  mailHeaders: '',
};

export function ConsultationNewPage() {
  const { t } = useI18n();
  const books = useAsync(() => api.playbooks().then((r) => r.items), []);
  const [f, , set] = useFormState<NewConsultation>(blankConsultation);
  const text = textBinder(f, set);
  const choice = choiceBinder(f, set);
  const { busy, error, submit } = useAction();
  const send = submit(async () => {
    const person = {
      ...(f.personName.trim() ? { name: f.personName.trim() } : {}),
      ...(f.personContact.trim() ? { contact: f.personContact.trim() } : {}),
    };
    const c = await api.recordConsultation({
      category: f.category,
      channel: f.channel,
      urgency: f.urgency,
      account: f.account,
      ...(Object.keys(person).length > 0 ? { person } : {}),
      targets: f.postUrl.trim()
        ? [{ type: 'url', url: f.postUrl.trim(), ...(f.postId.trim() ? { postId: f.postId.trim() } : {}) }]
        : [],
      ...(f.mailHeaders.trim() ? { mailHeaders: f.mailHeaders } : {}),
    });
    navigate(`/consultations/${c.id}`);
  });
  const book = books.data?.find((b) => b.category === f.category);
  return (
    <div className="editor-grid">
      <form onSubmit={send} aria-labelledby="consult-new-h">
        <h1 id="consult-new-h">{t('consult.new')}</h1>
        <ErrorNotice error={error} />
        <SelectChoice
          label={t('consult.category')}
          options={CONSULTATION_CATEGORIES}
          labels={CONSULTATION_CATEGORY_LABELS}
          {...choice('category')}
        />
        <SelectChoice
          label={t('consult.channel')}
          options={CONSULTATION_CHANNELS}
          labels={CONSULTATION_CHANNEL_LABELS}
          {...choice('channel')}
        />
        <TextField label={t('consult.personName')} {...text('personName')} />
        <TextField label={t('consult.personContact')} {...text('personContact')} />
        <TextField
          label={t('consult.account')}
          hint={t('consult.accountHint')}
          required
          multiline
          rows={5}
          {...text('account')}
        />
        <TextField label={t('consult.postUrl')} type="url" {...text('postUrl')} />
        <TextField label={t('consult.postId')} {...text('postId')} />
        <TextField
          label={t('consult.mailHeaders')}
          hint={t('consult.mailHeadersHint')}
          multiline
          rows={4}
          {...text('mailHeaders')}
        />
        <SelectChoice
          label={t('consult.urgency')}
          options={CONSULTATION_URGENCIES}
          labels={CONSULTATION_URGENCY_LABELS}
          {...choice('urgency')}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('consult.submit')}
        </button>
      </form>
      <Section title={t('consult.playbook')}>
        {books.loading && <Loading />}
        {book && <PlaybookView playbook={book} />}
      </Section>
    </div>
  );
}

export function ConsultationPage({ id }: { id: string }) {
  const { t, bi, listText } = useI18n();
  const c = useAsync(() => api.consultation(id), [id]);
  if (c.error || !c.data) return <RecordUnavailable what="consultation" of={c} />;
  const d = c.data;
  return (
    <article aria-labelledby="consult-h">
      <h1 id="consult-h">
        {t('consult.title')} {d.reference}
      </h1>
      <p className="lead">
        {bi(CONSULTATION_CATEGORY_LABELS[d.category])} ・ {bi(CONSULTATION_CHANNEL_LABELS[d.channel])} ・{' '}
        <span data-testid="consultation-state">{bi(CONSULTATION_STATE_LABELS[d.state])}</span>
      </p>
      <p className="muted">
        {t('consult.receivedAt')}: <Time value={d.receivedAt} long />
      </p>
      {d.urgency !== 'none' && d.state === 'open' && (
        <div className="urgent-banner" role="alert" data-testid="consultation-urgent">
          <strong>
            ⚠ {t('consult.urgentTitle')}: {bi(CONSULTATION_URGENCY_LABELS[d.urgency])}
          </strong>
          <p>{t('consult.urgentLead')}</p>
          {d.urgencySignals.length > 0 && (
            <p>
              {t('consult.signals')}: {listText(d.urgencySignals)}
            </p>
          )}
        </div>
      )}
      <Section title={t('consult.account')}>
        <p className="prewrap">
          <WrittenText text={d.account} />
        </p>
        <dl className="facts">
          <dt>{t('consult.person')}</dt>
          <dd>{[d.person.name, d.person.contact].filter(Boolean).join(' / ') || '—'}</dd>
          <dt>{t('consult.targets')}</dt>
          <dd>
            {d.targets.length === 0
              ? '—'
              : d.targets.map((x) => (
                  <div key={JSON.stringify(x)}>
                    <TargetText target={x} />
                  </div>
                ))}
          </dd>
        </dl>
      </Section>
      <Section title={t('consult.playbook')}>
        <PlaybookView playbook={d.playbook} />
      </Section>
      {d.state === 'open' ? (
        <>
          <OpenCase consultation={d} onDone={c.refresh} />
          <Advise consultation={d} onDone={c.refresh} />
        </>
      ) : (
        <Outcome consultation={d} />
      )}
      <p>
        <Link to="/consultations">{t('consult.back')}</Link>
      </p>
    </article>
  );
}

function Outcome({ consultation: d }: { consultation: Consultation }) {
  const { t, bi, listText } = useI18n();
  return (
    <Section title={t('consult.outcome')}>
      <dl className="facts" data-testid="consultation-outcome">
        <dt>{t('consult.state')}</dt>
        <dd>{bi(CONSULTATION_STATE_LABELS[d.state])}</dd>
        {d.caseId && (
          <>
            <dt>{t('consult.case')}</dt>
            <dd>
              <Link to={`/cases/${d.caseId}`}>{t('consult.case')}</Link>
            </dd>
          </>
        )}
        {d.firstRequests.length > 0 && (
          <>
            <dt>{t('consult.firstRequests')}</dt>
            <dd>
              {d.firstRequests.map((r) => (
                <div key={r}>
                  <Link to={`/requests/${r}`}>{r}</Link>
                </div>
              ))}
            </dd>
          </>
        )}
        {d.mailOrigin && (
          <>
            <dt>{t('consult.mailOrigin')}</dt>
            <dd data-testid="mail-origin">
              {d.mailOrigin.originatingIp ?? t('consult.mailOriginNone')}
              {d.mailOrigin.originatingIp && d.mailOrigin.originatingPort != null
                ? ` ${t('mail.port', { port: d.mailOrigin.originatingPort })}`
                : ''}
              {d.mailOrigin.at ? ` (${d.mailOrigin.at})` : ''}
            </dd>
          </>
        )}
        {d.referrals.length > 0 && (
          <FactRow label={t('consult.referrals')}>
            {listText(d.referrals.map((r) => bi(CONSULTATION_REFERRAL_LABELS[r])))}
          </FactRow>
        )}
        {d.adviceNote && <FactRow label={t('consult.adviceNote')}>{d.adviceNote}</FactRow>}
      </dl>
    </Section>
  );
}
