// The provider's side of the subscriber's hearing (意見照会): send the letter with its reply link and
// one-time code, watch for the reply and the two-week deadline, then record the decision.
import { useState } from 'react';
import {
  DECLINE_REASON_LABELS,
  HEARING_DECISION_LABELS,
  HEARING_DECISIONS,
  HEARING_REPLY_LABELS,
  type HearingDecision,
  WITHHOLD_REASONS,
  type WithholdReason,
} from '#shokai/vocabulary';
import { ApiError, api } from '../api/client.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { ErrorNotice, Section, TextField, Time } from './common.tsx';

type Sent = Awaited<ReturnType<typeof api.sendHearing>>;

export function HearingPanel({
  requestId,
  canStart,
  onChange,
}: {
  requestId: string;
  canStart: boolean;
  onChange: () => void;
}) {
  const { t, bi } = useI18n();
  const hearing = useAsync(
    () =>
      api.hearing(requestId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [requestId],
  );
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [sent, setSent] = useState<Sent | null>(null);
  const [decision, setDecision] = useState<HearingDecision>('disclose');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<WithholdReason>('subscriber_objection_upheld');
  const { busy, error, submit } = useAction();
  const h = hearing.data ?? null;
  if (!h && !canStart && !sent) return null;

  const send = submit(async () => {
    setSent(
      await api.sendHearing(requestId, {
        subscriberName: name.trim(),
        ...(address.trim() ? { subscriberAddress: address.trim() } : {}),
      }),
    );
    hearing.refresh();
    onChange();
  });
  const decide = submit(async () => {
    await api.decideHearing(requestId, {
      decision,
      ...(decision === 'withhold' ? { reason } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    hearing.refresh();
    onChange();
  });
  return (
    <Section title={t('hearing.title')} id="hearing">
      <ErrorNotice error={error ?? hearing.error} />
      {!h && !sent && (
        <form onSubmit={send} aria-label={t('hearing.send')}>
          <TextField
            label={t('hearing.subscriberName')}
            name="subscriberName"
            required
            value={name}
            onChange={setName}
          />
          <TextField
            label={t('hearing.subscriberAddress')}
            name="subscriberAddress"
            value={address}
            onChange={setAddress}
          />
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {t('hearing.send')}
          </button>
        </form>
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
          <dt>{t('hearing.due')}</dt>
          <dd>
            <Time value={h.dueAt} long />
          </dd>
          {h.reply && (
            <>
              <dt>{t('hearing.reply')}</dt>
              <dd data-testid="hearing-reply">
                {bi(HEARING_REPLY_LABELS[h.reply])} <Time value={h.repliedAt} />
              </dd>
            </>
          )}
          {h.reasons && (
            <>
              <dt>{t('hearing.reasons')}</dt>
              <dd className="prewrap">{h.reasons}</dd>
            </>
          )}
          {h.decision && (
            <>
              <dt>{t('hearing.decide')}</dt>
              <dd>
                {bi(HEARING_DECISION_LABELS[h.decision])}
                {h.decisionNote ? ` — ${h.decisionNote}` : ''}
              </dd>
            </>
          )}
        </dl>
      )}
      {h?.locked && <p className="field-error">{t('hearing.locked')}</p>}
      {h && (h.status === 'replied' || h.status === 'lapsed') && (
        <form onSubmit={decide} aria-label={t('hearing.decide')}>
          <fieldset className="checks">
            <legend>{t('hearing.decide')}</legend>
            {HEARING_DECISIONS.map((d) => (
              <label key={d}>
                <input type="radio" name="decision" checked={decision === d} onChange={() => setDecision(d)} />{' '}
                {bi(HEARING_DECISION_LABELS[d])}
              </label>
            ))}
          </fieldset>
          {decision === 'withhold' && (
            <fieldset className="checks">
              <legend>{t('hearing.withholdReason')}</legend>
              {WITHHOLD_REASONS.map((r) => (
                <label key={r}>
                  <input type="radio" name="withholdReason" checked={reason === r} onChange={() => setReason(r)} />{' '}
                  {bi(DECLINE_REASON_LABELS[r])}
                </label>
              ))}
            </fieldset>
          )}
          <TextField
            label={t('hearing.decisionNote')}
            name="decisionNote"
            multiline
            rows={2}
            value={note}
            onChange={setNote}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('hearing.record')}
          </button>
        </form>
      )}
    </Section>
  );
}
