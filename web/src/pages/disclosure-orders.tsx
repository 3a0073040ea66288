// Disclosure-order applications (発信者情報開示命令の申立て, issue 15 item 2): the law office's list and
// the judge's inbox (beside warrant applications), one application with what each side does next —
// the judge records the parties heard and issues the order signed with his own passkey (the provider heard
// first) or declines it, the lawyer drafts the civil request from the issued order — and the picker the
// civil request form offers on the court-order route.
import {
  DISCLOSURE_ORDER_APPLICATION_STATE_LABELS,
  DISCLOSURE_ORDER_STANDING_LABELS,
  DISCLOSURE_PURPOSE_LABELS,
  INFRINGED_RIGHT_LABELS,
  SENDER_INFORMATION_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DisclosureOrderApplication } from '../api/types.ts';
import { AncillaryOrdersPanel } from '../components/ancillary-orders.tsx';
import { NextSteps, NoteSteps, StepButton, useOfferedSteps } from '../components/application-steps.tsx';
import { ErrorNotice, Facts, orgName, Section, Time } from '../components/common.tsx';
import { TargetList } from '../components/content-view.tsx';
import { HearingsPanel, RecordHearingForm } from '../components/order-hearings.tsx';
import { OrderIssueForm } from '../components/order-issue-form.tsx';
import {
  OrderStandingPanel,
  RecordFinalForm,
  RecordObjectionForm,
  RecordOutcomeForm,
} from '../components/order-standing.tsx';
import { AsyncTable } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { RecordUnavailable } from './not-found.tsx';

/** The office's applications, or the court's inbox of them. */
export function DisclosureOrderList() {
  const { t, bi, locale } = useI18n();
  const me = useMe();
  const court = me.organisation.kind === 'court';
  const list = useAsync(() => api.disclosureOrders().then((r) => r.items), []);
  return (
    <section aria-labelledby="dord-h">
      <h2 id="dord-h">{t(court ? 'dord.inbox' : 'dord.title')}</h2>
      <p className="hint">{t(court ? 'dord.inboxIntro' : 'dord.intro')}</p>
      <AsyncTable
        list={list}
        empty={t('dord.empty')}
        testId="disclosure-orders"
        caption={t(court ? 'dord.inbox' : 'dord.title')}
        rowKey={(a) => a.id}
        rowHeader
        columns={[
          {
            head: t('wapp.reference'),
            className: 'col-ref',
            cell: (a) => <Link to={`/disclosure-orders/${a.id}`}>{a.reference}</Link>,
          },
          { head: t('wapp.state'), cell: (a) => bi(DISCLOSURE_ORDER_APPLICATION_STATE_LABELS[a.state]) },
          {
            head: t('dstand.standing'),
            cell: (a) => (a.standing ? bi(DISCLOSURE_ORDER_STANDING_LABELS[a.standing.standing]) : '—'),
          },
          {
            head: t(court ? 'dord.lawOffice' : 'wapp.court'),
            cell: (a) => orgName(court ? a.lawOffice : a.court, locale),
          },
          { head: t('editor.provider'), cell: (a) => orgName(a.provider, locale) },
          { head: t('dord.filedAt'), cell: (a) => <Time value={a.filedAt} /> },
        ]}
      />
    </section>
  );
}

export function DisclosureOrderListPage() {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t('dord.title')}</h1>
      <p>
        <Link to="/civil/new" className="button primary">
          {t('dord.new')}
        </Link>
      </p>
      <DisclosureOrderList />
    </div>
  );
}

/** One application: what was applied for, the decision, and what the viewer does next. */
export function DisclosureOrderPage({ id }: { id: string }) {
  const { t, bi, locale, listText } = useI18n();
  const a = useAsync(() => api.disclosureOrder(id), [id]);
  if (a.loading || !a.data) return <RecordUnavailable what="disclosureOrder" of={a} />;
  const d = a.data;
  const labels = <K extends string>(xs: readonly K[], table: Record<K, { ja: string; en: string }>) =>
    listText(xs.map((x) => bi(table[x])));
  return (
    <article aria-labelledby="dorder-h">
      <h1 id="dorder-h">
        {t('dord.one')} {d.reference}
      </h1>
      <p role="status" data-testid="dord-state">
        {bi(DISCLOSURE_ORDER_APPLICATION_STATE_LABELS[d.state])}
      </p>
      <Section title={t('dord.applied')}>
        <Facts
          rows={[
            ['wapp.court', orgName(d.court, locale)],
            ['dord.lawOffice', orgName(d.lawOffice, locale)],
            ['editor.provider', orgName(d.provider, locale)],
            ['civilForm.caseReference', d.caseReference],
            ['civil.claimant', d.claimant],
            ['dord.rights', labels(d.rights, INFRINGED_RIGHT_LABELS)],
            ['civilForm.rightsInfringed', d.rightsInfringed],
            ['civilForm.purposes', labels(d.purposes, DISCLOSURE_PURPOSE_LABELS)],
            ['civilForm.senderInformation', labels(d.senderInformation, SENDER_INFORMATION_LABELS)],
            ['civilForm.facts', d.facts],
            ['civilForm.necessity', d.necessity],
            ['dord.filedBy', d.filedBy.displayName],
          ]}
        />
        <TargetList targets={d.targets} />
      </Section>
      {(d.hearings.length > 0 || d.state === 'filed') && <HearingsPanel a={d} reload={a.reload} />}
      {d.declineReason && (
        <Section title={t('dord.declined')}>
          <p>{d.declineReason}</p>
        </Section>
      )}
      {d.order && (
        <Section title={t('dord.order')}>
          <Facts
            rows={[
              ['civilForm.orderCaseNumber', d.order.caseNumber],
              ['civilForm.orderContent', d.order.content],
              ['dord.decidedBy', d.decidedBy?.displayName],
            ]}
          />
          <p>
            {t('civilForm.orderedAt')}: <Time value={d.order.orderedAt} long />
          </p>
          <p className="hint">{t('dord.signedHint')}</p>
        </Section>
      )}
      {d.standing && <OrderStandingPanel s={d.standing} />}
      {d.requestId && (
        <p>
          <Link to={`/requests/${d.requestId}`}>{t('dord.theRequest')}</Link>
        </p>
      )}
      <Actions a={d} reload={a.reload} />
      <AncillaryOrdersPanel application={d} />
    </article>
  );
}

