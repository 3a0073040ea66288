import { useState } from 'react';
import { requestFieldWords } from '#shokai/field-words';
import {
  DOCUMENT_TYPE_LABELS,
  ISSUED_OPEN_STATES,
  type LifecycleAction,
  MESSAGE_PURPOSE_LABELS,
  MESSAGE_SIDE_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestDetail, Transition } from '../api/types.ts';
import { AnswerComposer } from '../components/answer-composer.tsx';
import { AttachmentsSection } from '../components/attachments.tsx';
import { ChainSection } from '../components/chain.tsx';
import { ClarificationWait } from '../components/clarification-wait.tsx';
import {
  DeadlineBadge,
  ErrorNotice,
  KindBadge,
  Loading,
  personName,
  Section,
  StateBadge,
  Time,
} from '../components/common.tsx';
import { ContentView } from '../components/content-view.tsx';
import { MlatRoutePanel } from '../components/mlat-route.tsx';
import { OrderStandingPanel } from '../components/order-standing.tsx';
import { SharesSection, WithheldContent } from '../components/request-access.tsx';
import { Actions } from '../components/request-actions.tsx';
import { AnswerSection } from '../components/request-answer.tsx';
import { RequestFacts } from '../components/request-facts.tsx';
import { MessageText } from '../components/thread-message.tsx';
import { VerificationPanel } from '../components/verification.tsx';
import { WithdrawalPanel } from '../components/withdrawal-panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLiveRefresh } from '../lib/live.ts';
import { Link } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { RequestUnavailable } from './not-found.tsx';

export function RequestPage({ id }: { id: string }) {
  const r = useAsync(() => api.request(id), [id]);
  useLiveRefresh(r.refresh, (e) => e.requestId === id);
  if (r.loading && !r.data) return <Loading />;
  if (r.error || !r.data) return <RequestUnavailable error={r.error} />;
  return <RequestView detail={r.data} onChange={r.setData} reload={r.reload} />;
}

