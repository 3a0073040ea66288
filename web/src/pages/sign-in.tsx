import { api } from '../api/client.ts';
import { ErrorNotice, TextField } from '../components/common.tsx';
import { DoorFrame } from '../components/door.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { textBinder, useFormState } from '../lib/form-state.ts';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';

export function SignInPage({ notice }: { notice: 'expired' | 'signed_out' | null }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [f, , set] = useFormState({ login: '', password: '', totp: '' });
  const text = textBinder(f, set);
  const { busy, error, submit } = useAction();

  const signIn = submit(async () => {
    await api.login({ login: f.login.trim(), password: f.password, totp: f.totp.replace(/\s+/g, '') });
    const to = sessionStorage.getItem('shokai.returnTo');
    sessionStorage.removeItem('shokai.returnTo');
    await refresh();
    navigate(to?.startsWith('/') && !to.startsWith('//') ? to : '/', { replace: true });
  });

  return (
    <DoorFrame title={t('signin.title')}>
      <p className="muted">{t('app.tagline')}</p>
      {notice === 'expired' && (
        <div className="notice notice-warn" role="alert">
          {t('signin.expired')}
        </div>
      )}
      {notice === 'signed_out' && (
        <div className="notice" role="status">
          {t('signin.signedOut')}
        </div>
      )}
      <ErrorNotice error={error} />
      <form onSubmit={signIn} aria-label={t('signin.title')}>
        <TextField label={t('signin.login')} autoComplete="username" required {...text('login')} />
        <TextField
          label={t('signin.password')}
          type="password"
          autoComplete="current-password"
          required
          {...text('password')}
        />
        <TextField
          label={t('signin.totp')}
          autoComplete="one-time-code"
          inputMode="numeric"
          hint={t('signin.totpHint')}
          required
          {...text('totp')}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
      </form>
      <p>
        <Link to="/enrol">{t('signin.enrolLink')}</Link>
      </p>
    </DoorFrame>
  );
}
