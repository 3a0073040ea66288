// Ancillary orders of a disclosure-order case (付随命令, issue 15 item 2): on the case's page the lawyer
// applies for a provision order (提供命令) or an erasure-prohibition order (消去禁止命令) and, once the
// content provider named the access providers, notifies the application against one; the judge issues
// with his own passkey, declines, or records that an order ceased. The provider bound finds the orders
// on its court-orders page (pages/court-orders.tsx): the judge's signature checked, received, and a
// provision order carried out.
import { type FormEvent, useState } from 'react';
import { ANCILLARY_ORDER_STATE_LABELS, ANCILLARY_ORDER_TYPE_LABELS, ANCILLARY_ORDER_TYPES } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { AncillaryOrder, DisclosureOrderApplication } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { choiceBinder, textBinder, useFormState } from '../lib/form-state.ts';
import { useAsync } from '../lib/use-async.ts';
import { ActionForm } from './action-form.tsx';
import { type Act, NoteSteps, StepButton, useApplicationStep, useOfferedSteps } from './application-steps.tsx';
import { ErrorNotice, Facts, LoadState, orgName, RadioChoices, Section, TextField, Time } from './common.tsx';
import { TargetList } from './content-view.tsx';
import { OrderIssueForm } from './order-issue-form.tsx';
import { ProvideForm } from './provide-form.tsx';
import { NamedUnderLine, NotifiedCase, ProvideFromNotice } from './provision-chain.tsx';

/** On a disclosure-order case's page: its ancillary orders, and the lawyer's application for one. */
export function AncillaryOrdersPanel({ application }: { application: DisclosureOrderApplication }) {
  const { t } = useI18n();
  const list = useAsync(
    () => api.ancillaryOrders().then((r) => r.items.filter((o) => o.applicationId === application.id)),
    [application.id],
  );
  const mayApply = application.side === 'office' && application.state === 'filed';
  if (!mayApply && (list.data ?? []).length === 0) return null;
  return (
    <Section title={t('aord.title')} id="ancillary-orders">
      <p className="hint">{t('aord.intro')}</p>
      <LoadState of={list} />
      {(list.data ?? []).map((o) => (
        <AncillaryOrderCard key={o.id} o={o} reload={list.reload} />
      ))}
      {mayApply && <ApplyForm applicationId={application.id} reload={list.reload} />}
    </Section>
  );
}

function ApplyForm({ applicationId, reload }: { applicationId: string; reload: () => void }) {
  const { t } = useI18n();
  const { busy, error, act } = useApplicationStep(reload);
  const [f, , set] = useFormState<{ ancillaryType: AncillaryOrder['type']; reasons: string }>({
    ancillaryType: 'erasure_prohibition',
    reasons: '',
  });
  const text = textBinder(f, set);
  const choice = choiceBinder(f, set);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api.applyAncillaryOrder(applicationId, { type: f.ancillaryType, reasons: f.reasons.trim() }));
  };
  return (
    <ActionForm label={t('aord.apply')} onSubmit={submit} busy={busy} ready={!!f.reasons.trim()} error={error}>
      <RadioChoices
        legend={t('aord.type')}
        options={ANCILLARY_ORDER_TYPES}
        labels={ANCILLARY_ORDER_TYPE_LABELS}
        {...choice('ancillaryType')}
      />
      <TextField label={t('aord.reasons')} multiline rows={3} required {...text('reasons')} />
    </ActionForm>
  );
}

