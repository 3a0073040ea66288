import { useState } from 'react';
import {
  type AnswerKeys,
  answerReviewDigest,
  buildSealedAnswer,
  passkeySigner,
  prepareAnswer,
} from '#shokai/answer-seal';
import { unwrap } from '#shokai/client';
import { ApiError, api, apiClient } from '../api/client.ts';
import type { AnswerContent, RequestContent, RequestDetail, Transition } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldWords } from '../lib/error-text.ts';
import { passkeyAssertion, useRegisterPasskey } from '../lib/passkey.ts';
import { useMe } from '../lib/session.tsx';
import { AnswerForm } from './answer.tsx';
import { AnswerPreviewPanel } from './answer-view.tsx';
import { ErrorNotice, Section } from './common.tsx';

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
export function AnswerComposer({
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
  // The viewer answers for its own organisation: what kind of holder it is decides the form's fields.
  const me = useMe();
  const [preview, setPreview] = useState<ReviewedAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [signing, setSigning] = useState(false);
  const registration = useRegisterPasskey();

  // How a refusal names the answer's fields: as the form labels them (the target, the row of a log entry).
  const [words, setWords] = useState<FieldWords | undefined>(undefined);
  const review = async (answer: AnswerContent, fieldWords?: FieldWords) => {
    setError(null);
    if (fieldWords) setWords(() => fieldWords);
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
      setError(asApiError(e));
    }
    setSigning(false);
  };

  const registerPasskey = async () => {
    setError(null);
    try {
      await registration.register();
      const keys = await unwrap(apiClient.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: d.id } } }));
      setPreview((p) => (p ? { ...p, keys } : p));
    } catch (e) {
      setError(e);
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
        {registration.registered && <p role="status">{registration.registered}</p>}
        {keys?.signers.passkey && (
          <p className="hint" data-testid="answer-passkey-hint">
            {t('answer.passkeySignsHint')}
          </p>
        )}
        <AnswerPreviewPanel
          preview={preview}
          content={content}
          providerCategory={me.organisation.providerCategory}
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
      <ErrorNotice error={error} {...(words ? { fieldWords: words } : {})} />
      <AnswerForm
        content={content}
        providerCategory={me.organisation.providerCategory}
        busy={busy}
        onSubmit={(answer, w) => void review(answer, w)}
      />
    </Section>
  );
}
