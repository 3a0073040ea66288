import { startRegistration } from '@simplewebauthn/browser';
import { type ReactNode, useState } from 'react';
import {
  type AnswerKeys,
  answerReviewDigest,
  buildSealedAnswer,
  passkeySigner,
  prepareAnswer,
} from '#shokai/answer-seal';
import { unwrap } from '#shokai/client';
import { type OpenedOnDevice, openAnswerOnDevice } from '#shokai/custody';
import type { DocumentData } from '#shokai/documents';
import {
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  DEADLINE_STATUS_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  DOCUMENT_TYPE_LABELS,
  DOCUMENTS_OF_KIND,
  ISSUED_OPEN_STATES,
  isOneOf,
  LIFECYCLE_ACTION_LABELS,
  type LifecycleAction,
  MESSAGE_PURPOSE_LABELS,
  MESSAGE_SIDE_LABELS,
} from '#shokai/vocabulary';
import { ApiError, api, apiClient } from '../api/client.ts';
import type {
  AnswerContent,
  DeclineReason,
  RequestContent,
  RequestDetail,
  Transition,
  UnsealedAnswer,
} from '../api/types.ts';
import { AnswerForm, AnswerPreviewPanel, AnswerView } from '../components/answer.tsx';
import { AttachmentsSection } from '../components/attachments.tsx';
import { ChainSection, nextRequestAction } from '../components/chain.tsx';
import {
  DeadlineBadge,
  ErrorNotice,
  Field,
  KindBadge,
  Loading,
  orgName,
  personName,
  Section,
  StateBadge,
  TextField,
  Time,
} from '../components/common.tsx';
import { ContentView } from '../components/content-view.tsx';
import { HearingPanel } from '../components/hearing.tsx';
import { MlatRoutePanel } from '../components/mlat-route.tsx';
import { VerificationPanel } from '../components/verification.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { readingsOf, rememberAnswerRead } from '../lib/answers-read.ts';
import { loadDevice } from '../lib/device.ts';
import { useLiveRefresh } from '../lib/live.ts';
import { passkeyAssertion } from '../lib/passkey.ts';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function RequestPage({ id }: { id: string }) {
  const r = useAsync(() => api.request(id), [id]);
  useLiveRefresh(r.refresh, (e) => e.requestId === id);
  const { t } = useI18n();
  if (r.loading && !r.data) return <Loading />;
  if (r.error || !r.data) {
    return (
      <div>
        <h1>{t('request.unavailable')}</h1>
        <ErrorNotice error={r.error} />
        <Link to="/">{t('nav.home')}</Link>
      </div>
    );
  }
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
  const { t, bi, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Transition['action'] | null>(null);
  const isProvider = me.organisation.kind === 'provider';
  const can = (a: LifecycleAction) => d.allowedActions.includes(a);

  const act = async (body: Transition) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
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
          <StateBadge state={d.state} />
          <DeadlineBadge deadline={d.deadline} deadlineAt={d.deadlineAt} />
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
          {d.envelopeId &&
            d.viewerSide !== 'oversight' &&
            DOCUMENTS_OF_KIND[d.kind]
              .filter((type) => type !== 'answer' || d.answer !== null)
              .map((type) =>
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
          ⏰ {t('request.overdueBanner', { at: d.deadlineAt ? new Date(d.deadlineAt).toISOString() : '' })}{' '}
          <Time value={d.deadlineAt} />
        </div>
      )}
      {done && (
        <p className="notice notice-ok" role="status">
          ✓ {t(`action.done.${done}`)}
        </p>
      )}
      <ErrorNotice error={error} />

      <div className="request-grid">
        <div className="request-main">
          {(isProvider || d.verification) && (
            <Section title={t('verify.title')} id="verification">
              <VerificationPanel verification={d.verification} />
            </Section>
          )}
          <Section title={t('request.overview')}>
            <dl className="facts two-col">
              <dt>{t('col.agency')}</dt>
              <dd>
                {orgName(d.agency, locale)}
                {d.unit ? ` / ${orgName(d.unit, locale)}` : ''}
              </dd>
              <dt>{t('col.provider')}</dt>
              <dd>{d.kind === 'mlat' ? (d.content?.mlat?.foreignAuthority ?? '—') : orgName(d.provider, locale)}</dd>
              <dt>{t('request.draftedBy')}</dt>
              <dd>{personName(d.draftedBy)}</dd>
              <dt>{t('request.approvedBy')}</dt>
              <dd>{personName(d.approvedBy)}</dd>
              <dt>{t('request.created')}</dt>
              <dd>
                <Time value={d.createdAt} />
              </dd>
              {d.issuedAt && (
                <>
                  <dt>{t('request.issued')}</dt>
                  <dd>
                    <Time value={d.issuedAt} long />
                  </dd>
                </>
              )}
              {d.receivedAt && (
                <>
                  <dt>{t('request.received')}</dt>
                  <dd>
                    <Time value={d.receivedAt} />
                  </dd>
                </>
              )}
              {d.deadlineAt && (
                <>
                  <dt>{t('col.deadline')}</dt>
                  <dd>
                    <Time value={d.deadlineAt} long />
                  </dd>
                </>
              )}
              {d.preservationUntil && (
                <>
                  <dt>{t('request.preservationUntil')}</dt>
                  <dd>
                    <Time value={d.preservationUntil} long />
                  </dd>
                </>
              )}
              {d.followUp && (
                <>
                  <dt>
                    {t(
                      d.followUp.kind === 'paperwork'
                        ? 'followUp.paperwork'
                        : d.followUp.kind === 'mlat_reply'
                          ? 'followUp.mlatReply'
                          : 'followUp.preservationEnd',
                    )}
                  </dt>
                  <dd data-testid="follow-up" data-status={d.followUp.status}>
                    <Time value={d.followUp.dueAt} long />{' '}
                    {d.followUp.doneBy ? (
                      <>
                        {t('followUp.doneBy')}{' '}
                        <Link to={`/requests/${d.followUp.doneBy.id}`}>{d.followUp.doneBy.reference}</Link>
                      </>
                    ) : (
                      d.followUp.status !== 'none' && bi(DEADLINE_STATUS_LABELS[d.followUp.status])
                    )}
                    {d.followUp.kind === 'paperwork' &&
                      !d.followUp.doneBy &&
                      d.viewerSide === 'agency' &&
                      d.unit.id === me.user.unitId &&
                      hasRole(me, 'investigator') && <PaperworkButton requestId={d.id} />}
                  </dd>
                </>
              )}
              {d.answeredAt && (
                <>
                  <dt>{t('request.answeredAt')}</dt>
                  <dd>
                    <Time value={d.answeredAt} />
                  </dd>
                </>
              )}
              {d.declineReason && (
                <>
                  <dt>{t('request.declineReason')}</dt>
                  <dd data-testid="decline-reason">
                    {DECLINE_REASON_LABELS[d.declineReason]
                      ? bi(DECLINE_REASON_LABELS[d.declineReason])
                      : d.declineReason}
                    {d.declineNote ? ` — ${d.declineNote}` : ''}
                  </dd>
                </>
              )}
              {d.closedAt && (
                <>
                  <dt>{t('request.closedAt')}</dt>
                  <dd>
                    <Time value={d.closedAt} />
                  </dd>
                </>
              )}
            </dl>
          </Section>
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
                {d.messages.map((m) => (
                  <li key={m.id} className={`msg msg-${m.side}`}>
                    <p className="msg-head">
                      <strong>{bi(MESSAGE_SIDE_LABELS[m.side])}</strong> · {bi(MESSAGE_PURPOSE_LABELS[m.purpose])} ·{' '}
                      {personName(m.author)} · <Time value={m.createdAt} />
                    </p>
                    <p className="prewrap">{m.body}</p>
                  </li>
                ))}
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

/** What the provider reviews before signing: the answer as it will be signed, and its digest. */
interface ReviewedAnswer {
  answer: AnswerContent;
  digest: string;
  /** The keys it is sealed to and the credentials it is signed with (absent: a provider not yet migrated). */
  keys?: AnswerKeys;
}

/** A refusal of the provider's own side (the answer does not fit the request), shown as the hub's would be. */
function asApiError(e: unknown): unknown {
  if (typeof e === 'object' && e !== null && 'code' in e && 'messages' in e) {
    const d = e as { code: string; messages: { ja: string; en: string }; details?: unknown };
    return new ApiError(400, { error: { code: d.code, message: d.messages, details: d.details ?? {} } });
  }
  return e;
}

/**
 * The provider writes the answer, reviews exactly what will leave, then signs it with the legal
 * officer's passkey and seals it IN THIS BROWSER to the requesting unit's answer key and to the
 * provider's own key (issue 11): the hub receives ciphertext only. A provider that holds no credential
 * of its own yet (a store not yet migrated) still answers through the hub.
 */
function AnswerComposer({
  d,
  content,
  busy,
  act,
}: {
  d: RequestDetail;
  content: RequestContent;
  busy: boolean;
  act: (body: Transition) => Promise<void>;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<ReviewedAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [signing, setSigning] = useState(false);
  const [registered, setRegistered] = useState<string | null>(null);

  const review = async (answer: AnswerContent) => {
    setError(null);
    try {
      const keys = await unwrap(apiClient.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: d.id } } }));
      if (!keys.signers.installationKey && !keys.signers.passkey) {
        setPreview(await api.answerPreview(d.id, answer));
        return;
      }
      const prepared = prepareAnswer(answer, keys);
      setPreview({ answer: prepared, digest: await answerReviewDigest(keys.request, prepared), keys });
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const signAndSend = async (p: ReviewedAnswer & { keys: AnswerKeys }) => {
    const passkey = p.keys.signers.passkey;
    if (!passkey) return;
    setSigning(true);
    setError(null);
    try {
      // The passkey signs twice: the answer itself (inside the box), then the box the unit receives.
      const signer = passkeySigner(passkey.keyId, async (challenge) => {
        const a = await passkeyAssertion(challenge, passkey);
        return { id: a.id, response: a.response };
      });
      const sealed = await buildSealedAnswer({
        request: p.keys.request,
        answer: p.answer,
        answeredAt: new Date().toISOString(),
        unitKey: p.keys.unitKey,
        ownKey: p.keys.ownKey,
        signer,
      });
      await act({ action: 'answer', sealed });
    } catch (e) {
      setError(e instanceof Error && e.name === 'NotAllowedError' ? new Error(t('passkey.cancelled')) : asApiError(e));
    }
    setSigning(false);
  };

  const registerPasskey = async () => {
    setError(null);
    try {
      const optionsJSON = (await api.credentialOptions()) as Parameters<typeof startRegistration>[0]['optionsJSON'];
      const response = await startRegistration({ optionsJSON });
      const key = await api.registerCredential({
        response: response as Parameters<typeof api.registerCredential>[0]['response'],
      });
      setRegistered(
        key.confirmation.state === 'pending'
          ? t('passkey.pending', { fp: key.fingerprint })
          : t('passkey.registered', { fp: key.fingerprint }),
      );
      const keys = await unwrap(apiClient.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: d.id } } }));
      setPreview((p) => (p ? { ...p, keys } : p));
    } catch (e) {
      setError(e instanceof Error && e.name === 'NotAllowedError' ? new Error(t('passkey.cancelled')) : e);
    }
  };

  if (preview) {
    const keys = preview.keys;
    return (
      <Section title={t('answer.previewTitle')} id="answer-form">
        <ErrorNotice error={error} />
        {keys && !keys.signers.passkey && (
          <div className="notice" data-testid="answer-passkey-none">
            <p>{t('answer.passkeyNone')}</p>
            <button type="button" onClick={() => void registerPasskey()}>
              {t('passkey.register')}
            </button>
          </div>
        )}
        {registered && <p role="status">{registered}</p>}
        {keys?.signers.passkey && (
          <p className="hint" data-testid="answer-passkey-hint">
            {t('answer.passkeySignsHint')}
          </p>
        )}
        <AnswerPreviewPanel
          preview={preview}
          content={content}
          busy={busy || signing || (!!keys && !keys.signers.passkey)}
          onBack={() => setPreview(null)}
          onConfirm={() =>
            void (keys
              ? signAndSend({ ...preview, keys })
              : act({ action: 'answer', answer: preview.answer, digest: preview.digest }))
          }
        />
      </Section>
    );
  }
  return (
    <Section title={t('answer.formTitle')} id="answer-form">
      <ErrorNotice error={error} />
      <AnswerForm content={content} busy={busy} onSubmit={(answer) => void review(answer)} />
    </Section>
  );
}

