import { useState } from 'react';
import {
  DATA_CATEGORY_LABELS,
  LINK_SOURCE_LABELS,
  WARRANT_APPLICATION_STATE_LABELS,
  WARRANT_TYPE_LABELS,
  type WarrantType,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DataCategory, WarrantApplication } from '../api/types.ts';
import { ActionForm } from '../components/action-form.tsx';
import { OrganisationSelect, WarrantTypeSelect } from '../components/choices.tsx';
import { InstantInput, orgName, Section, TextFact, TextField, Time } from '../components/common.tsx';
import { TargetText } from '../components/content-view.tsx';
import { AsyncTable } from '../components/table.tsx';
import { CategoryChecks, PastedTargets } from '../components/target-fields.tsx';
import { ApplicationActions } from '../components/warrant-application-actions.tsx';
import { WarrantValidityFacts } from '../components/warrant-fields.tsx';
import { WrittenText } from '../components/written-text.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { parseTargetList, targetFromRow } from '../lib/targets.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';
import { DisclosureOrderList } from './disclosure-orders.tsx';
import { RecordUnavailable } from './not-found.tsx';

export function WarrantApplicationListPage() {
  const { t, bi, locale } = useI18n();
  const me = useMe();
  const list = useAsync(() => api.warrantApplications().then((r) => r.items), []);
  const court = me.organisation.kind === 'court';
  return (
    <div>
      <h1>{t(court ? 'wapp.inbox' : 'wapp.title')}</h1>
      <p className="hint">{t(court ? 'wapp.inboxIntro' : 'wapp.intro')}</p>
      {hasRole(me, 'investigator') && (
        <p>
          <Link to="/warrant-applications/new" className="button primary">
            {t('wapp.new')}
          </Link>
        </p>
      )}
      <AsyncTable
        list={list}
        empty={t('wapp.empty')}
        testId="warrant-applications"
        caption={t(court ? 'wapp.inbox' : 'wapp.title')}
        rowKey={(a) => a.id}
        rowHeader
        columns={[
          {
            head: t('wapp.reference'),
            className: 'col-ref',
            cell: (a) => <Link to={`/warrant-applications/${a.id}`}>{a.reference}</Link>,
          },
          { head: t('wapp.state'), cell: (a) => bi(WARRANT_APPLICATION_STATE_LABELS[a.state]) },
          { head: t('warrant.type'), cell: (a) => bi(WARRANT_TYPE_LABELS[a.warrantType]) },
          { head: t(court ? 'col.agency' : 'wapp.court'), cell: (a) => orgName(court ? a.agency : a.court, locale) },
          { head: t('editor.provider'), cell: (a) => orgName(a.provider, locale) },
          { head: t('wapp.sentAt'), cell: (a) => <Time value={a.sentAt} /> },
        ]}
      />
      {court && <DisclosureOrderList />}
    </div>
  );
}

/**
 * The investigator's application form: the court, the provider, the facts, the targets and the validity.
 * Nothing is drafted while a time or a pasted target line cannot be read (ActionForm, PastedTargets).
 */
