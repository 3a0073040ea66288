// A form that does one thing (apply, send, ask, look up): named by what it does, with what its last
// run said wrong, its fields, and the one primary button that does it. Any form with a time field is
// a CheckedForm: it sends nothing while one of its time fields cannot read what was typed.
import { type FormEvent, type ReactNode, useContext, useState } from 'react';
import {
  TypedProblemsProvider,
  TypedUnread,
  useHeldIssuesAsReported,
  useTypedProblems,
} from '../lib/typed-problems.ts';
import { ErrorNotice } from './common.tsx';

/**
 * A form whose time fields report what they cannot read (lib/typed-problems.ts): while any does, a
 * submit runs nothing, the form says which field and what was typed in the notice at its top (where
 * the `error` of its last run is also shown, when one is given), and the first such field takes the focus.
 */
export function CheckedForm({
  onSubmit,
  error,
  label,
  className,
  noValidate,
  children,
}: {
  onSubmit: (e: FormEvent) => void;
  error?: unknown;
  label?: string;
  className?: string;
  noValidate?: boolean;
  children: ReactNode;
}) {
  const typed = useTypedProblems();
  const [held, setHeld] = useState<unknown>(null);
  useHeldIssuesAsReported(typed, setHeld);
  const submit = (e: FormEvent) => {
    const issues = typed.held();
    setHeld(issues);
    if (!issues) return onSubmit(e);
    e.preventDefault();
    typed.focusFirst();
  };
  return (
    <form onSubmit={submit} aria-label={label} className={className} noValidate={noValidate}>
      <TypedProblemsProvider value={typed.report}>
        <TypedUnread.Provider value={typed.unread}>
          <ErrorNotice error={held ?? error ?? null} />
          {children}
        </TypedUnread.Provider>
      </TypedProblemsProvider>
    </form>
  );
}

/**
 * A CheckedForm's submit button, held while `busy` or until its fields are `ready` (a required time
 * given, say) — but not while a time field cannot read what was typed: a press then lists the problem
 * in the form's notice and focuses the field, instead of a button that stays disabled without a word.
 */
export function SubmitButton({
  busy,
  ready = true,
  className,
  children,
}: {
  busy: boolean;
  ready?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const unread = useContext(TypedUnread);
  return (
    <button type="submit" className={className} disabled={busy || !(ready || unread)}>
      {children}
    </button>
  );
}

/**
 * `label` names the form for assistive technology and, unless `submit` says otherwise, its button;
 * the button is held while `busy` or until the fields are `ready` (unless a time field cannot read what
 * was typed: SubmitButton). An `error` given is shown first.
 */
export function ActionForm({
  label,
  submit,
  onSubmit,
  busy,
  ready = true,
  error,
  className,
  children,
}: {
  label: string;
  submit?: string;
  onSubmit: (e: FormEvent) => void;
  busy: boolean;
  ready?: boolean;
  error?: unknown;
  className?: string;
  children: ReactNode;
}) {
  return (
    <CheckedForm onSubmit={onSubmit} label={label} className={className} error={error}>
      {children}
      <SubmitButton className="primary" busy={busy} ready={ready}>
        {submit ?? label}
      </SubmitButton>
    </CheckedForm>
  );
}
