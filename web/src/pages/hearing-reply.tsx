// The subscriber's reply page, reached from the link on the hearing letter: no sign-in, the one-time
// code on the letter instead.
import { useState } from 'react';
import { HEARING_REPLIES, HEARING_REPLY_LABELS, type HearingReply } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { ActionForm } from '../components/action-form.tsx';
import { ErrorNotice, LoadState, RadioChoices, TextField, TimeFact } from '../components/common.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { choiceBinder, textBinder, useFormState } from '../lib/form-state.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

export function HearingReplyPage({ token }: { token: string }) {
  const { t, locale } = useI18n();
  const link = useAsync(() => api.hearingLink(token), [token]);
  const [f, , set] = useFormState<{ code: string; reply: HearingReply; reasons: string }>({
    code: '',
    reply: 'consent',
    reasons: '',
  });
  const text = textBinder(f, set);
  const choice = choiceBinder(f, set);
  const [done, setDone] = useState(false);
  const { busy, error, submit } = useAction();
  const send = submit(async () => {
    await api.replyToHearing(token, {
      code: f.code.trim(),
      reply: f.reply,
      ...(f.reasons.trim() ? { reasons: f.reasons.trim() } : {}),
    });
    setDone(true);
  });
  const l = link.data;
  return (
    <main className="center" id="main">
      <div className="card signin-card">
        <LanguageSwitch />
        <h1>{t('reply.title')}</h1>
        <LoadState of={link} />
        {l && (
          <>
            <dl className="facts">
              <dt>{t('reply.from')}</dt>
              <dd>{locale === 'ja' ? l.providerNameJa : l.providerNameEn}</dd>
              <TimeFact label={t('hearing.due')} value={l.dueAt} />
            </dl>
            {done ? (
              <p role="status" data-testid="reply-thanks">
                {t('reply.thanks')}
              </p>
            ) : l.status !== 'awaiting_reply' || l.locked ? (
              <p>{l.locked ? t('hearing.locked') : t('reply.closed')}</p>
            ) : (
              <ActionForm label={t('reply.title')} submit={t('reply.submit')} onSubmit={send} busy={busy}>
                <p>{t('reply.lead')}</p>
                <ErrorNotice error={error} />
                <TextField label={t('hearing.code')} required {...text('code')} />
                <RadioChoices
                  legend={t('hearing.reply')}
                  options={HEARING_REPLIES}
                  labels={HEARING_REPLY_LABELS}
                  {...choice('reply')}
                />
                <TextField
                  label={t('hearing.reasons')}
                  hint={t('reply.reasonsHint')}
                  required={f.reply === 'objection'}
                  multiline
                  rows={4}
                  {...text('reasons')}
                />
              </ActionForm>
            )}
          </>
        )}
      </div>
    </main>
  );
}
