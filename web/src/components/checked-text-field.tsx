// A text field whose value is read by a pure rule as it is typed (a target's address, e-mail or port, with the
// very rule the server reads it by: src/domain/target-values.ts). What the rule refuses is said at the field
// and reported to the form, which holds its save and lists it beside every other problem — a time it cannot
// read, a line of a pasted list (lib/typed-problems.ts) — so that all are said at once, not one per send.
import { useContext, useEffect, useId } from 'react';
import { targetNumberProblem } from '#shokai/target-values';
import type { Bilingual } from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { TypedProblems } from '../lib/typed-problems.ts';
import { TextField } from './text-field.tsx';

export function CheckedTextField(props: {
  label: string;
  /** The field's name in a list of the form's problems (`対象 1 › IPアドレス`). */
  issueLabel: string;
  value: string;
  onChange: (v: string) => void;
  /** What is wrong with the value as typed, or null (empty is the field's `required`, not this). */
  check: (value: string) => Bilingual | null;
  required?: boolean;
  hint?: string;
  inputMode?: 'numeric' | 'text';
  /** What the server refused here, while the field still holds it. */
  error?: string | null;
}) {
  const { bi } = useI18n();
  const id = useId();
  const report = useContext(TypedProblems);
  const problem = props.check(props.value);
  // (The rule's words as a value the effect can compare: the check gives a new object every render.)
  const said = problem ? JSON.stringify(problem) : null;
  const { issueLabel } = props;
  useEffect(() => {
    if (!report) return;
    report(id, said ? { label: issueLabel, problem: JSON.parse(said) as Bilingual, inputId: id } : null);
    return () => report(id, null);
  }, [report, id, said, issueLabel]);
  return (
    <TextField
      id={id}
      label={props.label}
      required={props.required}
      hint={props.hint}
      inputMode={props.inputMode}
      value={props.value}
      onChange={props.onChange}
      error={problem ? bi(problem) : props.error}
    />
  );
}

/** One text field of a row: its value, its change and what the server refused there. */
type RowFieldProps = { value: string; onChange: (v: string) => void; error?: string | null };

/**
 * The source port and the tolerance of an address (an inquiry's IP target, a civil request's connection), each
 * read as typed by the server's own rule; `issueLabel` names a field in the form's list of problems.
 */
export function PortToleranceFields({
  issueLabel,
  field,
}: {
  issueLabel: (name: string) => string;
  field: (k: 'port' | 'tolerance') => RowFieldProps;
}) {
  const { t } = useI18n();
  return (
    <>
      <CheckedTextField
        label={t('target.port')}
        issueLabel={issueLabel(t('target.port'))}
        inputMode="numeric"
        check={(v) => targetNumberProblem('port', v)}
        hint={t('target.portHint')}
        {...field('port')}
      />
      <CheckedTextField
        label={t('target.tolerance')}
        issueLabel={issueLabel(t('target.tolerance'))}
        inputMode="numeric"
        check={(v) => targetNumberProblem('tolerance', v)}
        {...field('tolerance')}
      />
    </>
  );
}
