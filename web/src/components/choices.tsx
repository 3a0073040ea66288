// The choices several forms offer alike: one of a closed list as a select, an organisation of a kind
// (a court, a provider, an agency) and the kind of warrant.
import { type Bilingual, WARRANT_TYPE_LABELS, WARRANT_TYPES, type WarrantType } from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { Field, orgName } from './common.tsx';

type Named = { id: string; nameJa: string; nameEn: string };

/** The value of a select that must hold one of the list. */
type OneOf<T extends string> = { none?: undefined; value: NoInfer<T>; onChange: (v: NoInfer<T>) => void };
/** The value of a select whose empty choice, worded `none` ("any", "the default"), stands first: `''`. */
type OneOfOrNone<T extends string> = { none: string; value: NoInfer<T> | ''; onChange: (v: NoInfer<T> | '') => void };

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
    <Field label={required ? `${label} *` : label} hint={hint}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          aria-describedby={describedBy}
          required={required}
          value={props.value}
          onChange={(e) => choose(e.target.value)}
        >
          {props.none !== undefined && <option value="">{props.none}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {bi(labels[o])}
            </option>
          ))}
        </select>
      )}
    </Field>
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
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  organisations: readonly Named[] | undefined;
  required?: boolean;
  /** The words of the empty choice. */
  none?: string;
  name?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <Field label={required ? `${label} *` : label}>
      {(id) => (
        <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none ?? t('editor.choose')}</option>
          {(organisations ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {orgName(o, locale)}
            </option>
          ))}
        </select>
      )}
    </Field>
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
