// What the two kinds of application to a court (warrant applications, disclosure-order applications)
// and the court's ancillary orders share on their pages: the act of a step (busy meanwhile, its error
// kept, then the page reloads), the steps offered to the viewer, the step taken with one press, and
// the steps that carry a note (return, decline, withdraw), and the records the judge signs.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ShownError } from '../lib/error-text.ts';
import { type PasskeyRef, signDigest } from '../lib/passkey.ts';
import { useAction } from '../lib/use-action.ts';
import { ErrorNotice, Section, TextField } from './common.tsx';
import { ConfirmFirst } from './confirm-first.tsx';

export type Act = (fn: () => Promise<unknown>, after?: (result: unknown) => void) => Promise<void>;

/** Runs one step of an application: `after` gets its result, else the page reloads. */
export function useApplicationStep(reload: () => void): { busy: boolean; error: unknown; act: Act } {
  const { busy, error, run } = useAction();
  const act: Act = (fn, after) =>
    run(async () => {
      const r = await fn();
      if (after) after(r);
      else reload();
    });
  return { busy, error, act };
}

/** The steps the server offers the viewer of one application or order (`has`), and the act of one. */
export function useOfferedSteps<A extends string>(offered: readonly A[], reload: () => void) {
  const step = useApplicationStep(reload);
  return { ...step, has: (x: A) => offered.includes(x) };
}

/** An application's next steps under their heading, with what the last one's act said wrong. */
export function NextSteps({ error, children }: { error: unknown; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Section title={t('wapp.next')}>
      <ErrorNotice error={error} />
      {children}
    </Section>
  );
}

/** A step taken with one press. */
export function StepButton({ label, busy, onPress }: { label: string; busy: boolean; onPress: () => Promise<void> }) {
  return (
    <button type="button" className="primary" disabled={busy} onClick={() => void onPress()}>
      {label}
    </button>
  );
}

export interface NoteStep {
  label: string;
  send: (note: string) => Promise<unknown>;
  /** For a step that cannot be undone: what follows, said before a second press acts. */
  warning?: string;
}

/** The note and the steps that send it, those the viewer may take (`false`: not this one); none: nothing. */
export function NoteSteps({
  noteLabel,
  steps,
  busy,
  act,
}: {
  noteLabel: string;
  steps: ReadonlyArray<NoteStep | false>;
  busy: boolean;
  act: Act;
}) {
  const [note, setNote] = useState('');
  const allowed = steps.filter((s): s is NoteStep => s !== false);
  if (allowed.length === 0) return null;
  return (
    <div className="secondary-actions">
      <TextField label={noteLabel} multiline rows={2} value={note} onChange={setNote} />
      {allowed.map((s) => {
        const send = () =>
          void act(async () => {
            const r = await s.send(note);
            setNote('');
            return r;
          });
        return s.warning ? (
          <ConfirmFirst key={s.label} label={s.label} warning={s.warning} busy={busy} onConfirm={send} />
        ) : (
          <button key={s.label} type="button" disabled={busy} onClick={send}>
            {s.label}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The submit of a record the judge signs with his own passkey, as a step: the preview of `body` names the
 * digest, his device signs it, and `record` sends the body with the assertion (none registered: he is
 * told to register one first).
 */
export function useJudgeSigned<B extends object>(
  act: Act,
  body: B,
  preview: (body: B) => Promise<{ digest: string; passkey?: PasskeyRef | null }>,
  record: (body: B & { assertion: never }) => Promise<unknown>,
): (e: FormEvent) => void {
  const { t } = useI18n();
  return (e) => {
    e.preventDefault();
    void act(async () => {
      const shown = await preview(body);
      if (!shown.passkey) throw new ShownError(t('wapp.noPasskey'));
      const assertion = await signDigest(shown.digest, shown.passkey);
      return record({ ...body, assertion: assertion as never });
    });
  };
}
