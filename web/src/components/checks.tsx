// A closed list as check boxes, each with its label in the reader's language: the one shape of the
// forms' "which of these" questions (data categories, rights, purposes, the sender information sought).

import type { ReactNode } from 'react';
import type { Bilingual } from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';

export function Checks<T extends string>(props: {
  legend: string;
  /** The inputs' form name (and each one's value), when the form is read by name. */
  name?: string;
  options: readonly T[];
  labels: Record<T, Bilingual>;
  value: readonly T[];
  onToggle: (option: T, on: boolean) => void;
  /** What follows an option's label (a hint). */
  extra?: (option: T) => ReactNode;
}) {
  const { bi } = useI18n();
  return (
    <fieldset className="checks">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o}>
          <input
            type="checkbox"
            {...(props.name ? { name: props.name, value: o } : {})}
            checked={props.value.includes(o)}
            onChange={(e) => props.onToggle(o, e.target.checked)}
          />{' '}
          {bi(props.labels[o])}
          {props.extra && <> {props.extra(o)}</>}
        </label>
      ))}
    </fieldset>
  );
}
