import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import { notJson } from '../domain/json-keys.ts';
import { canonicalIpAddress } from '../domain/targets.ts';
import type { Bilingual, Locale } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { keyTwiceInJson, refuseColumnTwice } from './record-twice.ts';

// The files a holder exports from its own systems (a board's post log, a café's ID checks and
// terminal use): CSV with a header line, or JSON (an array of objects, or an object holding one).
// Every record is checked before anything is stored; one bad record refuses the whole file with
// every problem named by line (CSV: the line in the file; JSON: the record's number), field and value.

export type RecordFormat = 'csv' | 'json';

/** One record of the file: its line (CSV) or number (JSON, from 1), and its fields by column name. */
export interface RawRecord {
  line: number;
  fields: Record<string, unknown>;
}

export interface RecordProblem {
  line: number;
  field: string;
  value: unknown;
  message: Bilingual;
}

/** The file as the caller read it: a name for the audit and the problems, and its text. */
export interface RecordFileInput {
  name: string;
  content: string;
  format?: RecordFormat;
}

export function sha256Of(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function formatOf(file: RecordFileInput): RecordFormat {
  if (file.format) return file.format;
  if (/\.json$/i.test(file.name)) return 'json';
  if (/\.csv$/i.test(file.name)) return 'csv';
  const first = file.content.trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines); null when a quote is not closed. */
function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) return null;
  out.push(cur);
  return out;
}

/**
 * The records of a file, or a DomainError naming the first thing that makes the file unreadable as a
 * whole (no header, unknown column, a line with the wrong number of fields is a record problem).
 */
