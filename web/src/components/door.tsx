// The frame of the pages a person sees before signing in (sign-in, enrolment): the name of the
// service, the language switch, and the page's own content under its heading; and the form both ask
// for a login in, with its password fields.
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';
import { ErrorNotice } from './error-notice.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { TextField } from './text-field.tsx';

export function DoorFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="signin-wrap">
      <header className="signin-head">
        <p className="brand-big">
          <span lang="ja">照会</span> <span lang="en">shokai</span>
        </p>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** What differs between the two door forms: the form's name (the page's title), its button, and the other door. */
const DOORS = {
  signin: { label: 'signin.title', submit: 'signin.submit', other: '/enrol', otherText: 'signin.enrolLink' },
  enrol: { label: 'enrol.title', submit: 'enrol.submit', other: '/signin', otherText: 'enrol.back' },
} as const satisfies Record<string, { label: MessageKey; submit: MessageKey; other: string; otherText: MessageKey }>;

/**
 * The form of door page `door`: the refusal of its last try, the login first, the page's own fields, the
 * button (its words while busy the same on both pages), and under the form the link to the other door page.
 * Submitting runs `work` (useAction: busy meanwhile, what it throws shown).
 */
export function DoorForm({
  door,
  work,
  login,
  children,
}: {
  door: keyof typeof DOORS;
  work: () => Promise<void>;
  login: { name: string; value: string; onChange: (value: string) => void };
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, error, submit } = useAction();
  const d = DOORS[door];
  return (
    <>
      <ErrorNotice error={error} />
      <form onSubmit={submit(work)} aria-label={t(d.label)}>
        <TextField label={t('signin.login')} autoComplete="username" required {...login} />
        {children}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signin.busy') : t(d.submit)}
        </button>
      </form>
      <p>
        <Link to={d.other}>{t(d.otherText)}</Link>
      </p>
    </>
  );
}

/** A password on a door page: required, hidden, and said to the browser as the current one or a new one. */
export function PasswordField({
  label,
  autoComplete,
  ...field
}: {
  label: string;
  autoComplete: 'current-password' | 'new-password';
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return <TextField label={label} type="password" autoComplete={autoComplete} required {...field} />;
}
