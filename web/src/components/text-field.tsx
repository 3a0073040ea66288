// A labelled text field. A required field left empty (or a URL that is none) is said in the page's own
// words and language — in the browser's bubble and beside the field, with aria-invalid — never in the
// browser's (own-validity.ts). The browser still stops the form and focuses the first such field.
import { Field } from './common.tsx';
import { useOwnValidity } from './own-validity.ts';

type Control = HTMLInputElement | HTMLTextAreaElement;

export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  name?: string;
  multiline?: boolean;
  rows?: number;
  inputMode?: 'numeric' | 'text';
  error?: string | null;
  /** The control's id (Field's). */
  id?: string;
}) {
  // What the browser found wrong, in the page's words (gone once the value changes, by whatever path).
  const { said, onInvalid } = useOwnValidity(props.value, props.required);
  const change = (c: Control) => props.onChange(c.value);
  const error = props.error ?? said;
  const common = {
    name: props.name,
    'aria-invalid': error ? true : undefined,
    required: props.required,
    value: props.value,
    onInvalid,
  };
  return (
    <Field label={props.label + (props.required ? ' *' : '')} hint={props.hint} error={error} id={props.id}>
      {(id, describedBy) =>
        props.multiline ? (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={props.rows ?? 4}
            onChange={(e) => change(e.currentTarget)}
            {...common}
          />
        ) : (
          <input
            id={id}
            type={props.type ?? 'text'}
            aria-describedby={describedBy}
            autoComplete={props.autoComplete}
            inputMode={props.inputMode}
            onChange={(e) => change(e.currentTarget)}
            {...common}
          />
        )
      }
    </Field>
  );
}