export function readRecords(
  file: RecordFileInput,
  columns: readonly string[],
  arrayKey: string,
): { records: RawRecord[]; problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const records: RawRecord[] = [];
  if (formatOf(file) === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.content);
    } catch (e) {
      // The parser's own English is not repeated: where it stopped, or what it did not expect, in words.
      throw new DomainError(
        'VALIDATION_FAILED',
        notJson({ ja: `ファイル ${file.name}`, en: `the file ${file.name}` }, file.content, e),
        { field: 'file', value: file.name },
      );
    }
    const twice = keyTwiceInJson(file.content, parsed);
    if (twice) problems.push(twice);
    const list = Array.isArray(parsed)
      ? parsed
      : parsed !== null && typeof parsed === 'object'
        ? (parsed as Record<string, unknown>)[arrayKey]
        : undefined;
    if (!Array.isArray(list)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `${file.name}: JSON は配列か、"${arrayKey}" に配列を持つオブジェクトでなければなりません`,
          en: `${file.name}: the JSON must be an array, or an object whose "${arrayKey}" is an array`,
        },
        { field: 'file', value: file.name },
      );
    }
    list.forEach((r, i) => {
      if (r === null || typeof r !== 'object' || Array.isArray(r)) {
        problems.push({
          line: i + 1,
          field: '-',
          value: r,
          message: { ja: 'オブジェクトではありません', en: 'not an object' },
        });
        return;
      }
      const fields = r as Record<string, unknown>;
      for (const k of Object.keys(fields)) {
        if (!columns.includes(k)) {
          problems.push({
            line: i + 1,
            field: k,
            value: fields[k],
            message: {
              ja: `不明な項目です（使える項目: ${columns.join(', ')}）`,
              en: `unknown field (fields: ${columns.join(', ')})`,
            },
          });
        }
      }
      records.push({ line: i + 1, fields });
    });
    return { records, problems };
  }
  const lines = file.content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = headerAt < 0 ? null : splitCsvLine(lines[headerAt] ?? '');
  if (header === null) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `${file.name}: 見出し行がありません`, en: `${file.name}: no header line` },
      { field: 'file', value: file.name },
    );
  }
  const names = header.map((h) => h.trim().toLowerCase());
  refuseColumnTwice(names, `${file.name}:${headerAt + 1}`);
  names.forEach((n) => {
    if (!columns.includes(n)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `${file.name}:${headerAt + 1}: 不明な列 "${n}" です（使える列: ${columns.join(', ')}）`,
          en: `${file.name}:${headerAt + 1}: unknown column "${n}" (columns: ${columns.join(', ')})`,
        },
        { field: 'header', value: n },
      );
    }
  });
  for (let i = headerAt + 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '') continue;
    const cells = splitCsvLine(text);
    if (cells === null || cells.length !== names.length) {
      problems.push({
        line: i + 1,
        field: '-',
        value: text,
        message: {
          ja: `列の数が見出しと合いません（${names.length} 列のはず）`,
          en: `the number of fields does not match the header (${names.length} expected)`,
        },
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    names.forEach((n, j) => {
      const v = (cells[j] ?? '').trim();
      if (v !== '') fields[n] = v;
    });
    records.push({ line: i + 1, fields });
  }
  return { records, problems };
}

/** What every stored record keeps of where it came from: its file, the file's hash and its line. */
export interface RecordSource {
  id: string;
  file_name: string;
  sha256: string;
  line: number;
}

/** A stored record's own columns: what its file says, without its source and the instant of the import. */
export type OwnColumns<Row> = Omit<Row, keyof RecordSource | 'imported_at'>;

/** A file read into rows to store (before the instant of the import), with every problem found. */
export interface ParsedRecords<R> {
  sha256: string;
  rows: (R & RecordSource)[];
  problems: RecordProblem[];
}

/**
 * Reads a holder's export: `read` checks one record through its field reader and gives the record's own
 * columns (undefined when it cannot); each row keeps its source. A file with neither a record nor a
 * problem is itself a problem, `none` saying what it lacks.
 */
export function parseRecordFile<R>(
  file: RecordFileInput,
  format: { columns: readonly string[]; arrayKey: string; none: Bilingual },
  read: (f: FieldReader, r: RawRecord) => R | undefined,
): ParsedRecords<R> {
  const sha256 = sha256Of(file.content);
  const { records, problems } = readRecords(file, format.columns, format.arrayKey);
  const rows: ParsedRecords<R>['rows'] = [];
  for (const r of records) {
    const f = new FieldReader(r, problems);
    const row = read(f, r);
    if (!f.clean || row === undefined) continue;
    rows.push({ id: `${sha256.slice(0, 24)}:${r.line}`, ...row, file_name: file.name, sha256, line: r.line });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push({ line: 0, field: '-', value: file.name, message: format.none });
  }
  return { sha256, rows, problems };
}

/** Where a file's rows are stored: whether the same content was imported before, and the insert. */
export interface RecordTable<R> {
  imported(tx: Tx, sha256: string): Promise<boolean>;
  insert(tx: Tx, rows: (R & RecordSource & { imported_at: string })[]): Promise<void>;
}

/**
 * Stores a file's rows once, each stamped with the instant of the import: a file with any problem is
 * refused whole (nothing stored), and the same content imported again adds nothing.
 */
export async function importOnce<R>(
  uow: UnitOfWork,
  file: RecordFileInput,
  parsed: ParsedRecords<R>,
  table: RecordTable<R>,
): Promise<{ sha256: string; records: number; alreadyImported: boolean }> {
  refuseIfProblems(file.name, parsed.problems);
  const alreadyImported = await table.imported(uow.tx, parsed.sha256);
  if (!alreadyImported) {
    const at = uow.now.toISOString();
    await table.insert(
      uow.tx,
      parsed.rows.map((r) => ({ ...r, imported_at: at })),
    );
  }
  return { sha256: parsed.sha256, records: parsed.rows.length, alreadyImported };
}

/** Refuses a file with problems: nothing of it is stored. */
export function refuseIfProblems(fileName: string, problems: RecordProblem[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20);
  const text = (lang: Locale) =>
    shown.map((p) => `${fileName}:${p.line}: ${p.field} = ${JSON.stringify(p.value)}: ${p.message[lang]}`).join('\n');
  const more = problems.length - shown.length;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `${fileName}: ${problems.length} 件の不正な行があるため、何も取り込みませんでした\n${text('ja')}${more > 0 ? `\n…ほか ${more} 件` : ''}`,
      en:
        `${fileName}: ${problems.length} bad record(s); ` +
        `nothing was imported\n${text('en')}${more > 0 ? `\n… and ${more} more` : ''}`,
    },
    {
      field: `${fileName}:${problems[0]?.line}:${problems[0]?.field}`,
      value: problems[0]?.value,
      problems: problems
        .slice(0, 100)
        .map((p) => ({ line: p.line, field: p.field, value: p.value, message: p.message })),
    },
  );
}