export function WarrantApplicationNewPage() {
  const { t } = useI18n();
  const courts = useAsync(() => api.organisations('court').then((r) => r.items), []);
  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const [zone, setZone] = useState(viewerZone);
  const [court, setCourt] = useState('');
  const [provider, setProvider] = useState('');
  const [type, setType] = useState<WarrantType>('seizure');
  const [caseReference, setCaseReference] = useState('');
  const [offence, setOffence] = useState('');
  const [facts, setFacts] = useState('');
  const [necessity, setNecessity] = useState('');
  const [targets, setTargets] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>(['subscriber']);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [validDays, setValidDays] = useState('7');
  const [validityReason, setValidityReason] = useState('');
  const { busy, error, submit } = useAction();
  const parsed = parseTargetList(targets, zone);

  const draft = async () => {
    const a = await api.draftWarrantApplication({
      courtOrganisationId: court,
      providerOrganisationId: provider,
      warrantType: type,
      caseReference,
      offence,
      facts,
      necessity,
      targets: parsed.rows.map(targetFromRow) as never,
      categories,
      ...(from || to ? { recordsPeriod: { from, to } } : {}),
      validDays: Number(validDays),
      ...(validityReason.trim() ? { validityReason } : {}),
    });
    navigate(`/warrant-applications/${a.id}`);
  };
  return (
    <div>
      <h1>{t('wapp.new')}</h1>
      <p className="hint">{t('wapp.newIntro')}</p>
      <ActionForm label={t('wapp.new')} submit={t('wapp.save')} onSubmit={submit(draft)} busy={busy} error={error}>
        <OrganisationSelect label={t('wapp.court')} value={court} onChange={setCourt} organisations={courts.data} />
        <OrganisationSelect
          label={t('editor.provider')}
          value={provider}
          onChange={setProvider}
          organisations={providers.data}
        />
        <WarrantTypeSelect value={type} onChange={setType} />
        <TextField label={t('wapp.caseReference')} required value={caseReference} onChange={setCaseReference} />
        <TextField label={t('wapp.offence')} required value={offence} onChange={setOffence} />
        <TextField label={t('wapp.facts')} required multiline rows={5} value={facts} onChange={setFacts} />
        <TextField label={t('wapp.necessity')} required multiline rows={3} value={necessity} onChange={setNecessity} />
        <PastedTargets value={targets} onChange={setTargets} zone={zone} parsed={parsed} testId="wapp-targets" />
        <CategoryChecks value={categories} onChange={setCategories} />
        <InstantInput
          label={t('wapp.recordsFrom')}
          value={from}
          onChange={setFrom}
          zone={zone}
          onZoneChange={setZone}
        />
        <InstantInput label={t('wapp.recordsTo')} value={to} onChange={setTo} zone={zone} onZoneChange={setZone} />
        <TextField
          label={t('wapp.validDays')}
          type="number"
          inputMode="numeric"
          value={validDays}
          onChange={setValidDays}
          hint={t('wapp.validDaysHint')}
        />
        {Number(validDays) > 7 && (
          <TextField
            label={t('wapp.validityReason')}
            required
            multiline
            rows={2}
            value={validityReason}
            onChange={setValidityReason}
          />
        )}
      </ActionForm>
    </div>
  );
}

/**
 * Where an application drafted from an answer's record (or an e-mail's origin) came from, said in words, with the
 * way back to the request answered and to the case; the request drafted from the warrant follows the same answer.
 */
function ApplicationOrigin({ follows }: { follows: NonNullable<WarrantApplication['follows']> }) {
  const { t, bi, locale } = useI18n();
  const fromAnswer = follows.source === 'answer';
  return (
    <Section title={t('wapp.origin')} id="origin">
      <p data-testid="wapp-origin">
        {fromAnswer
          ? t('wapp.originAnswer', { ref: follows.reference ?? t('wapp.originUnseen') })
          : t('wapp.originMail')}
        {locale === 'ja' ? '' : ' '}
        {t('wapp.originTrace')}
      </p>
      <dl className="facts">
        <dt>{t('wapp.originSource')}</dt>
        <dd>{bi(LINK_SOURCE_LABELS[follows.source])}</dd>
        {follows.requestId && (
          <>
            <dt>{t('wapp.originRequest')}</dt>
            <dd>
              <Link to={`/requests/${follows.requestId}`}>{follows.reference ?? follows.requestId}</Link>{' '}
              <span className="muted small">{t('wapp.originBack')}</span>
            </dd>
          </>
        )}
        <dt>{t('wapp.originIdentifier')}</dt>
        <dd>
          <TargetText target={follows.identifier} />
        </dd>
        {follows.case && (
          <>
            <dt>{t('wapp.originCase')}</dt>
            <dd>
              <Link to={`/cases/${follows.case.id}`}>
                {follows.case.reference} {follows.case.title}
              </Link>
            </dd>
          </>
        )}
      </dl>
    </Section>
  );
}

