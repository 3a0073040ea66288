import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { ErrorNotice, TextField } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../lib/router.tsx';

/** A provider receives a signed envelope that arrived by another channel; it is verified on receipt. */
export function IntakePage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      setError(new Error('json'));
      return;
    }
    setBusy(true);
    try {
      const d = await api.intake(envelope);
      navigate(`/requests/${d.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <h1>{t('intake.title')}</h1>
      <p className="hint">{t('intake.intro')}</p>
      <form onSubmit={(e) => void submit(e)} aria-label={t('intake.title')}>
        <ErrorNotice error={error} />
        <TextField label={t('intake.envelope')} multiline rows={12} required value={text} onChange={setText} />
        <button type="submit" className="primary" disabled={busy || !text.trim()}>
          {t('intake.submit')}
        </button>
      </form>
    </div>
  );
}