/** A field reader for one record that collects problems instead of throwing. */
export class FieldReader {
  private readonly record: RawRecord;
  private readonly problems: RecordProblem[];
  private readonly before: number;
  constructor(record: RawRecord, problems: RecordProblem[]) {
    this.record = record;
    this.problems = problems;
    this.before = problems.length;
  }

  /** Whether this record has shown no problem so far. */
  get clean(): boolean {
    return this.problems.length === this.before;
  }

  private bad(field: string, value: unknown, ja: string, en: string): undefined {
    this.problems.push({ line: this.record.line, field, value, message: { ja, en } });
    return undefined;
  }

  private raw(field: string): unknown {
    return this.record.fields[field];
  }

  text(field: string, max: number, required: boolean): string | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      return required ? this.bad(field, v ?? '', '必須の項目が空です', 'a required field is empty') : undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') return this.bad(field, v, '文字列ではありません', 'not text');
    const s = String(v).trim();
    if (s.length > max) return this.bad(field, s, `${max} 文字を超えています`, `longer than ${max} characters`);
    return s;
  }

  /** An instant WITH an offset: its UTC text and the offset it was written with. */
  instant(field: string, required: boolean): { utc: string; offsetMinutes: number } | undefined {
    const s = this.text(field, 100, required);
    if (s === undefined) return undefined;
    try {
      const p = parseInstant(s, field);
      return { utc: p.utc, offsetMinutes: p.offsetMinutes };
    } catch {
      return this.bad(
        field,
        s,
        '日時には UTC からの時差（+09:00 や Z）が必要です（ISO 8601）',
        'a time needs its UTC offset (+09:00 or Z), ISO 8601',
      );
    }
  }

  address(field: string, required: boolean): string | undefined {
    const s = this.text(field, 100, required);
    if (s === undefined) return undefined;
    const a = canonicalIpAddress(s);
    return typeof a === 'string' ? a : this.bad(field, s, a.ja, a.en);
  }

  port(field: string): number | undefined {
    const v = this.raw(field);
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,5}$/.test(v.trim()) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      return this.bad(field, v, 'ポートは 0〜65535 の整数です', 'a port is an integer 0–65535');
    }
    return n;
  }

  oneOf<T extends string>(field: string, list: readonly T[]): T | undefined {
    const s = this.text(field, 100, true);
    if (s === undefined) return undefined;
    if ((list as readonly string[]).includes(s)) return s as T;
    return this.bad(field, s, `次のいずれかです: ${list.join(', ')}`, `one of: ${list.join(', ')}`);
  }

  url(field: string, required: boolean): string | undefined {
    const s = this.text(field, 4096, required);
    if (s === undefined) return undefined;
    const u = normaliseUrl(s);
    return u ?? this.bad(field, s, 'http または https の URL ではありません', 'not an http or https URL');
  }

  problem(field: string, value: unknown, message: Bilingual): void {
    this.problems.push({ line: this.record.line, field, value, message });
  }
}

/**
 * A URL as posts are matched by it: the scheme and host lower-cased (the URL parser's form), the
 * rest as written. Null when it is not an http(s) URL.
 */
export function normaliseUrl(value: string): string | null {
  if (/\s/.test(value) || !URL.canParse(value)) return null;
  const u = new URL(value);
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return null;
  return u.href;
}
