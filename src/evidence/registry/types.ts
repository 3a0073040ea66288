import { DAY_MS, daysInMonth, HOUR_MS } from '../../domain/time.ts';
import type { Bilingual } from '../../domain/vocabulary.ts';

/**
 * `YYYY-MM-DD` when the year, month and day written are a calendar day, else null. A record's date
 * that is not a date must not count as one: as text it would sort after every real date (and win a
 * tie as "the newer record"), and it cannot be compared with the instant asked about.
 */
export function registryDay(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (!/^\d{4}$/.test(y) || !/^\d{2}$/.test(m) || !/^\d{2}$/.test(d)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${y}-${m}-${d}`;
}

/** A record's date that is an instant: UTC with milliseconds, as RDAP's `eventDate` is kept. */
const RECORD_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RECORD_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The first and the last millisecond (UTC epoch, both included) a record's date may stand for. An
 * instant (RDAP, written with its offset and kept in UTC) is itself. A day (delegated statistics,
 * JPNIC WHOIS, and RDAP records stored before instants were kept) is a day in a zone the data does not
 * state, so in any zone from UTC+14 to UTC−12: from its start at +14:00 to its end at −12:00. Null for
 * text that is neither.
 */
export function recordDateSpan(date: string): { first: number; last: number } | null {
  if (RECORD_INSTANT.test(date)) {
    const t = Date.parse(date);
    return Number.isNaN(t) ? null : { first: t, last: t };
  }
  if (!RECORD_DAY.test(date)) return null;
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnightUtc)) return null;
  return { first: midnightUtc - 14 * HOUR_MS, last: midnightUtc + DAY_MS + 12 * HOUR_MS - 1 };
}

/** Whether a record's date is an instant (not a day in an unstated zone). */
export function isRecordInstant(date: string): boolean {
  return RECORD_INSTANT.test(date);
}

/**
 * The reason given when a prefix in registry data has bits set after its length (`2001:db8::1|32`,
 * JPNIC `192.0.2.77/24`): the record is kept as the block `block` (refusing it would lose the registry's
 * record), and the reason names the line, the value and the block it was read as.
 */
export function misaligned(line: number, written: string, block: string): Bilingual {
  return {
    ja: `${line} 行目: "${written.trim()}" は長さより後のビットが 0 ではありません。${block} として取り込みました`,
    en: `line ${line}: "${written.trim()}" has bits set after its length; it was read as ${block}`,
  };
}

/** The reason given when a record's date is dropped (the record itself is kept). */
export function notADate(text: string): Bilingual {
  return {
    ja: `日付 "${text}" は暦の上の日付ではありません。日付なしとして取り込みました`,
    en: `the date "${text}" is not a calendar date; the record was kept without a date`,
  };
}
/** The registry files the import reads: an RIR's delegated statistics, RDAP answers, JPNIC WHOIS. */
export const REGISTRY_FORMATS = ['delegated', 'rdap', 'jpnic'] as const;

/** Where a fact came from: the imported file and when. */
export interface RegistrySource {
  format: (typeof REGISTRY_FORMATS)[number];
  file: string;
  sha256: string;
  /** The date the data itself states (delegated header end date, RDAP/WHOIS last update). */
  dataDate: string | null;
  importedAt: string;
}

/** One range from registry data, with inclusive bounds as BigInt (IPv4 in the low 32 bits). */
export interface RegistryRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
  registry: string | null;
  country: string | null;
  status: string | null;
  holder: string | null;
  handle: string | null;
  abuse: string | null;
  asns: number[];
  opaqueId: string | null;
  /**
   * The record's own date (allocation date, last change): an instant in UTC with milliseconds when the
   * data gives one with its offset (RDAP), else a day `YYYY-MM-DD` in the registry's unstated zone
   * (`recordDateSpan`).
   */
  recordDate: string | null;
  /**
   * When the registry registered the record (RDAP `registration` event; same form as `recordDate`), kept
   * apart because the last change moves on any contact edit. Absent or null: not given (other formats,
   * ranges stored before migration 076).
   */
  registeredDate?: string | null | undefined;
}

export interface RegistryAsnBlock {
  registry: string;
  country: string | null;
  first: number;
  count: number;
  opaqueId: string | null;
}

export interface ParsedRegistryFile {
  format: RegistrySource['format'];
  /** The RIR the file says it is from (delegated files), if any. */
  registry: string | null;
  dataDate: string | null;
  ranges: RegistryRange[];
  asns: RegistryAsnBlock[];
  /** Lines or objects skipped (with a reason or not: unassigned space is skipped by design). */
  skipped: number;
  /** Why, each naming its line or object: the first MAX_PROBLEMS reasons. */
  problems: Bilingual[];
  /** Reasons past the first MAX_PROBLEMS, counted but not kept. */
  problemsNotKept: number;
}

/** How many of a file's problems are kept (the count of what was skipped is always whole). */
export const MAX_PROBLEMS = 20;

/** A file's reasons for skipping: the first MAX_PROBLEMS kept, the rest counted. */
export class Problems {
  readonly kept: Bilingual[] = [];
  notKept = 0;
  add(reason: Bilingual): void {
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(reason);
    else this.notKept++;
  }
  /** The two fields of a parsed file that carry them. */
  fields(): Pick<ParsedRegistryFile, 'problems' | 'problemsNotKept'> {
    return { problems: this.kept, problemsNotKept: this.notKept };
  }
}

/**
 * The first three reasons a file was skipped, after a separator, in one language ('' when none): what a
 * refusal of a file of which nothing was read quotes, since they often show it is of another format.
 */
export function firstReasons(problems: readonly Bilingual[], lang: 'ja' | 'en'): string {
  const first = problems.slice(0, 3);
  if (first.length === 0) return '';
  return `${lang === 'ja' ? '、' : ': '}${first.map((p) => p[lang]).join(lang === 'ja' ? '／' : '; ')}`;
}

export const V4_MAX = 0xffffffffn;