function Actions({ a, reload }: { a: DisclosureOrderApplication; reload: () => void }) {
  const { t } = useI18n();
  const { busy, error, act, has } = useOfferedSteps(a.actions, reload);
  if (a.actions.length === 0) return null;
  return (
    <NextSteps error={error}>
      {has('record_hearing') && <RecordHearingForm id={a.id} busy={busy} act={act} />}
      {has('issue') && (
        <OrderIssueForm
          busy={busy}
          act={act}
          label={t('dord.issue')}
          intro={t('dord.issueIntro')}
          preview={(body) => api.disclosureOrderIssuePreview(a.id, body)}
          issue={(body) => api.issueDisclosureOrder(a.id, body)}
        />
      )}
      {has('record_objection') && <RecordObjectionForm id={a.id} busy={busy} act={act} />}
      {has('record_objection_outcome') && <RecordOutcomeForm id={a.id} busy={busy} act={act} />}
      {has('record_final') && <RecordFinalForm id={a.id} busy={busy} act={act} />}
      {has('open_request') && (
        <StepButton
          label={t('dord.openRequest')}
          busy={busy}
          onPress={() =>
            act(
              () => openRequestFrom(a.id),
              (r) => navigate(`/requests/${r as string}/approve`),
            )
          }
        />
      )}
      <NoteSteps
        noteLabel={t('dord.reason')}
        busy={busy}
        act={act}
        steps={[
          has('decline') && {
            label: t('dord.decline'),
            send: (note) => api.declineDisclosureOrder(a.id, note),
            warning: t('dord.declineWarning'),
          },
          has('withdraw') && { label: t('dord.withdraw'), send: (note) => api.withdrawDisclosureOrder(a.id, note) },
        ]}
      />
    </NextSteps>
  );
}

/** Drafts the civil request from the issued order and puts it before the lawyer's signature; its id. */
async function openRequestFrom(applicationId: string): Promise<string> {
  const opened = await api.openDisclosureOrderRequest(applicationId);
  const requestId = opened.requestId ?? '';
  await api.transition(requestId, { action: 'submit' });
  return requestId;
}

/** An order still to be used, and in force: not contested in a pending objection suit, nor set aside. */
const usable = (a: { requestId: string | null; standing: { standing: string } | null }) =>
  !a.requestId && a.standing?.standing !== 'contested' && a.standing?.standing !== 'set_aside';

/**
 * On the civil form's court-order route: the orders the court issued on the office's applications,
 * each drafted into the request with one click (nothing copied by hand); a hand-entered order below
 * reaches the provider as unverified.
 */
export function IssuedOrderPicker() {
  const { t, locale } = useI18n();
  const { busy, error, run } = useAction();
  const list = useAsync(() => api.disclosureOrders('issued').then((r) => r.items.filter(usable)), []);
  const pick = (applicationId: string) =>
    run(async () => navigate(`/requests/${await openRequestFrom(applicationId)}/approve`));
  return (
    <div data-testid="issued-orders">
      <p className="hint">{t('dord.pickIntro')}</p>
      <ErrorNotice error={error ?? list.error} />
      {list.data && list.data.length === 0 && <p className="muted">{t('dord.noneIssued')}</p>}
      <ul>
        {(list.data ?? []).map((a) => (
          <li key={a.id}>
            {a.orderCaseNumber} — {orgName(a.court, locale)} · {orgName(a.provider, locale)} ({a.caseReference}){' '}
            <StepButton label={t('dord.pick')} busy={busy} onPress={() => pick(a.id)} />
          </li>
        ))}
      </ul>
      <p className="hint">{t('dord.handEntered')}</p>
    </div>
  );
}