function RequestView({
  detail: d,
  onChange,
  reload,
}: {
  detail: RequestDetail;
  onChange: (d: RequestDetail) => void;
  reload: () => void;
}) {
  const me = useMe();
  const { t, bi } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Transition['action'] | null>(null);
  const isProvider = me.organisation.kind === 'provider';
  const can = (a: LifecycleAction) => d.allowedActions.includes(a);

  /** A move, or one whose body is made first (a withdrawal signed on the person's device). */
  const act = async (move: Transition | (() => Promise<Transition>)) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = typeof move === 'function' ? await move() : move;
      const next = await api.transition(d.id, body);
      onChange(next);
      setDone(body.action);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const open = ISSUED_OPEN_STATES.includes(d.state);
  const deadlineLate = d.deadline?.status === 'overdue' || d.deadline?.status === 'escalated';

  return (
    <article className="request-page" aria-labelledby="req-h">
      <header className="page-head">
        <h1 id="req-h">{d.reference || d.id}</h1>
        <div className="badges">
          <KindBadge kind={d.kind} />
          <StateBadge state={d.state} kind={d.kind} />
          {/* No deadline (a draft, a settled request): nothing beside the badges, not a lone dash. */}
          {d.deadline && d.deadline.status !== 'none' && (
            <DeadlineBadge deadline={d.deadline} deadlineAt={d.deadlineAt} pausedSince={d.clarificationAskedAt} />
          )}
          {d.verification && (
            <span className={`badge ${d.verification.ok ? 'verified' : 'unverified'}`} data-testid="verification-badge">
              {d.verification.ok ? `✓ ${t('verify.ok')}` : `✗ ${t('verify.failed')}`}
            </span>
          )}
        </div>
        <nav className="page-links" aria-label={t('request.links')}>
          <Link to={`/requests/${d.id}/timeline`}>{t('request.timeline')}</Link>
          {d.state === 'draft' && <Link to={`/requests/${d.id}/edit`}>{t('request.edit')}</Link>}
          {(can('approve') || can('reject_approval')) && (
            <Link className="button primary" to={`/requests/${d.id}/approve`}>
              {t('request.toApproval')}
            </Link>
          )}
          {d.caseId && !isProvider && <Link to={`/cases/${d.caseId}`}>{t('request.case')}</Link>}
          {/* The documents this viewer may take now, as the hub decides (none before signing). */}
          {d.documents.map((type) =>
            // An answer that opens only on devices has its 回答書 made there, in the answer panel.
            type === 'answer' && d.answer?.opensOn === 'device' ? (
              <a key={type} href="#answer" data-testid={`document-${type}`}>
                {t('documents.onDevice', { document: bi(DOCUMENT_TYPE_LABELS[type]) })}
              </a>
            ) : (
              <a
                key={type}
                href={`/v1/requests/${encodeURIComponent(d.id)}/documents/${type}`}
                download
                data-testid={`document-${type}`}
              >
                {t('documents.download', { document: bi(DOCUMENT_TYPE_LABELS[type]) })}
              </a>
            ),
          )}
          <button type="button" className="link print-button" onClick={() => window.print()}>
            {t('documents.print')}
          </button>
        </nav>
      </header>
      {d.kind === 'emergency' && open && (
        <div className="emergency-banner" role="alert">
          ⚠ {t('request.emergencyBanner')}
        </div>
      )}
      {deadlineLate && open && (
        <div className="overdue-banner" role="alert">
          ⏰ {t('request.overdueBanner')}
          <Time value={d.deadlineAt} />
        </div>
      )}
      {done && (
        <p className="notice notice-ok" role="status">
          ✓ {t(`action.done.${done}`)}
        </p>
      )}
      <ErrorNotice error={error} fieldWords={requestFieldWords(d.kind)} />

      <div className="request-grid">
        <div className="request-main">
          {(isProvider || d.verification) && (
            <Section title={t('verify.title')} id="verification">
              <VerificationPanel verification={d.verification} kind={d.kind} />
            </Section>
          )}
          {d.courtOrderStanding && <OrderStandingPanel s={d.courtOrderStanding} />}
          {d.withdrawal && <WithdrawalPanel w={d.withdrawal} />}
          <ClarificationWait d={d} />
          <RequestFacts d={d} />
          <Section title={t('request.content')}>
            {d.content ? <ContentView content={d.content} /> : <WithheldContent d={d} onOpened={reload} />}
          </Section>
          {(d.state === 'awaiting_opinion' || d.opinionDeadlineAt) && (
            <Section title={t('opinion.title')} id="opinion">
              <p>
                {d.state === 'awaiting_opinion' ? t('opinion.waiting') : t('opinion.finished')}{' '}
                {d.opinionDeadlineAt && (
                  <>
                    — {t('opinion.deadline')}: <Time value={d.opinionDeadlineAt} long />
                  </>
                )}
              </p>
            </Section>
          )}
          <Section title={t('thread.title', { n: d.messages.length })} id="thread">
            {d.messages.length === 0 ? (
              <p className="muted">{t('thread.empty')}</p>
            ) : (
              <ol className="thread">
                {d.messages.map((m) => {
                  const side = bi(MESSAGE_SIDE_LABELS[m.side]);
                  const purpose = bi(MESSAGE_PURPOSE_LABELS[m.purpose]);
                  return (
                    <li key={m.id} className={`msg msg-${m.side}`}>
                      <p className="msg-head">
                        <strong>{side}</strong> · {purpose} · {personName(m.author)} · <Time value={m.createdAt} />
                      </p>
                      <MessageText m={m} />
                    </li>
                  );
                })}
              </ol>
            )}
          </Section>
          <AttachmentsSection d={d} />
          <AnswerSection d={d} />
          <ChainSection d={d} />
          {d.viewerSide === 'agency' && d.unit.id === me.user.unitId && <SharesSection d={d} />}
          {d.kind === 'mlat' && d.viewerSide === 'agency' && d.envelopeId && d.unit.id === me.user.unitId && (
            <MlatRoutePanel requestId={d.id} />
          )}
        </div>
        <aside className="request-side" aria-label={t('action.title')}>
          <Actions d={d} busy={busy} act={act} reload={reload} isUnitHead={hasRole(me, 'unit_head', 'lawyer')} />
        </aside>
      </div>
      {can('answer') && d.content && !(d.secondCheck?.required && !d.secondCheck.confirmedAt) && (
        <AnswerComposer d={d} content={d.content} busy={busy} act={act} />
      )}
    </article>
  );
}
