import type { RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { orgName, Section } from './common.tsx';
import { MessageText } from './thread-message.tsx';

/**
 * What a request waiting on the requester's clarification waits for: since when, the question asked, and
 * that its response deadline stands still meanwhile (docs/lifecycle.md "Deadlines"). The provider reads it as
 * why there is nothing for it to do; the requester as what it must do.
 */
export function ClarificationWait({ d }: { d: RequestDetail }) {
  const { t, locale, instant, duration } = useI18n();
  if (d.state !== 'clarification_requested' || !d.clarificationAskedAt) return null;
  const since = instant(d.clarificationAskedAt);
  const question = [...d.messages].reverse().find((m) => m.purpose === 'clarification');
  const late = d.deadline.status === 'overdue' || d.deadline.status === 'escalated';
  return (
    <Section title={t('clarification.waitTitle')} id="clarification-wait">
      <div className="notice" role="status" data-testid="clarification-wait">
        <p>
          {d.viewerSide === 'provider'
            ? t('clarification.providerWaits', { since, requester: orgName(d.agency, locale) })
            : t('clarification.requesterAsked', { since, provider: orgName(d.provider, locale) })}
        </p>
        {question?.body && (
          <blockquote>
            <p className="muted small">{t('clarification.question')}</p>
            <MessageText m={question} />
          </blockquote>
        )}
        {d.deadline.status !== 'none' && (
          <p>
            {late
              ? t('clarification.deadlineLate')
              : t('clarification.deadlineStopped', { left: duration(d.deadline.remainingMs ?? 0) })}
          </p>
        )}
      </div>
    </Section>
  );
}
