// A calendar date typed as text (`2026-03-29`), not in the browser's date picker, whose order and words
// follow the browser's locale (mm/dd/yyyy on an English browser) rather than the screen's language. The
// zone the day is read in is said beside it; the caller turns the day into instants with that offset.
import { useI18n } from '../i18n/i18n.tsx';
import { Field } from './common.tsx';

/** YYYY-MM-DD. */
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

export function DateField({
  label,
  value,
  onChange,
  zoneNote,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The zone the day is read in, in words with its offset (`日本時間 UTC+09:00`). */
  zoneNote: string;
}) {
  const { t } = useI18n();
  const bad = value.trim() !== '' && !DATE_TEXT.test(value.trim());
  return (
    <Field label={label} hint={t('date.hint', { zone: zoneNote })} error={bad ? t('date.bad') : null}>
      {(id, describedBy) => (
        <input
          id={id}
          type="text"
          className="date-text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('date.placeholder')}
          aria-describedby={describedBy}
          aria-invalid={bad || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
        />
      )}
    </Field>
  );
}