/**
 * Opens the answer on this browser's device (answers in device custody): null when this browser has
 * no device; the hub's legacy opening only for an answer still sealed to a key the hub holds.
 */
async function openOnThisDevice(userId: string, requestId: string): Promise<UnsealedAnswer | OpenedOnDevice | null> {
  const device = await loadDevice(userId);
  try {
    if (!device) throw new ApiError(404, null);
    return await openAnswerOnDevice(apiClient, device, requestId);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'CONFLICT') return api.answer(requestId);
    if (e instanceof ApiError && (e.status === 404 || e.code === 'NOT_FOUND')) {
      // Not this unit's enrolled device (or none): an answer still in the hub's custody opens there.
      try {
        return await api.answer(requestId);
      } catch (legacy) {
        if (legacy instanceof ApiError && legacy.code === 'OPEN_ON_DEVICE') return null;
        throw legacy;
      }
    }
    throw e;
  }
}

function AnswerSection({ d }: { d: RequestDetail }) {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  const [unsealed, setUnsealed] = useState<UnsealedAnswer | OpenedOnDevice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [noDevice, setNoDevice] = useState(false);
  if (!d.answer) return null;
  // Opened on this device: the 回答書 is rendered here too (the hub cannot read the answer).
  const onDevice = unsealed && 'inner' in unsealed ? unsealed : null;
  // The requesting side: a police unit, or a law office for a civil disclosure (issue 15).
  const requester = me.organisation.kind === 'agency' || me.organisation.kind === 'law_office';
  // The answering provider's legal and data staff can read back what their organisation disclosed.
  const keptCopy =
    me.organisation.kind === 'provider' && (hasRole(me, 'provider_legal') || hasRole(me, 'provider_operator'));
  // The hub stores only that the answer is sealed; once opened here, the answer's own outcome is known.
  const outcomeText = (o: string) =>
    isOneOf(ANSWER_OUTCOMES, o) ? bi(ANSWER_OUTCOME_LABELS[o]) : t('answer.outcome.sealed');
  return (
    <Section title={t('answer.title')} id="answer">
      <p>
        {t('answer.outcome')}:{' '}
        <strong data-testid="answer-stored-outcome">{outcomeText(unsealed?.answer.outcome ?? d.answer.outcome)}</strong>{' '}
        · {t('answer.signedBy')}: {orgName(d.provider, locale)} ({t('answer.key')}{' '}
        <code className="small">{personName(d.answer.signedBy)}</code>) · <Time value={d.answer.createdAt} />
      </p>
      <p className="muted small">{t('answer.sealed')}</p>
      {(requester || keptCopy) && !unsealed && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            setError(null);
            setNoDevice(false);
            openOnThisDevice(me.user.id, d.id).then((a) => {
              if (!a) {
                setNoDevice(true);
                return;
              }
              // The case's trace draws what this answer found only from what was read here (issue 13).
              if (d.caseId) rememberAnswerRead(d.caseId, d.id, readingsOf(a.answer));
              setUnsealed(a);
            }, setError);
          }}
        >
          {requester ? t('answer.open') : t('answer.openOwn')}
        </button>
      )}
      <ErrorNotice error={error} />
      {noDevice && (
        <p className="notice" data-testid="answer-no-device">
          {t('answer.noDevice')} <Link to="/devices">{t('nav.devices')}</Link>
        </p>
      )}
      {onDevice && <AnswerDocumentButton requestId={d.id} opened={onDevice} />}
      {unsealed && d.content && (
        <AnswerView
          unsealed={unsealed}
          content={d.content}
          signer={orgName(d.provider, locale)}
          {...(requester && d.caseId && d.viewerSide === 'agency' && hasRole(me, 'investigator')
            ? { recordAction: nextRequestAction(d.caseId, d.id) }
            : {})}
        />
      )}
    </Section>
  );
}

