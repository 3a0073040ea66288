// A person's first visit (/enrol, no sign-in): with the one-time code their administrator handed them,
// they choose their own password and receive their own second-factor setting, as a QR code for the
// authenticator app and as text. The administrator who made the account never learns either.
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { TextField } from '../components/common.tsx';
import { DoorForm, DoorFrame, PasswordField } from '../components/door.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ShownError } from '../lib/error-text.ts';
import { textBinder, useFormState } from '../lib/form-state.ts';
import { Link } from '../lib/router.tsx';

interface Enrolled {
  login: string;
  totpSecret: string;
  otpauthUri: string;
}

export function EnrolPage() {
  const { t } = useI18n();
  const [f, , set] = useFormState({ login: '', code: '', password: '', again: '' });
  const text = textBinder(f, set);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);

  const enrol = async () => {
    if (f.password !== f.again) throw new ShownError(t('enrol.mismatch'));
    const r = await api.enrol({ login: f.login.trim(), code: f.code.trim(), password: f.password });
    setEnrolled({ login: r.user.login, totpSecret: r.totpSecret, otpauthUri: r.otpauthUri });
  };

  return (
    <DoorFrame title={t('enrol.title')}>
      {enrolled ? (
        <Done enrolled={enrolled} />
      ) : (
        <>
          <p>{t('enrol.intro')}</p>
          <DoorForm door="enrol" work={enrol} login={text('login')}>
            <TextField
              label={t('enrol.code')}
              autoComplete="one-time-code"
              hint={t('enrol.codeHint')}
              required
              {...text('code')}
            />
            <PasswordField label={t('enrol.password')} autoComplete="new-password" {...text('password')} />
            <PasswordField label={t('enrol.passwordAgain')} autoComplete="new-password" {...text('again')} />
          </DoorForm>
        </>
      )}
    </DoorFrame>
  );
}

/** The second-factor setting, once: as a QR code for the authenticator app and as text to type. */
function Done({ enrolled }: { enrolled: Enrolled }) {
  const { t } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    // Loaded here only: most visitors never enrol, and the QR encoder is a large part of a bundle.
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(enrolled.otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 240 }))
      .then(setQr);
  }, [enrolled.otpauthUri]);
  return (
    <>
      <p className="notice notice-ok" role="status">
        {t('enrol.done')}
      </p>
      {qr && <img className="enrol-qr" src={qr} alt={t('enrol.qr', { login: enrolled.login })} />}
      <dl className="facts">
        <dt>{t('signin.login')}</dt>
        <dd>{enrolled.login}</dd>
        <dt>{t('enrol.secret')}</dt>
        <dd>
          <code data-testid="totp-secret">{enrolled.totpSecret.replace(/(.{4})(?=.)/g, '$1 ')}</code>
        </dd>
      </dl>
      <p>
        <Link to="/signin">{t('enrol.toSignIn')}</Link>
      </p>
    </>
  );
}
