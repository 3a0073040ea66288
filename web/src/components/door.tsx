// The frame of the pages a person sees before signing in (sign-in, enrolment): the name of the
// service, the language switch, and the page's own content under its heading.
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.tsx';

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
