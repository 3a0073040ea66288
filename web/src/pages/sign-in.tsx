import { useState } from 'react';
import { api } from '../api/client.ts';
import { ErrorNotice, TextField } from '../components/common.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';

export function SignInPage({ notice }: { notice: 'expired' | 'signed_out' | null }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const { busy, error, submit } = useAction();

  const signIn = submit(async () => {
    await api.login({ login: login.trim(), password, totp: totp.replace(/\s+/g, '') });
    const to = sessionStorage.getItem('shokai.returnTo');
    sessionStorage.removeItem('shokai.returnTo');
    await refresh();
    navigate(to?.startsWith('/') && !to.startsWith('//') ? to : '/', { replace: true });
  });

  return (
    <div className="signin-wrap">
      <header className="signin-head">
        <p className="brand-big">
          <span lang="ja">照会</span> <span lang="en">shokai</span>
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin">
        <h1>{t('signin.title')}</h1>
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
          <TextField
            label={t('signin.login')}
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={setLogin}
          />
          <TextField
            label={t('signin.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
          <TextField
            label={t('signin.totp')}
            name="totp"
            autoComplete="one-time-code"
            inputMode="numeric"
            hint={t('signin.totpHint')}
            required
            value={totp}
            onChange={setTotp}
          />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('signin.busy') : t('signin.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
