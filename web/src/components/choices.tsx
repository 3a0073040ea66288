// The choices several forms offer alike: one of a closed list as a select, an organisation of a kind
// (a court, a provider, an agency) and the kind of warrant.
import { type Bilingual, WARRANT_TYPE_LABELS, WARRANT_TYPES, type WarrantType } from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { Field, orgName } from './common.tsx';

type Named = { id: string; nameJa: string; nameEn: string };

/** One choice of a closed list as a labelled select, each option in the viewer's language. */
export function SelectChoice<T extends string>({
  label,
  name,
  options,
  labels,
  value,
  onChange,
}: {
  label: string;
  name?: string;
  options: readonly T[];
  labels: Readonly<Record<T, Bilingual>>;
  value: T;
  onChange: (v: T) => void;
}) {
  const { bi } = useI18n();
  const choose = (v: string) => {
    const o = options.find((x) => x === v);
    if (o !== undefined) onChange(o);
  };
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} name={name} value={value} onChange={(e) => choose(e.target.value)}>
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
