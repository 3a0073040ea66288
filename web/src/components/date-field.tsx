// A calendar date typed as text (`2026-03-29`), not in the browser's date picker, whose order and words
// follow the browser's locale (mm/dd/yyyy on an English browser) rather than the screen's language. The
// zone the day is read in is said beside it; the caller turns the day into instants with that offset.
import { useI18n } from '../i18n/i18n.tsx';
import { Field } from './common.tsx';

/** YYYY-MM-DD. */
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day typed as YYYY-MM-DD that is one (2026-02-28, not 2026-02-30). */
export function isCalendarDay(d: string): boolean {
  if (!DATE_TEXT.test(d)) return false;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}

export function DateField({
  label,
  value,
  onChange,
  zoneNote,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The zone the day is read in, in words with its offset (`日本時間 UTC+09:00`). */
  zoneNote: string;
  /** What the form says of this day beside it (an end before the start), when the day itself is one. */
  error?: string | null;
}) {
  const { t } = useI18n();
  const text = value.trim();
  const said =
    text === ''
      ? null
      : !DATE_TEXT.test(text)
        ? t('date.bad')
        : !isCalendarDay(text)
          ? t('date.noSuchDay', { day: text })
          : (error ?? null);
  const bad = said !== null;
  return (
    <Field label={label} hint={t('date.hint', { zone: zoneNote })} error={said}>
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
