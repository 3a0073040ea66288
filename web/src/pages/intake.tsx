import { useState } from 'react';
import { ApiError, api, isEnvelopeShaped } from '../api/client.ts';
import { ActionForm } from '../components/action-form.tsx';
import { TextField } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';

/** A provider receives a signed envelope that arrived by another channel; it is verified on receipt. */
export function IntakePage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { busy, error, submit } = useAction();
  // A forged or invalid envelope is still recorded (declined, with its failed verification).
  const [storedId, setStoredId] = useState<string | null>(null);
  const refused = (message: { ja: string; en: string }) =>
    new ApiError(400, { error: { code: 'VALIDATION_FAILED', message } });
  const take = async () => {
    setStoredId(null);
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      throw refused({ ja: '正しい JSON ではありません', en: 'This is not valid JSON' });
    }
    if (!isEnvelopeShaped(envelope)) {
      throw refused({
        ja: '署名済み要請（v・payload・signatures を持つ JSON）ではありません',
        en: 'This is not a signed request (JSON with v, payload and signatures)',
      });
    }
    const d = await api.intake(envelope);
    navigate(`/requests/${d.id}`);
  };
  const recorded = (err: unknown) => {
    const rid = err instanceof ApiError ? err.details?.requestId : undefined;
    if (typeof rid === 'string') setStoredId(rid);
  };
  return (
    <div>
      <h1>{t('intake.title')}</h1>
      <p className="hint">{t('intake.intro')}</p>
      <ActionForm
        label={t('intake.title')}
        submit={t('intake.submit')}
        onSubmit={submit(take, recorded)}
        busy={busy}
        ready={!!text.trim()}
        error={error}
      >
        {storedId && (
          <p>
            <Link to={`/requests/${storedId}`}>{t('intake.openStored')}</Link>
          </p>
        )}
        <TextField label={t('intake.envelope')} multiline rows={12} required value={text} onChange={setText} />
      </ActionForm>
    </div>
  );
}