/** One application: its content, where it stands, and the viewer's next step. */
export function WarrantApplicationPage({ id }: { id: string }) {
  const { t, bi, locale, listText } = useI18n();
  const data = useAsync(() => api.warrantApplication(id), [id]);
  if (data.loading || !data.data) return <RecordUnavailable what="warrantApplication" of={data} />;
  const a = data.data;
  return (
    <article aria-labelledby="wapp-h">
      <h1 id="wapp-h">{t('wapp.heading', { ref: a.reference })}</h1>
      <p className="badges">
        <span className={`badge wapp-${a.state}`} data-testid="wapp-state" data-state={a.state}>
          {bi(WARRANT_APPLICATION_STATE_LABELS[a.state])}
        </span>
      </p>
      <Section title={t('wapp.what')}>
        <dl className="facts">
          <dt>{t('wapp.court')}</dt>
          <dd>{orgName(a.court, locale)}</dd>
          <dt>{t('col.agency')}</dt>
          <dd>{orgName(a.agency, locale)}</dd>
          <dt>{t('editor.provider')}</dt>
          <dd>{orgName(a.provider, locale)}</dd>
          <dt>{t('warrant.type')}</dt>
          <dd>{bi(WARRANT_TYPE_LABELS[a.warrantType])}</dd>
          <dt>{t('wapp.caseReference')}</dt>
          <dd>{a.caseReference}</dd>
          <dt>{t('wapp.offence')}</dt>
          <dd>
            <WrittenText text={a.offence} />
          </dd>
          <TextFact label={t('wapp.facts')} text={a.facts} />
          <TextFact label={t('wapp.necessity')} text={a.necessity} />
          <dt>{t('editor.categories')}</dt>
          <dd>{listText(a.categories.map((c) => bi(DATA_CATEGORY_LABELS[c])))}</dd>
          {a.recordsPeriod && (
            <>
              <dt>{t('wapp.recordsPeriod')}</dt>
              <dd>
                <Time value={a.recordsPeriod.from} /> – <Time value={a.recordsPeriod.to} />
              </dd>
            </>
          )}
          <dt>{t('wapp.validDays')}</dt>
          <dd>
            {t('wapp.days', { n: a.validDays })}
            {a.validityReason ? ` — ${a.validityReason}` : ''}
          </dd>
          <dt>{t('wapp.draftedBy')}</dt>
          <dd>{a.draftedBy.displayName}</dd>
          {a.sentBy && (
            <>
              <dt>{t('wapp.sentBy')}</dt>
              <dd>
                {a.sentBy.displayName} (<Time value={a.sentAt} />)
                {a.sentWithPasskey ? ` · ${t('wapp.signedPasskey')}` : ''}
              </dd>
            </>
          )}
        </dl>
        <h3>{t('wapp.targets')}</h3>
        <ol>
          {a.targets.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the targets are a fixed, ordered list
            <li key={i}>
              <TargetText target={x} />
            </li>
          ))}
        </ol>
      </Section>
      {a.follows && <ApplicationOrigin follows={a.follows} />}
      {a.returnedNote && (
        <div className="notice notice-warn" role="status">
          {t(a.state === 'withdrawn' ? 'wapp.withdrawnNote' : 'wapp.returnedNote')}: {a.returnedNote}
        </div>
      )}
      {a.state === 'declined' && (
        <div className="notice notice-warn" role="status" data-testid="wapp-declined">
          {t('wapp.declinedBy', { name: a.decidedBy?.displayName ?? '—' })}: {a.declineReason}
        </div>
      )}
      {a.warrant && (
        <Section title={t('wapp.warrant')}>
          <dl className="facts" data-testid="wapp-warrant">
            <dt>{t('warrant.number')}</dt>
            <dd>{a.warrant.number}</dd>
            <dt>{t('wapp.judge')}</dt>
            <dd>{a.decidedBy?.displayName}</dd>
            <WarrantValidityFacts issuedAt={a.warrant.issuedAt} validUntil={a.warrant.validUntil} />
          </dl>
          <p className="hint">{t('wapp.attestedHint')}</p>
          {a.requestId && (
            <p>
              <Link to={`/requests/${a.requestId}`}>{t('wapp.openRequestLink')}</Link>
            </p>
          )}
        </Section>
      )}
      <ApplicationActions a={a} reload={data.reload} />
    </article>
  );
}
