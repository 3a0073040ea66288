// A form whose state is one object (the civil request, the request editor): its text inputs are each
// bound to one text field of it by the field's name.

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
