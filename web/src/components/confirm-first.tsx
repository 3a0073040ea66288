import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A step that cannot be undone (declining, closing): the first press says what follows and asks again;
 * only the second press acts.
 */
export function ConfirmFirst({
  label,
  warning,
  className,
  busy,
  onConfirm,
}: {
  label: string;
  warning: string;
  className?: 'secondary' | 'danger';
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className={className} disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div data-testid="confirm-step">
      <p className="notice notice-warn" role="alert">
        {warning}
      </p>
      <button
        type="button"
        className={className}
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('action.confirmStep', { label })}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('action.notYet')}
      </button>
    </div>
  );
}
