import { shownInput } from './shown-text.ts';
import { type DayOrInstant, readDayOrInstant } from './time.ts';
import type { Bilingual } from './vocabulary.ts';

// The dates a person types for a subscriber in an answer (the contract's first and last day, a date of birth):
// a day (`2026-01-15`) or an instant with its offset, as the documents print them with the era year — never
// "2026/13/01" or "そのうち". Pure, for the answer form in the browser: what a provider's own system sends (its
// records' words, its lookups' output) is not refused by it, and answers signed before are read as signed.

export const PERSON_DATE_FIELDS = ['contractStart', 'contractEnd', 'birthDate'] as const;
export type PersonDateField = (typeof PERSON_DATE_FIELDS)[number];

/** One date a person typed that is none, or an end before its start: the field and why, in both languages. */
export interface PersonDateProblem {
  field: PersonDateField;
  message: Bilingual;
}

/** The problems of a subscriber's typed dates (empty fields are not asked for here); none when all read. */
export function personDateProblems(person: Partial<Record<PersonDateField, string>>): PersonDateProblem[] {
  const out: PersonDateProblem[] = [];
  const read = new Map<PersonDateField, DayOrInstant>();
  for (const field of PERSON_DATE_FIELDS) {
    const v = person[field]?.trim();
    if (!v) continue;
    const d = readDayOrInstant(v);
    if (d) {
      read.set(field, d);
      continue;
    }
    const shown = shownInput(v);
    out.push({
      field,
      message: {
        ja: `「${shown}」は日付として読めません（例: 2026-01-15。時刻を含めるときは +09:00 などのオフセットを付けます）`,
        en: `"${shown}" is not a date (e.g. 2026-01-15; with a time of day, give its offset such as +09:00)`,
      },
    });
  }
  // an end before its start, where both are written alike (two days, or two instants)
  const [a, b] = [read.get('contractStart'), read.get('contractEnd')];
  const before =
    a?.kind === 'day' && b?.kind === 'day'
      ? b.day < a.day
      : a?.kind === 'instant' && b?.kind === 'instant' && b.at.epochMs < a.at.epochMs;
  if (before) {
    const start = shownInput(person.contractStart?.trim() ?? '');
    out.push({
      field: 'contractEnd',
      message: { ja: `契約開始日（${start}）より前です`, en: `it is before the contract start (${start})` },
    });
  }
  return out;
}

/**
 * A date that gives a time of day but reads as neither a day nor an instant: its offset is missing. The time of
 * day in any form a person writes it: `09:00`, `T0900`, full-width (`０９：００`, read as NFKC), `9時`.
 */
export function isTimeWithoutOffset(value: string): boolean {
  const v = value.trim().normalize('NFKC');
  const timeOfDay = /\d{1,2}:\d{2}/.test(v) || /\dT\d{4}/i.test(v) || /\d{1,2}\s*時/.test(v);
  return /\d{4}/.test(v) && timeOfDay && readDayOrInstant(value.trim()) === null;
}
