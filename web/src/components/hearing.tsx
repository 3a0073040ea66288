// The provider's side of the subscriber's hearing (意見照会): send the letter with its reply link and
// one-time code, watch for the reply and the two-week deadline, then record the decision. When the
// subscriber cannot be asked (no contact details, the letter came back), the provider records that
// with a reason and a note instead, and decides.
import { useState } from 'react';
import {
  DECLINE_REASON_LABELS,
  HEARING_DECISION_LABELS,
  HEARING_DECISIONS,
  HEARING_IMPOSSIBLE_REASON_LABELS,
  HEARING_IMPOSSIBLE_REASONS,
  HEARING_REPLY_LABELS,
  type HearingDecision,
  type HearingImpossibleReason,
  WITHHOLD_REASONS,
  type WithholdReason,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { choiceBinder, textBinder, useFormState } from '../lib/form-state.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { ActionForm } from './action-form.tsx';
import { ErrorNotice, RadioChoices, Section, TextFact, TextField, Time, TimeFact } from './common.tsx';
import { WrittenText } from './written-text.tsx';

type Sent = Awaited<ReturnType<typeof api.sendHearing>>;

/** What the provider enters on the panel's forms, each named as its input is. */
interface HearingFields {
  subscriberName: string;
  subscriberAddress: string;
  impossibleReason: HearingImpossibleReason;
  impossibleNote: string;
  decision: HearingDecision;
  withholdReason: WithholdReason;
  decisionNote: string;
}

const blankFields: HearingFields = {
  subscriberName: '',
  subscriberAddress: '',
  impossibleReason: 'no_contact_details',
  impossibleNote: '',
  decision: 'disclose',
  withholdReason: 'subscriber_objection_upheld',
  decisionNote: '',
};

export function HearingPanel({
  requestId,
  held,
  canStart,
  onChange,
}: {
  requestId: string;
  /** Whether a hearing is held (the request's page says): only then is it asked for. */
  held: boolean;
  canStart: boolean;
  onChange: () => void;
}) {
  const { t, bi } = useI18n();
  const hearing = useAsync(() => (held ? api.hearing(requestId) : Promise.resolve(null)), [requestId, held]);
  const [sent, setSent] = useState<Sent | null>(null);
  const [f, , set] = useFormState<HearingFields>(blankFields);
  const text = textBinder(f, set);
  const choice = choiceBinder(f, set);
  const { busy, error, submit } = useAction();
  const h = hearing.data ?? null;
  if (!h && !canStart && !sent) return null;

  const send = submit(async () => {
    setSent(
      await api.sendHearing(requestId, {
        subscriberName: f.subscriberName.trim(),
        ...(f.subscriberAddress.trim() ? { subscriberAddress: f.subscriberAddress.trim() } : {}),
      }),
    );
    hearing.refresh();
    onChange();
  });
  const impossible = submit(async () => {
    await api.hearingImpossible(requestId, { reason: f.impossibleReason, note: f.impossibleNote.trim() });
    setSent(null);
    hearing.refresh();
    onChange();
  });
  const mayRecordImpossible = h ? !h.impossible && (h.status === 'awaiting_reply' || h.status === 'lapsed') : canStart;
  const decide = submit(async () => {
    await api.decideHearing(requestId, {
      decision: f.decision,
      ...(f.decision === 'withhold' ? { reason: f.withholdReason } : {}),
      ...(f.decisionNote.trim() ? { note: f.decisionNote.trim() } : {}),
    });
    hearing.refresh();
    onChange();
  });
  return (
    <Section title={t('hearing.title')} id="hearing">
      <ErrorNotice error={error ?? hearing.error} />
      {!h && !sent && (
        <ActionForm label={t('hearing.send')} onSubmit={send} busy={busy} ready={!!f.subscriberName.trim()}>
          <TextField label={t('hearing.subscriberName')} required {...text('subscriberName')} />
          <TextField label={t('hearing.subscriberAddress')} {...text('subscriberAddress')} />
        </ActionForm>
      )}
      {sent && (
        <div className="notice">
          <p>
            <strong>{t('hearing.sentOnce')}</strong>
          </p>
          <dl className="facts">
            <dt>{t('hearing.link')}</dt>
            <dd data-testid="hearing-link">{`${location.origin}${sent.replyPath}`}</dd>
            <dt>{t('hearing.code')}</dt>
            <dd data-testid="hearing-code">{sent.code}</dd>
          </dl>
          <h3>{t('hearing.letter')}</h3>
          <div className="prewrap" data-testid="hearing-letter">
            {sent.letterWithCode}
          </div>
        </div>
      )}
      {h && (
        <dl className="facts" data-testid="hearing-status" data-status={h.status}>
          <dt>{t('hearing.status')}</dt>
          <dd>{t(`hearing.status.${h.status}` as MessageKey)}</dd>
          {h.dueAt && <TimeFact label={t('hearing.due')} value={h.dueAt} />}
          {h.reply && (
            <>
              <dt>{t('hearing.reply')}</dt>
              <dd data-testid="hearing-reply">
                {bi(HEARING_REPLY_LABELS[h.reply])} <Time value={h.repliedAt} />
              </dd>
            </>
          )}
          {h.reasons && <TextFact label={t('hearing.reasons')} text={h.reasons} />}
          {h.impossible && (
            <>
              <dt>{t('hearing.impossibleReason')}</dt>
              <dd data-testid="hearing-impossible">{bi(HEARING_IMPOSSIBLE_REASON_LABELS[h.impossible.reason])}</dd>
              <TextFact label={t('hearing.impossibleNoted')} text={h.impossible.note} />
            </>
          )}
          {h.decision && (
            <>
              <dt>{t('hearing.decide')}</dt>
              <dd>
                {bi(HEARING_DECISION_LABELS[h.decision])}
                {h.decisionNote ? (
                  <>
                    {' — '}
                    <WrittenText text={h.decisionNote} />
                  </>
                ) : null}
              </dd>
            </>
          )}
        </dl>
      )}
      {h?.locked && <p className="field-error">{t('hearing.locked')}</p>}
      {mayRecordImpossible && (
        <details>
          <summary>{t('hearing.impossible')}</summary>
          <form onSubmit={impossible} aria-label={t('hearing.impossible')}>
            <RadioChoices
              legend={t('hearing.impossibleReason')}
              options={HEARING_IMPOSSIBLE_REASONS.filter((r) => h || r !== 'returned_undelivered')}
              labels={HEARING_IMPOSSIBLE_REASON_LABELS}
              {...choice('impossibleReason')}
            />
            <TextField label={t('hearing.impossibleNote')} multiline rows={2} required {...text('impossibleNote')} />
            <button type="submit" disabled={busy || !f.impossibleNote.trim()}>
              {t('hearing.recordImpossible')}
            </button>
          </form>
        </details>
      )}
      {h && (h.status === 'replied' || h.status === 'lapsed' || h.status === 'impossible') && (
        <ActionForm label={t('hearing.decide')} submit={t('hearing.record')} onSubmit={decide} busy={busy}>
          <RadioChoices
            legend={t('hearing.decide')}
            options={HEARING_DECISIONS}
            labels={HEARING_DECISION_LABELS}
            {...choice('decision')}
          />
          {f.decision === 'withhold' && (
            <RadioChoices
              legend={t('hearing.withholdReason')}
              options={WITHHOLD_REASONS}
              labels={DECLINE_REASON_LABELS}
              {...choice('withholdReason')}
            />
          )}
          <TextField label={t('hearing.decisionNote')} multiline rows={2} {...text('decisionNote')} />
        </ActionForm>
      )}
    </Section>
  );
}
