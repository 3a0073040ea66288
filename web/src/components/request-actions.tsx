import { type ReactNode, useState } from 'react';
import { phoneWords } from '#shokai/shown-text';
import {
  DECLINE_REASON_LABELS,
  declineReasonsFor,
  type LifecycleAction,
  lifecycleActionLabel,
} from '#shokai/vocabulary';
import type { DeclineReason, RequestDetail, Transition } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { SelectChoice } from './choices.tsx';
import { TextField, Time } from './common.tsx';
import { ConfirmFirst } from './confirm-first.tsx';
import { HearingPanel } from './hearing.tsx';
import { WithdrawStep } from './withdraw-action.tsx';
import { WrittenText } from './written-text.tsx';

/** What the subscriber answered a hearing held on paper, as the provider records it by hand. */
const HEARD_ON_PAPER = ['objection', 'consent', 'no_reply'] as const;
type HeardOnPaper = (typeof HEARD_ON_PAPER)[number];

function ActionBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="action-box">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/**
 * A step that needs words (a question, an answer, a reason, a note of a call): what to do first (`children`),
 * the field, and the button sending them trimmed.
 */
function TextAction({
  title,
  field,
  name,
  rows,
  button = 'secondary',
  submit = title,
  busy,
  send,
  clearAfter = false,
  children,
}: {
  title: string;
  field: string;
  name?: string;
  /** Lines of a field for more than a line. */
  rows?: number;
  /** The button's kind. */
  button?: 'primary' | 'secondary' | 'danger';
  /** The button's words, when not the title's. */
  submit?: string;
  busy: boolean;
  send: (text: string) => Promise<void>;
  /** Empty the field once sent. */
  clearAfter?: boolean;
  children?: ReactNode;
}) {
  const [text, setText] = useState('');
  return (
    <ActionBox title={title}>
      {children}
      <TextField
        label={field}
        {...(name ? { name } : {})}
        {...(rows ? { multiline: true, rows } : {})}
        value={text}
        onChange={setText}
      />
      <button
        type="button"
        className={button}
        disabled={busy || !text.trim()}
        onClick={() => void send(text.trim()).then(() => clearAfter && setText(''))}
      >
        {submit}
      </button>
    </ActionBox>
  );
}