/** One ancillary order as the viewer's side sees it, with what the viewer does next. */
export function AncillaryOrderCard({ o, reload }: { o: AncillaryOrder; reload: () => void }) {
  const { t, bi, locale } = useI18n();
  const { busy, error, act, has } = useOfferedSteps(o.actions, reload);
  return (
    <div className="action-box" data-testid="ancillary-order" data-state={o.state}>
      <h3>
        {bi(ANCILLARY_ORDER_TYPE_LABELS[o.type])} {o.reference} — {bi(ANCILLARY_ORDER_STATE_LABELS[o.state])}
      </h3>
      <Facts
        rows={(
          [
            ['wapp.court', orgName(o.court, locale)],
            ['editor.provider', orgName(o.provider, locale)],
            ['aord.reasons', o.reasons],
            ['civilForm.orderCaseNumber', o.order?.caseNumber],
            ['civilForm.orderContent', o.order?.content],
            ['dord.declined', o.declineReason],
            ['aord.liftReason', o.liftReason],
          ] as const
        ).filter(([, v]) => v)}
      />
      <TargetList targets={o.targets} />
      {o.order && (
        <p>
          {t('civilForm.orderedAt')}: <Time value={o.order.orderedAt} />
        </p>
      )}
      {o.signatureVerified !== null && (
        <p className={o.signatureVerified ? 'badge ok' : 'field-error'} data-testid="order-signature">
          {t(o.signatureVerified ? 'aord.signatureValid' : 'aord.signatureInvalid')}
        </p>
      )}
      {o.receivedAt && (
        <p>
          {t('aord.received')}: <Time value={o.receivedAt} />
        </p>
      )}
      {o.namedUnder && <NamedUnderLine n={o.namedUnder} />}
      {o.provision && <ProvisionResult provision={o.provision} />}
      <ErrorNotice error={error} />
      {has('issue') && (
        <OrderIssueForm
          busy={busy}
          act={act}
          label={t('aord.issue')}
          intro={t('aord.issueIntro')}
          preview={(body) => api.ancillaryIssuePreview(o.id, body)}
          issue={(body) => api.issueAncillaryOrder(o.id, body)}
        />
      )}
      {has('receive') && (
        <StepButton label={t('aord.receive')} busy={busy} onPress={() => act(() => api.receiveAncillaryOrder(o.id))} />
      )}
      {has('provide') &&
        (o.namedUnder?.noticeId ? (
          <ProvideFromNotice o={o} busy={busy} act={act} />
        ) : (
          <ProvideForm o={o} busy={busy} act={act} />
        ))}
      {has('notify') && <NotifyForm o={o} busy={busy} act={act} />}
      <NoteSteps
        noteLabel={t('dord.reason')}
        busy={busy}
        act={act}
        steps={[
          has('decline') && { label: t('dord.decline'), send: (note) => api.declineAncillaryOrder(o.id, note) },
          has('withdraw') && { label: t('dord.withdraw'), send: (note) => api.withdrawAncillaryOrder(o.id, note) },
          has('lift') && { label: t('aord.lift'), send: (note) => api.liftAncillaryOrder(o.id, note) },
        ]}
      />
    </div>
  );
}

function ProvisionResult({ provision }: { provision: NonNullable<AncillaryOrder['provision']> }) {
  const { t, locale } = useI18n();
  if (!provision.identified) return <p data-testid="provision-result">{t('aord.notIdentified')}</p>;
  return (
    <div data-testid="provision-result">
      <p>{t('aord.accessProviders')}</p>
      <ul>
        {provision.accessProviders.map((a) => (
          <li key={a.organisation.id}>
            {orgName(a.organisation, locale)} — {t(a.notified ? 'aord.notified' : 'aord.notNotified')}
            <NotifiedCase application={a.application} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The lawyer picks its pending application against a named access provider and notifies it. */
function NotifyForm({ o, busy, act }: { o: AncillaryOrder; busy: boolean; act: Act }) {
  const { t, locale } = useI18n();
  const waiting = new Set(
    (o.provision?.accessProviders ?? []).filter((a) => !a.notified).map((a) => a.organisation.id),
  );
  const mine = useAsync(
    () => api.disclosureOrders('filed').then((r) => r.items.filter((a) => waiting.has(a.provider.id))),
    [waiting.has],
  );
  const [choice, setChoice] = useState('');
  return (
    <div>
      <p className="hint">{t('aord.notifyIntro')}</p>
      {mine.data && mine.data.length === 0 && <p className="muted">{t('aord.noApplicationYet')}</p>}
      {mine.data && mine.data.length > 0 && (
        <label>
          {t('aord.applicationAgainst')}{' '}
          <select name="notifyApplication" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('civilForm.choose')}</option>
            {mine.data.map((a) => (
              <option key={a.id} value={a.id}>
                {a.reference} — {orgName(a.provider, locale)}
              </option>
            ))}
          </select>
        </label>
      )}{' '}
      <button
        type="button"
        disabled={busy || !choice}
        onClick={() => void act(() => api.notifyUnderOrder(o.id, choice))}
      >
        {t('aord.notify')}
      </button>
    </div>
  );
}
