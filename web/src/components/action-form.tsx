// A form that does one thing (apply, send, ask, look up): named by what it does, with what its last
// run said wrong, its fields, and the one primary button that does it.
import type { FormEvent, ReactNode } from 'react';
import { ErrorNotice } from './common.tsx';

/**
 * `label` names the form for assistive technology and, unless `submit` says otherwise, its button;
 * the button is held while `busy` or until the fields are `ready`. An `error` given is shown first.
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
    <form onSubmit={onSubmit} aria-label={label} className={className}>
      {error !== undefined && <ErrorNotice error={error} />}
      {children}
      <button type="submit" className="primary" disabled={busy || !ready}>
        {submit ?? label}
      </button>
    </form>
  );
}
