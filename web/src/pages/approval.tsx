import { useState } from 'react';
import { requestFieldWords } from '#shokai/field-words';
import { api } from '../api/client.ts';
import type * as T from '../api/types.ts';
import { AddresseeFindings } from '../components/addressee.tsx';
import { ErrorNotice, KindBadge, orgName, personName, Section, StateBadge, TextField } from '../components/common.tsx';
import { ContentView } from '../components/content-view.tsx';
import { SignedInstants } from '../components/signed-instants.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { signDigest, useRegisterPasskey } from '../lib/passkey.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { RecordUnavailable } from './not-found.tsx';

type ApproveBody = Extract<T.Transition, { action: 'approve' }>;

/** The page's words that differ for a civil disclosure: its lawyer signs and files it as counsel, no 決裁. */
const CIVIL_WORDS = {
  'approval.title': 'approval.civil.title',
  'approval.what': 'approval.civil.what',
  'request.draftedBy': 'approval.civil.draftedBy',
  'col.provider': 'civilForm.provider',
  'approval.exactHint': 'approval.civil.exactHint',
  'approval.sign': 'approval.civil.sign',
  'approval.confirm': 'approval.civil.confirm',
  'approval.signButton': 'approval.civil.signButton',
  'approval.notAvailable': 'approval.civil.notAvailable',
  'approval.back': 'approval.civil.back',
  'approval.refused': 'approval.civil.refused',
  'passkey.signsHint': 'approval.civil.passkeySignsHint',
  'passkey.none': 'approval.civil.passkeyNone',
} as const satisfies Partial<Record<MessageKey, MessageKey>>;

/** A word of the page as the request's kind says it (a civil disclosure's own, or the unit head's). */
const approvalWord = (kind: string, key: keyof typeof CIVIL_WORDS): MessageKey =>
  kind === 'civil_disclosure' ? CIVIL_WORDS[key] : key;

/**
 * The unit head's 決裁 — or, for a civil disclosure, its lawyer's signature as counsel: the request, exactly the
 * bytes to be signed and their digest, then sign or reject.
 */
export function ApprovalPage({ id }: { id: string }) {
  const { t, bi, locale } = useI18n();
  const data = useAsync(async () => {
    const detail = await api.request(id);
    const preview = detail.allowedActions.includes('approve') ? await api.signingPreview(id) : null;
    return { detail, preview };
  }, [id]);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const action = useAction();
  const { busy, error } = action;
  const registration = useRegisterPasskey();

  if (data.loading || !data.data) return <RecordUnavailable what="request" of={data} />;
  const { detail: d, preview } = data.data;
  const w = (key: keyof typeof CIVIL_WORDS, params?: Record<string, string>) => t(approvalWord(d.kind, key), params);

  /** Moves the request (approve, reject), then shows it. */
  const move = async (body: T.Transition) => {
    await api.transition(d.id, body);
    navigate(`/requests/${d.id}`);
  };
  const run = (body: T.Transition) => action.run(() => move(body));

  /** The approval digest is the challenge: the authenticator signs exactly what was reviewed. */
  const signWithPasskey = (digest: string, passkey: { credentialId: string; rpId: string }) =>
    action.run(async () => {
      const assertion = await signDigest(digest, passkey);
      await move({ action: 'approve', digest, assertion: assertion as NonNullable<ApproveBody['assertion']> });
    });

  const registerPasskey = () =>
    action.run(async () => {
      await registration.register();
      data.reload();
    });

  return (
    <article aria-labelledby="appr-h" className="approval">
      <h1 id="appr-h">{w('approval.title', { ref: d.reference })}</h1>
      <p className="badges">
        <KindBadge kind={d.kind} /> <StateBadge state={d.state} kind={d.kind} />
      </p>
      <p>
        {w('request.draftedBy')}: <strong>{personName(d.draftedBy)}</strong> · {w('col.provider')}:{' '}
        <strong>{d.kind === 'mlat' ? d.content?.mlat?.foreignAuthority : orgName(d.provider, locale)}</strong>
      </p>
      {!preview && (
        <div className="notice notice-warn" role="status">
          {w('approval.notAvailable')} <Link to={`/requests/${d.id}`}>{w('approval.back')}</Link>
        </div>
      )}
      <ErrorNotice error={error} fieldWords={requestFieldWords(d.kind)} />
      {preview?.refusal && (
        <div className="notice notice-error" role="alert" data-testid="approval-refusal">
          <strong>✗ {w('approval.refused')}</strong> {bi(preview.refusal)}
        </div>
      )}
      {/* What the editor warned the drafter of about the addresses, before the head signs them. */}
      {preview && <AddresseeFindings addressees={preview.addressees} />}
      <Section title={w('approval.what')}>{d.content && <ContentView content={d.content} />}</Section>
      {preview && (
        <>
          <Section title={t('approval.exact')}>
            <p className="hint">{w('approval.exactHint')}</p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take keyboard focus
                to be scrolled without a mouse (WCAG 2.1.1, axe scrollable-region-focusable) */}
            <section className="canonical" aria-label={t('approval.canonical')} tabIndex={0}>
              <pre data-testid="canonical">{preview.canonical}</pre>
            </section>
            <p>
              {t('approval.digest')}:{' '}
              <code data-testid="digest" className="break">
                {preview.digest}
              </code>
            </p>
          </Section>
          <SignedInstants canonical={preview.canonical} />
          <div className="approval-actions">
            <section className="card" aria-labelledby="sign-h">
              <h2 id="sign-h">{w('approval.sign')}</h2>
              {preview.passkey ? (
                <p className="hint" data-testid="passkey-hint">
                  {w('passkey.signsHint')}
                </p>
              ) : (
                <div className="notice" data-testid="passkey-none">
                  <p>{w('passkey.none')}</p>
                  <button type="button" disabled={busy} onClick={() => void registerPasskey()}>
                    {t('passkey.register')}
                  </button>
                </div>
              )}
              {registration.registered && <p role="status">{registration.registered}</p>}
              <label className="check-line">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
                {w('approval.confirm')}
              </label>
              <button
                type="button"
                className="primary"
                disabled={busy || !confirmed || preview.refusal !== null}
                onClick={() =>
                  preview &&
                  void (preview.passkey
                    ? signWithPasskey(preview.digest, preview.passkey)
                    : run({ action: 'approve', digest: preview.digest }))
                }
              >
                {w('approval.signButton')}
              </button>
            </section>
            <section className="card" aria-labelledby="rej-h">
              <h2 id="rej-h">{t('approval.reject')}</h2>
              <TextField
                label={t('approval.rejectReason')}
                required
                multiline
                rows={3}
                value={reason}
                onChange={setReason}
              />
              <button
                type="button"
                className="danger"
                disabled={busy || !reason.trim()}
                onClick={() => void run({ action: 'reject_approval', reason: reason.trim() })}
              >
                {t('approval.rejectButton')}
              </button>
            </section>
          </div>
        </>
      )}
    </article>
  );
}
