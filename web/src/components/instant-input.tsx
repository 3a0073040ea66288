// An instant entered as wall-clock text in an explicit zone; the value is ISO-8601 with that zone's offset.
import { useContext, useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { TypedProblems } from '../lib/typed-problems.ts';
import { COMMON_ZONES, isoToWallTime, readWallTime, viewerZone, zoneOffsetText } from '../time/format.ts';
import { useOwnValidity } from './own-validity.ts';

/** Zone choices: the common ones and the viewer's own. */
export function zoneOptions(): string[] {
  const v = viewerZone();
  return COMMON_ZONES.includes(v as (typeof COMMON_ZONES)[number]) ? [...COMMON_ZONES] : [v, ...COMMON_ZONES];
}

/**
 * An instant entered as wall-clock time in an explicit zone (the viewer's by default): the caller's
 * `zone`, or, where it gives none (a form with one time field), one the field keeps itself; the value it
 * reports is ISO-8601 with that zone's offset, or '' while incomplete. The time is typed as text
 * (`2026-03-29 01:30:12`), not in the browser's date picker, whose order and words follow the browser's
 * locale rather than the screen's language; what was read is said back in the screen's language, with
 * the zone and its offset. A time typed with its offset (`2026-03-29 01:30:12+09:00`) is read as typed.
 * A time it cannot read is said so at the field, marked invalid, and reported to the form, which holds
 * its save (TypedProblemsProvider, lib/typed-problems.ts), under `issueLabel` (the label by default);
 * `error` is the form's word on it.
 */
export function InstantInput({
  label,
  value,
  onChange,
  required,
  zone: given,
  onZoneChange,
  issueLabel,
  error,
  dayAlone,
}: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  required?: boolean;
  /** With `onZoneChange`: a zone the caller shares with its other fields; without, the field keeps its own. */
  zone?: string;
  onZoneChange?: (z: string) => void;
  /** The field's name in a list of the form's problems (`対象 1 › 日時`). */
  issueLabel?: string;
  /** What the form says is wrong with the value sent (a refusal of the server's). */
  error?: string | null;
  /** One end of a span: a date alone is read as that day's first (`start`) or last (`end`) second. */
  dayAlone?: 'start' | 'end';
}) {
  const { t, bi, dateTime } = useI18n();
  const id = useId();
  const [own, setOwn] = useState(viewerZone);
  const zone = given ?? own;
  const [wall, setWall] = useState(() => (value ? isoToWallTime(value, zone).replace('T', ' ') : ''));
  // A complete wall time that names no instant there (skipped or repeated by a daylight-saving
  // change) is said so, rather than silently sent as some other time.
  const read = wall.trim() === '' ? null : readWallTime(wall, zone, dayAlone);
  const problem = read !== null && 'problem' in read ? read.problem : null;
  const report = useContext(TypedProblems);
  const name = issueLabel ?? label;
  useEffect(() => {
    if (!report) return;
    const r = wall.trim() === '' ? null : readWallTime(wall, zone, dayAlone);
    report(id, r !== null && 'problem' in r ? { label: name, problem: r.problem, inputId: `${id}-t` } : null);
    return () => report(id, null);
  }, [report, id, wall, zone, name, dayAlone]);
  const emit = (w: string, z: string) => {
    const r = w.trim() === '' ? null : readWallTime(w, z, dayAlone);
    onChange(r !== null && 'iso' in r ? r.iso : '');
  };
  // A required time left empty, said in the page's words (own-validity.ts).
  const validity = useOwnValidity(wall, required);
  const shownError = problem ? null : (error ?? validity.said);
  const describedBy = [`${id}-h`, problem ? `${id}-o` : null, shownError ? `${id}-e` : null].filter(Boolean);
  return (
    <fieldset className="instant">
      <legend>
        {label}
        {required ? ' *' : ''}
      </legend>
      <div className="instant-row">
        <span className="field">
          <label htmlFor={`${id}-t`}>{t('instant.wallTime')}</label>
          <input
            id={`${id}-t`}
            className="wall-time"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('instant.placeholder')}
            aria-describedby={describedBy.join(' ')}
            aria-invalid={problem || shownError ? true : undefined}
            required={required}
            value={wall}
            onInvalid={validity.onInvalid}
            onChange={(e) => {
              setWall(e.target.value);
              emit(e.target.value, zone);
            }}
          />
        </span>
        <span className="field">
          <label htmlFor={`${id}-z`}>{t('instant.zone')}</label>
          <select
            id={`${id}-z`}
            value={zone}
            onChange={(e) => {
              (onZoneChange ?? setOwn)(e.target.value);
              emit(wall, e.target.value);
            }}
          >
            {zoneOptions().map((z) => (
              <option key={z} value={z}>
                {z} (UTC{zoneOffsetText(z)})
              </option>
            ))}
          </select>
        </span>
      </div>
      <p className="hint" id={`${id}-h`} data-testid="instant-reading">
        {read !== null && 'iso' in read
          ? t(read.offsetTyped ? 'instant.readWithOffset' : 'instant.readAs', { zone, when: dateTime(read.iso) })
          : `${t('instant.format', { zone, offset: zoneOffsetText(zone) })}${
              dayAlone ? ` ${t(dayAlone === 'start' ? 'instant.dayStart' : 'instant.dayEnd')}` : ''
            }`}
      </p>
      <output className="iso" aria-live="polite" id={`${id}-o`}>
        {problem ? bi(problem) : value ? `${t('instant.sent')}: ${value}` : ''}
      </output>
      {shownError && (
        <p className="field-error" id={`${id}-e`}>
          {shownError}
        </p>
      )}
    </fieldset>
  );
}

/** One end of a span: what it is called, its instant, and what takes a new one. */
interface SpanEnd {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  /** Its name in a list of the form's problems, when the label alone does not say whose it is. */
  issueLabel?: string;
  /** What the form says is wrong with the value sent. */
  error?: string | null;
}

/**
 * A span from one instant to another (a designation's period, a warrant's validity), both required and
 * entered in one zone. `filledFrom` names what filled the fields: when it changes, both are shown afresh.
 */
export function InstantSpan({
  from,
  until,
  zone,
  onZoneChange,
  filledFrom = '',
}: {
  from: SpanEnd;
  until: SpanEnd;
  zone: string;
  onZoneChange: (zone: string) => void;
  filledFrom?: string;
}) {
  return (
    <>
      {Object.entries({ from, until }).map(([name, end]) => (
        <InstantInput
          key={`${name}-${filledFrom}`}
          label={end.label}
          required
          value={end.value}
          onChange={end.onChange}
          zone={zone}
          onZoneChange={onZoneChange}
          issueLabel={end.issueLabel}
          error={end.error ?? null}
          dayAlone={name === 'from' ? 'start' : 'end'}
        />
      ))}
    </>
  );
}
