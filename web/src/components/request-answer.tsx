import { useState } from 'react';
import { unwrap } from '#shokai/client';
import { type OpenedOnDevice, openAnswerOnDevice } from '#shokai/custody';
import type { DocumentData } from '#shokai/documents';
import { ANSWER_OUTCOME_LABELS, ANSWER_OUTCOMES, isOneOf } from '#shokai/vocabulary';
import { ApiError, api, apiClient } from '../api/client.ts';
import type { RequestDetail, UnsealedAnswer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { readingsOf, rememberAnswerRead } from '../lib/answers-read.ts';
import { openHereOrOnHub } from '../lib/device.ts';
import { hasRole, useMe } from '../lib/session.tsx';
import { AnswerView } from './answer-view.tsx';
import { nextRequestAction } from './chain.tsx';
import { civilNextAction } from './civil-next.tsx';
import { ErrorNotice, NoDeviceNotice, orgName, Section, Time } from './common.tsx';
import { Fingerprint } from './fingerprint.tsx';

/**
 * Opens the answer on this browser's device (answers in device custody): null when this browser has
 * no device; the hub's legacy opening only for an answer still sealed to a key the hub holds.
 */
function openOnThisDevice(userId: string, requestId: string): Promise<UnsealedAnswer | OpenedOnDevice | null> {
  return openHereOrOnHub(
    userId,
    (device) => openAnswerOnDevice(apiClient, device, requestId),
    () => api.answer(requestId),
  );
}

export function AnswerSection({ d }: { d: RequestDetail }) {
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
  const storedOutcome = unsealed?.answer.outcome ?? d.answer.outcome;
  return (
    <Section title={t('answer.title')} id="answer">
      <p>
        {t('answer.outcome')}: <strong data-testid="answer-stored-outcome">{outcomeText(storedOutcome)}</strong> ·{' '}
        {t('answer.signedBy')}: {orgName(d.provider, locale)} ({t('answer.key')}{' '}
        {d.answer.signedBy ? <Fingerprint className="small" value={d.answer.signedBy} /> : '—'}) ·{' '}
        <Time value={d.answer.createdAt} />
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
      {noDevice && <NoDeviceNotice text={t('answer.noDevice')} testId="answer-no-device" />}
      {onDevice && <AnswerDocumentButton requestId={d.id} opened={onDevice} />}
      {unsealed && d.content && (
        <AnswerView
          unsealed={unsealed}
          content={d.content}
          signer={orgName(d.provider, locale)}
          providerCategory={d.providerCategory}
          {...(requester && d.caseId && d.viewerSide === 'agency' && hasRole(me, 'investigator')
            ? { recordAction: nextRequestAction(d.caseId, d.id) }
            : {})}
          {...(requester && d.kind === 'civil_disclosure' && hasRole(me, 'lawyer', 'legal_assistant')
            ? { recordAction: civilNextAction(d.id) }
            : {})}
        />
      )}
    </Section>
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
