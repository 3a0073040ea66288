// A form whose state is one object (the civil request, the request editor, a new consultation): its
// text inputs are each bound to one text field of it by the field's name, its selects and radio
// buttons to one field of a closed list, its check-box lists to one list field.
import { type Dispatch, type SetStateAction, useState } from 'react';

/** A form's state as one object, its setter, and the setting of one field of it. */
export function useFormState<F>(
  initial: F | (() => F),
): [F, Dispatch<SetStateAction<F>>, <K extends keyof F>(key: K, value: F[K]) => void] {
  const [form, setForm] = useState<F>(initial);
  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((old) => ({ ...old, [key]: value }));
  return [form, setForm, set];
}

/** A state object changed a few of its fields at a time: the state, and the merging of a change into it. */
export function usePatchState<S extends object>(initial: S): [S, (patch: Partial<S>) => void] {
  const [state, setState] = useState<S>(initial);
  return [state, (patch: Partial<S>) => setState((old) => ({ ...old, ...patch }))];
}

/** The merging of a change into one field of a form's state that holds an object (the warrant, the court order). */
export function fieldPatcher<F, K extends keyof F>(setForm: (update: (old: F) => F) => void, key: K) {
  return (patch: Partial<F[K]>) => setForm((old) => ({ ...old, [key]: { ...old[key], ...patch } }));
}

/** The fields of a form state that hold text. */
export type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/** Gives a text input the name, value and change of one text field of the form's state. */
export function textBinder<F>(form: F, set: <K extends keyof F>(key: K, value: F[K]) => void) {
  return <K extends TextKey<F>>(key: K) => ({
    name: key,
    value: form[key] as string,
    onChange: (value: string) => set(key, value as F[K]),
  });
}

/**
 * Gives a text input of one part of the form's state that holds an object (the civil claim, the MLAT block) the
 * name, value and change of one of its text fields, and what the server refused there: the request's path of the
 * part's field (`civil.claimant`), so that the field and its refusal cannot name two different places.
 */
export function partTextBinder<F, P extends keyof F & string>(
  form: F,
  setForm: (update: (old: F) => F) => void,
  part: P,
  fieldError: (place: string) => string | null,
) {
  return <K extends TextKey<F[P]>>(key: K) => ({
    name: key,
    value: form[part][key] as string,
    onChange: (value: string) => setForm((old) => ({ ...old, [part]: { ...old[part], [key]: value } })),
    error: fieldError(`${part}.${key}`),
  });
}

/**
 * Gives a choice of a closed list (a select, radio buttons) the name, value and change of one field of the form's
 * state.
 */
export function choiceBinder<F>(form: F, set: <K extends keyof F>(key: K, value: F[K]) => void) {
  return <K extends keyof F & string>(key: K) => ({
    name: key,
    value: form[key],
    onChange: (value: F[K]) => set(key, value),
  });
}

/** The entries of a list typed in one text field, separated by white space or commas (a line each, say). */
export function typedList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The list with `option` added at its end (`on`) or taken out: what one check box does to the choice. */
export function toggled<T extends string>(list: readonly T[], option: T, on: boolean): T[] {
  return on ? [...list, option] : list.filter((x) => x !== option);
}

/** The fields of a form state that hold a list of choices. */
export type ListKey<F> = { [K in keyof F]: F[K] extends readonly string[] ? K : never }[keyof F] & string;

type Choice<L> = L extends readonly (infer T extends string)[] ? T : never;

/** Gives a list of check boxes the name, the chosen options and the toggle of one list field of the form's state. */
export function listBinder<F>(form: F, set: <K extends keyof F>(key: K, value: F[K]) => void) {
  return <K extends ListKey<F>>(key: K) => ({
    name: key,
    value: form[key] as readonly Choice<F[K]>[],
    onToggle: (option: Choice<F[K]>, on: boolean) =>
      set(key, toggled(form[key] as readonly Choice<F[K]>[], option, on) as F[K]),
  });
}
