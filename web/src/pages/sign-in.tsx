import { api } from '../api/client.ts';
import { TextField } from '../components/common.tsx';
import { DoorForm, DoorFrame, PasswordField } from '../components/door.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { textBinder, useFormState } from '../lib/form-state.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';

export function SignInPage({ notice }: { notice: 'expired' | 'signed_out' | null }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [f, , set] = useFormState({ login: '', password: '', totp: '' });
  const text = textBinder(f, set);

  const signIn = async () => {
    await api.login({ login: f.login.trim(), password: f.password, totp: f.totp.replace(/\s+/g, '') });
    const to = sessionStorage.getItem('shokai.returnTo');
    sessionStorage.removeItem('shokai.returnTo');
    await refresh();
    navigate(to?.startsWith('/') && !to.startsWith('//') ? to : '/', { replace: true });
  };

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
      <DoorForm door="signin" work={signIn} login={text('login')}>
        <PasswordField label={t('signin.password')} autoComplete="current-password" {...text('password')} />
        <TextField
          label={t('signin.totp')}
          autoComplete="one-time-code"
          inputMode="numeric"
          hint={t('signin.totpHint')}
          required
          {...text('totp')}
        />
      </DoorForm>
    </DoorFrame>
  );
}