/**
 * Need-to-know: a request is its issuing unit's. The unit head shares it, read only, with a colleague
 * of the agency who needs it, and ends the share when the need ends.
 */
function SharesSection({ d }: { d: RequestDetail }) {
  const me = useMe();
  const { t } = useI18n();
  const head = hasRole(me, 'unit_head');
  const shares = useAsync(() => api.shares(d.id).then((r) => r.items), [d.id]);
  const colleagues = useAsync(
    () =>
      head
        ? api.users().then((r) => r.items.filter((u) => !u.disabled && u.unitId !== d.unit.id))
        : Promise.resolve([]),
    [head, d.unit.id],
  );
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const change = (p: Promise<unknown>) => {
    setError(null);
    p.then(shares.reload, setError);
  };
  return (
    <Section title={t('shares.title')} id="shares">
      <ErrorNotice error={shares.error ?? error} />
      {shares.data && shares.data.length === 0 && <p className="muted">{t('shares.none')}</p>}
      {shares.data && shares.data.length > 0 && (
        <ul>
          {shares.data.map((s) => (
            <li key={s.userId}>
              {s.displayName} ({s.login}) · <Time value={s.grantedAt} />{' '}
              {head && (
                <button type="button" className="link danger" onClick={() => change(api.unshare(d.id, s.userId))}>
                  {t('shares.remove', { name: s.displayName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {head && colleagues.data && colleagues.data.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (userId) change(api.share(d.id, userId));
          }}
          aria-label={t('shares.add')}
        >
          <Field label={t('shares.user')}>
            {(id) => (
              <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">—</option>
                {colleagues.data?.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName} ({u.login})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!userId}>
            {t('shares.add')}
          </button>
        </form>
      )}
    </Section>
  );
}

/**
 * The oversight body sees a request's metadata and timeline; its content opens only once the auditor
 * records why it is needed (an audit entry the issuing unit sees), for an hour.
 */
function WithheldContent({ d, onOpened }: { d: RequestDetail; onOpened: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <div data-testid="content-withheld">
      <p className="muted">{t('withheld.notice')}</p>
      {hasRole(me, 'auditor') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            api.breakGlass(d.id, reason.trim()).then(onOpened, setError);
          }}
          aria-label={t('withheld.title')}
        >
          <ErrorNotice error={error} />
          <TextField label={t('withheld.reason')} multiline rows={2} required value={reason} onChange={setReason} />
          <p className="hint">{t('withheld.hint')}</p>
          <button type="submit" className="danger" disabled={reason.trim().length < 10}>
            {t('withheld.open')}
          </button>
        </form>
      )}
    </div>
  );
}

function ActionBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="action-box">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

function Actions({
  d,
  busy,
  act,
  reload,
  isUnitHead,
}: {
  d: RequestDetail;
  busy: boolean;
  act: (b: Transition) => Promise<void>;
  reload: () => void;
  isUnitHead: boolean;
}) {
  const { t, bi } = useI18n();
  const [clar, setClar] = useState('');
  const [clarify, setClarify] = useState('');
  const [opinion, setOpinion] = useState('');
  const [extendReason, setExtendReason] = useState('');
  const [objection, setObjection] = useState(false);
  const [declineReason, setDeclineReason] = useState<DeclineReason>('no_data');
  const [declineNote, setDeclineNote] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const [callBack, setCallBack] = useState('');
  const can = (a: LifecycleAction) => d.allowedActions.includes(a);
  const actionLabel = (a: LifecycleAction) => bi(LIFECYCLE_ACTION_LABELS[a]);
  const any = d.allowedActions.filter((a) => a !== 'answer').length > 0;
  const check = d.secondCheck;
  const checkPending = !!check?.required && !check.confirmedAt;
  return (
    <section className="card actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('action.title')}</h2>
      {!any && <p className="muted">{t('action.none')}</p>}
      {can('submit') && (
        <ActionBox title={actionLabel('submit')}>
          <p className="hint">{t('action.submitHint')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void act({ action: 'submit' })}>
            {actionLabel('submit')}
          </button>
        </ActionBox>
      )}
      {(can('approve') || can('reject_approval')) && isUnitHead && (
        <ActionBox title={t('action.approval')}>
          <Link className="button primary" to={`/requests/${d.id}/approve`}>
            {t('request.toApproval')}
          </Link>
        </ActionBox>
      )}
      {checkPending && can('confirm_second_check') && check && (
        <ActionBox title={t('secondCheck.title')}>
          <p className="notice notice-warn" role="alert" data-testid="second-check">
            {bi(check.reason)}
          </p>
          <p>
            {t('secondCheck.callThe')}{' '}
            {check.callbackPhone ? <strong className="tel">{check.callbackPhone}</strong> : t('secondCheck.noNumber')}
          </p>
          <TextField label={t('secondCheck.note')} multiline rows={2} value={callBack} onChange={setCallBack} />
          <button
            type="button"
            className="primary"
            disabled={busy || !callBack.trim()}
            onClick={() => void act({ action: 'confirm_second_check', note: callBack.trim() })}
          >
            {actionLabel('confirm_second_check')}
          </button>
        </ActionBox>
      )}
      {can('start_review') && (
        <ActionBox title={actionLabel('start_review')}>
          <p className="hint">{t('action.startReviewHint')}</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void act({ action: 'start_review' })}
          >
            {actionLabel('start_review')}
          </button>
        </ActionBox>
      )}
      {can('answer') && !checkPending && (
        <ActionBox title={t('answer.formTitle')}>
          <a href="#answer-form" className="button primary">
            {t('action.toAnswer')}
          </a>
        </ActionBox>
      )}
      {check?.confirmedAt && (
        <p className="notice notice-ok small" data-testid="second-check-done">
          {t('secondCheck.done', { who: check.confirmedBy ?? '' })} <Time value={check.confirmedAt} />
          {check.note ? ` — ${check.note}` : ''}
        </p>
      )}
      {can('request_clarification') && (
        <ActionBox title={actionLabel('request_clarification')}>
          <TextField label={t('action.clarificationQuestion')} multiline rows={3} value={clar} onChange={setClar} />
          <button
            type="button"
            className="secondary"
            disabled={busy || !clar.trim()}
            onClick={() => void act({ action: 'request_clarification', message: clar.trim() }).then(() => setClar(''))}
          >
            {actionLabel('request_clarification')}
          </button>
        </ActionBox>
      )}
      {can('clarify') && (
        <ActionBox title={actionLabel('clarify')}>
          <TextField label={t('action.clarifyAnswer')} multiline rows={3} value={clarify} onChange={setClarify} />
          <button
            type="button"
            className="primary"
            disabled={busy || !clarify.trim()}
            onClick={() => void act({ action: 'clarify', message: clarify.trim() }).then(() => setClarify(''))}
          >
            {actionLabel('clarify')}
          </button>
        </ActionBox>
      )}
      {d.viewerSide === 'provider' && (can('start_opinion_hearing') || d.opinionDeadlineAt) && (
        <HearingPanel requestId={d.id} canStart={can('start_opinion_hearing')} onChange={reload} />
      )}
      {can('record_opinion') && (
        <ActionBox title={actionLabel('record_opinion')}>
          <TextField label={t('action.opinion')} multiline rows={3} value={opinion} onChange={setOpinion} />
          <label className="check-line">
            <input type="checkbox" checked={objection} onChange={(e) => setObjection(e.target.checked)} />{' '}
            {t('action.objection')}
          </label>
          <button
            type="button"
            className="secondary"
            disabled={busy || !opinion.trim()}
            onClick={() => void act({ action: 'record_opinion', opinion: opinion.trim(), objection })}
          >
            {actionLabel('record_opinion')}
          </button>
        </ActionBox>
      )}
      {can('decline') && (
        <ActionBox title={actionLabel('decline')}>
          <Field label={t('action.declineReason')}>
            {(id) => (
              <select id={id} value={declineReason} onChange={(e) => setDeclineReason(e.target.value as DeclineReason)}>
                {DECLINE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {bi(DECLINE_REASON_LABELS[r])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField label={t('action.note')} multiline rows={2} value={declineNote} onChange={setDeclineNote} />
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() =>
              void act(
                declineNote.trim()
                  ? { action: 'decline', reason: declineReason, note: declineNote.trim() }
                  : { action: 'decline', reason: declineReason },
              )
            }
          >
            {actionLabel('decline')}
          </button>
        </ActionBox>
      )}
      {can('extend_preservation') && (
        <ActionBox title={actionLabel('extend_preservation')}>
          <TextField
            label={t('preservation.extendReason')}
            name="extendReason"
            value={extendReason}
            onChange={setExtendReason}
          />
          <button
            type="button"
            className="secondary"
            disabled={busy || !extendReason.trim()}
            onClick={() => void act({ action: 'extend_preservation', reason: extendReason.trim() })}
          >
            {actionLabel('extend_preservation')}
          </button>
        </ActionBox>
      )}
      {can('withdraw') && (
        <ActionBox title={actionLabel('withdraw')}>
          <TextField label={t('action.withdrawReason')} value={withdrawReason} onChange={setWithdrawReason} />
          <button
            type="button"
            className="danger"
            disabled={busy || !withdrawReason.trim()}
            onClick={() => void act({ action: 'withdraw', reason: withdrawReason.trim() })}
          >
            {actionLabel('withdraw')}
          </button>
        </ActionBox>
      )}
      {can('close') && (
        <ActionBox title={actionLabel('close')}>
          <button type="button" className="secondary" disabled={busy} onClick={() => void act({ action: 'close' })}>
            {actionLabel('close')}
          </button>
        </ActionBox>
      )}
      <p className="small">
        <a href={`/v1/requests/${encodeURIComponent(d.id)}/envelope`} target="_blank" rel="noreferrer">
          {t('request.envelope')}
        </a>
      </p>
      {d.kind === 'mlat' && d.viewerSide === 'agency' && d.envelopeId && (
        <p className="small">
          <a href={`/v1/requests/${encodeURIComponent(d.id)}/mlat-package`} download>
            {t('request.mlatPackage')}
          </a>
        </p>
      )}
    </section>
  );
}

/** After an emergency answer: one action drafts the inquiry that covers it, then opens it for review. */
function PaperworkButton({ requestId }: { requestId: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      {' '}
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const d = await api.draftPaperwork(requestId);
            navigate(`/requests/${d.id}`);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('followUp.draftPaperwork')}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}

/**
 * The 回答書 of an answer opened on this device, rendered in this browser: the hub's frame of the
 * document and its font, the answer this device opened; the PDF never leaves the browser unasked.
 */
function AnswerDocumentButton({ requestId, opened }: { requestId: string; opened: OpenedOnDevice }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [href, setHref] = useState<{ url: string; name: string } | null>(null);
  const signer = opened.signerKey;
  if (!signer) return null;
  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      // pdf-lib and the font load only when a document is asked for.
      const [{ renderAnswerDocument }, raw, font] = await Promise.all([
        import('#shokai/documents'),
        unwrap(apiClient.GET('/v1/requests/{id}/answer-document-frame', { params: { path: { id: requestId } } })),
        apiClient.GET('/v1/documents/font', { parseAs: 'arrayBuffer' }),
      ]);
      if (!font.data) throw new ApiError(font.response.status, null);
      const frame: DocumentData = {
        ...raw,
        envelope: { ...raw.envelope, payload: { ...raw.envelope.payload, content: raw.envelope.payload.content } },
      };
      const pdf = await renderAnswerDocument(frame, opened.inner, signer, new Uint8Array(font.data));
      const url = URL.createObjectURL(new Blob([pdf.slice().buffer], { type: 'application/pdf' }));
      setHref({ url, name: `${frame.serial}.pdf` });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p data-testid="answer-document">
      {href ? (
        <a href={href.url} download={href.name} className="button">
          {t('answer.documentDownload', { name: href.name })}
        </a>
      ) : (
        <button type="button" disabled={busy} onClick={() => void make()}>
          {busy ? t('answer.documentRendering') : t('answer.documentOnDevice')}
        </button>
      )}
      <ErrorNotice error={error} />
    </p>
  );
}
