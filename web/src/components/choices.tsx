// The choices several forms offer alike: one of a list as a labelled select, one of a closed list, an
// organisation of a kind (a court, a provider, an agency) and the kind of warrant.
import { type Bilingual, WARRANT_TYPE_LABELS, WARRANT_TYPES, type WarrantType } from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { Field, orgName } from './common.tsx';
import { useOwnValidity } from './own-validity.ts';

type Named = { id: string; nameJa: string; nameEn: string };

/** The value of a select that must hold one of the list. */
type OneOf<T extends string> = { none?: undefined; value: NoInfer<T>; onChange: (v: NoInfer<T>) => void };
/** The value of a select whose empty choice, worded `none` ("any", "the default"), stands first: `''`. */
type OneOfOrNone<T extends string> = { none: string; value: NoInfer<T> | ''; onChange: (v: NoInfer<T> | '') => void };

/**
 * One of a list of options as a labelled select, an empty choice worded `none` first when there is
 * one; a `hint` is said under it, and `required` holds a form until one is chosen (said in the page's
 * words, own-validity.ts).
 */
export function Select({
  label,
  name,
  hint,
  required,
  none,
  options,
  value,
  onChange,
  disabled,
  testId,
  error,
}: {
  label: string;
  name?: string;
  hint?: string;
  required?: boolean;
  none?: string;
  options: ReadonlyArray<{ value: string; text: string }>;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  testId?: string;
  /** What is wrong with the choice (said under it, the select marked invalid). */
  error?: string | null;
}) {
  const { said, onInvalid } = useOwnValidity(value, required);
  const shown = error ?? said;
  return (
    <Field label={label} hint={hint} error={shown}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={shown ? true : undefined}
          required={required}
          value={value}
          onInvalid={onInvalid}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          data-testid={testId}
        >
          {none !== undefined && <option value="">{none}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * One choice of a closed list as a labelled select, each option in the viewer's language; a required
 * one is marked so, and a `hint` is said under it.
 */
export function SelectChoice<T extends string>(
  props: {
    label: string;
    name?: string;
    hint?: string;
    required?: boolean;
    options: readonly T[];
    labels: Readonly<Record<T, Bilingual>>;
  } & (OneOf<T> | OneOfOrNone<T>),
) {
  const { label, name, hint, required, options, labels } = props;
  const { bi } = useI18n();
  const choose = (v: string) => {
    if (v === '' && props.none !== undefined) return props.onChange('');
    const o = options.find((x) => x === v);
    if (o !== undefined) props.onChange(o);
  };
  return (
    <Select
      label={required ? `${label} *` : label}
      name={name}
      hint={hint}
      required={required}
      none={props.none}
      options={options.map((o) => ({ value: o, text: bi(labels[o]) }))}
      value={props.value}
      onChange={choose}
    />
  );
}

/**
 * A choice of one organisation, named in the viewer's language: "choose…" (or `none`) until one is;
 * a required one is marked so.
 */
export function OrganisationSelect({
  label,
  value,
  onChange,
  organisations,
  required = true,
  none,
  name,
  error,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  organisations: readonly Named[] | undefined;
  required?: boolean;
  /** The words of the empty choice. */
  none?: string;
  name?: string;
  /** What the form says is wrong with the choice. */
  error?: string | null;
}) {
  const { t, locale } = useI18n();
  return (
    <Select
      label={required ? `${label} *` : label}
      name={name}
      none={none ?? t('editor.choose')}
      options={(organisations ?? []).map((o) => ({ value: o.id, text: orgName(o, locale) }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** The kind of warrant (差押え, 記録命令付差押え, …). */
export function WarrantTypeSelect({ value, onChange }: { value: WarrantType; onChange: (type: WarrantType) => void }) {
  const { t } = useI18n();
  return (
    <SelectChoice
      label={t('warrant.type')}
      options={WARRANT_TYPES}
      labels={WARRANT_TYPE_LABELS}
      value={value}
      onChange={onChange}
    />
  );
}
