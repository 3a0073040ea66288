import { type Dispatch, type FormEvent, type SetStateAction, useCallback, useState } from 'react';

export type Action = {
  /** True while the action runs: its buttons are disabled. */
  busy: boolean;
  /** What the last run threw (shown by ErrorNotice); cleared when a run starts. */
  error: unknown;
  setError: Dispatch<SetStateAction<unknown>>;
  /** Runs `work` once: busy meanwhile, its error kept; `onError` also runs when it throws. */
  run: (work: () => Promise<void>, onError?: (error: unknown) => void) => Promise<void>;
  /** A form's submit handler running `work` (the page is not reloaded). */
  submit: (work: () => Promise<void>, onError?: (error: unknown) => void) => (e: FormEvent) => void;
};

/** The one shape of an action a person starts from a form or a button: busy, then done or an error. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>, onError?: (error: unknown) => void) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (err) {
      onError?.(err);
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  const submit = useCallback(
    (work: () => Promise<void>, onError?: (error: unknown) => void) => (e: FormEvent) => {
      e.preventDefault();
      void run(work, onError);
    },
    [run],
  );
  return { busy, error, setError, run, submit };
}
