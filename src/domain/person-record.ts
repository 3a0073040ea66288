import { DomainError } from './errors.ts';
import { shownInput } from './shown-text.ts';
import { DAY_PATTERN, formatDay, parseIsoInstant, TimeError } from './time.ts';

// What a provider writes of a person in an answer (the subscriber, a finding's candidate) is its record, worded
// as its records word it — a name, an address — but a date, a telephone number or an e-mail address is one the
// next request may name and a document prints: an answer being made gives them as what they are, or is refused
// naming the field and the value. Answers signed before are read as they were signed.

interface PersonDates {
  phone?: string | undefined;
  email?: string | undefined;
  contractStart?: string | undefined;
  contractEnd?: string | undefined;
  birthDate?: string | undefined;
}

const LABELS = {
  phone: { ja: '電話番号', en: 'the telephone number' },
  email: { ja: 'メールアドレス', en: 'the e-mail address' },
  contractStart: { ja: '契約開始日', en: 'the contract start' },
  contractEnd: { ja: '契約終了日', en: 'the contract end' },
  birthDate: { ja: '生年月日', en: 'the date of birth' },
} as const;

/** Digits, with the marks numbers are written with (+, -, parentheses, spaces), full-width or not. */
const PHONE = /^[+＋]?[0-9０-９()（）\-‐－―ー\s]+$/u;
const PHONE_DIGITS = /[0-9０-９]/gu;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/u;

function refuse(path: string, key: keyof typeof LABELS, value: string, ja: string, en: string): never {
  const l = LABELS[key];
  throw new DomainError(
    'VALIDATION_FAILED',
    { ja: `${l.ja}「${shownInput(value)}」${ja}`, en: `${l.en} "${shownInput(value)}" ${en}` },
    { field: `${path}.${key}`, value },
  );
}

/** A day (`2026-01-15`) as its epoch ms at noon UTC, an instant with its offset as itself; null: neither. */
function dateValue(value: string): number | null {
  const v = value.trim();
  if (DAY_PATTERN.test(v)) return formatDay(v, 'en') === null ? null : Date.parse(`${v}T12:00:00Z`);
  try {
    return parseIsoInstant(v).epochMs;
  } catch (err) {
    if (err instanceof TimeError) return null;
    throw err;
  }
}

/**
 * Checks the dates, telephone number and e-mail address of a person an answer being made names (`path`: the
 * person's place in the answer, as the refusal names the field).
 */
export function checkPersonRecord(person: PersonDates, path: string): void {
  for (const key of ['contractStart', 'contractEnd', 'birthDate'] as const) {
    const v = person[key];
    if (v !== undefined && v.trim() !== '' && dateValue(v) === null) {
      refuse(
        path,
        key,
        v,
        'は日付として読めません（例: 2026-01-15。時刻を含めるときは +09:00 などのオフセットを付けます）',
        'is not a date (e.g. 2026-01-15; with a time of day, give its offset such as +09:00)',
      );
    }
  }
  const { contractStart: from, contractEnd: to } = person;
  if (from?.trim() && to?.trim()) {
    const [a, b] = [dateValue(from), dateValue(to)];
    if (a !== null && b !== null && b < a) {
      refuse(path, 'contractEnd', to, `は契約開始日（${shownInput(from)}）より前です`, `is before the start (${from})`);
    }
  }
  const phone = person.phone?.trim();
  if (phone && (!PHONE.test(phone) || (phone.match(PHONE_DIGITS)?.length ?? 0) < 3)) {
    refuse(
      path,
      'phone',
      phone,
      'は電話番号として読めません（数字と + - ( ) で書きます）',
      'is not a telephone number (digits, with + - ( ) if any)',
    );
  }
  const email = person.email?.trim();
  if (email && !EMAIL.test(email)) {
    refuse(
      path,
      'email',
      email,
      'はメールアドレスとして読めません（例: name@example.jp）',
      'is not an e-mail address (e.g. name@example.jp)',
    );
  }
}