export function Actions({
  d,
  busy,
  act,
  reload,
  isUnitHead,
}: {
  d: RequestDetail;
  busy: boolean;
  act: (b: Transition | (() => Promise<Transition>)) => Promise<void>;
  reload: () => void;
  isUnitHead: boolean;
}) {
  const { t, bi, locale } = useI18n();
  const [opinion, setOpinion] = useState('');
  // What the subscriber answered a hearing held on paper: the person chooses (no reply stands after the deadline).
  const [heard, setHeard] = useState<HeardOnPaper | null>(null);
  const [declineReason, setDeclineReason] = useState<DeclineReason>('no_data');
  const [declineNote, setDeclineNote] = useState('');
  const can = (a: LifecycleAction) => d.allowedActions.includes(a);
  // in the words of the request's kind: counsel signs a civil disclosure, no 決裁
  const actionLabel = (a: LifecycleAction) => bi(lifecycleActionLabel(a, d.kind));
  const any = d.allowedActions.filter((a) => a !== 'answer').length > 0;
  const check = d.secondCheck;
  const checkPending = !!check?.required && !check.confirmedAt;
  return (
    <section className="card actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('action.title')}</h2>
      {d.installation && (
        <p className="notice notice-warn" role="status" data-testid="installation-taken">
          {t('installation.taken', { name: d.installation.clientName })} <Time value={d.installation.takenAt} />{' '}
          {t('installation.answersThere')}
          {checkPending ? ` ${t('installation.callBack')}` : ''}
        </p>
      )}
      {!any && <p className="muted">{t('action.none')}</p>}
      {can('submit') && (
        <ActionBox title={actionLabel('submit')}>
          <p className="hint">{t(d.kind === 'civil_disclosure' ? 'action.civil.submitHint' : 'action.submitHint')}</p>
          <button type="button" className="primary" disabled={busy} onClick={() => void act({ action: 'submit' })}>
            {actionLabel('submit')}
          </button>
        </ActionBox>
      )}
      {(can('approve') || can('reject_approval')) && isUnitHead && (
        // A civil disclosure's lawyer signs it as counsel: there is no 決裁 at a law office.
        <ActionBox title={t(d.kind === 'civil_disclosure' ? 'action.civil.approval' : 'action.approval')}>
          <Link className="button primary" to={`/requests/${d.id}/approve`}>
            {t(d.kind === 'civil_disclosure' ? 'request.civil.toApproval' : 'request.toApproval')}
          </Link>
        </ActionBox>
      )}
      {checkPending && can('confirm_second_check') && check && (
        <TextAction
          title={t('secondCheck.title')}
          field={t('secondCheck.note')}
          rows={2}
          button="primary"
          submit={actionLabel('confirm_second_check')}
          busy={busy}
          send={(note) => act({ action: 'confirm_second_check', note })}
        >
          <p className="notice notice-warn" role="alert" data-testid="second-check">
            {bi(check.reason)}
          </p>
          <p>
            {t('secondCheck.callThe')}{' '}
            {check.callbackPhone ? (
              <strong className="tel" data-testid="call-back-number">
                {phoneWords(check.callbackPhone, locale)}
              </strong>
            ) : (
              t('secondCheck.noNumber')
            )}
          </p>
        </TextAction>
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
          {check.note ? (
            <>
              {' — '}
              <WrittenText text={check.note} />
            </>
          ) : null}
        </p>
      )}
      {can('request_clarification') && (
        <TextAction
          title={actionLabel('request_clarification')}
          field={t('action.clarificationQuestion')}
          rows={3}
          busy={busy}
          send={(message) => act({ action: 'request_clarification', message })}
          clearAfter
        />
      )}
      {can('clarify') && (
        <TextAction
          title={actionLabel('clarify')}
          field={t('action.clarifyAnswer')}
          rows={3}
          button="primary"
          busy={busy}
          send={(message) => act({ action: 'clarify', message })}
          clearAfter
        />
      )}
      {/* The panel asks the hub for the hearing only when one is held; with none, it offers to start one. */}
      {d.viewerSide === 'provider' && (can('start_opinion_hearing') || d.hearingHeld) && (
        <HearingPanel requestId={d.id} held={d.hearingHeld} canStart={can('start_opinion_hearing')} onChange={reload} />
      )}
      {can('record_opinion') && (
        <ActionBox title={actionLabel('record_opinion')}>
          <TextField label={t('action.opinion')} multiline rows={3} value={opinion} onChange={setOpinion} />
          <fieldset className="checks">
            <legend>{t('action.heardOnPaper')}</legend>
            {HEARD_ON_PAPER.map((h) => (
              <label key={h}>
                <input type="radio" name="heard-on-paper" checked={heard === h} onChange={() => setHeard(h)} />{' '}
                {t(`action.heard.${h}`)}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="secondary"
            disabled={busy || !opinion.trim() || heard === null}
            onClick={() =>
              heard &&
              void act({
                action: 'record_opinion',
                opinion: opinion.trim(),
                replied: heard !== 'no_reply',
                objection: heard === 'objection',
              })
            }
          >
            {actionLabel('record_opinion')}
          </button>
        </ActionBox>
      )}
      {can('decline') && (
        <ActionBox title={actionLabel('decline')}>
          <SelectChoice
            label={t('action.declineReason')}
            options={declineReasonsFor(d.kind)}
            labels={DECLINE_REASON_LABELS}
            value={declineReason}
            onChange={setDeclineReason}
          />
          <TextField label={t('action.note')} multiline rows={2} value={declineNote} onChange={setDeclineNote} />
          <ConfirmFirst
            label={actionLabel('decline')}
            warning={t('action.declineWarning', { reason: bi(DECLINE_REASON_LABELS[declineReason]) })}
            className="danger"
            busy={busy}
            onConfirm={() =>
              void act(
                declineNote.trim()
                  ? { action: 'decline', reason: declineReason, note: declineNote.trim() }
                  : { action: 'decline', reason: declineReason },
              )
            }
          />
        </ActionBox>
      )}
      {can('extend_preservation') && (
        <TextAction
          title={actionLabel('extend_preservation')}
          field={t('preservation.extendReason')}
          name="extendReason"
          busy={busy}
          send={(reason) => act({ action: 'extend_preservation', reason })}
        />
      )}
      {can('withdraw') && (
        <ActionBox title={actionLabel('withdraw')}>
          <WithdrawStep requestId={d.id} title={actionLabel('withdraw')} busy={busy} act={act} />
        </ActionBox>
      )}
      {can('close') && (
        <ActionBox title={actionLabel('close')}>
          <ConfirmFirst
            label={actionLabel('close')}
            warning={t('action.closeWarning')}
            className="secondary"
            busy={busy}
            onConfirm={() => void act({ action: 'close' })}
          />
        </ActionBox>
      )}
      <p className="small">
        <a href={`/v1/requests/${encodeURIComponent(d.id)}/envelope`} target="_blank" rel="noreferrer">
          {t('request.envelope')}
        </a>
      </p>
      {/* A withdrawn request's package is refused; its withdrawal letter recalls the one sent. */}
      {d.kind === 'mlat' && d.viewerSide === 'agency' && d.envelopeId && !d.withdrawal && (
        <p className="small">
          <a href={`/v1/requests/${encodeURIComponent(d.id)}/mlat-package`} download>
            {t('request.mlatPackage')}
          </a>
        </p>
      )}
      {d.kind === 'mlat' && d.viewerSide === 'agency' && d.envelopeId && d.withdrawal && (
        <p className="small">
          <a href={`/v1/requests/${encodeURIComponent(d.id)}/mlat-withdrawal`} download>
            {t('request.mlatWithdrawal')}
          </a>
        </p>
      )}
    </section>
  );
}
