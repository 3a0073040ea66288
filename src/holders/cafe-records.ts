import { ID_DOCUMENT_KINDS } from '../domain/vocabulary.ts';
import type { CafeIdCheckRow, CafeTerminalUseRow } from '../store/schema.ts';
import { FieldReader, type RecordFileInput, type RecordProblem, readRecords, sha256Of } from './record-file.ts';

// A café's exports: ID checks (member, document kind, checked at; the name, address and date of birth
// the document showed) and terminal use (terminal, member, entry and exit, each with its offset).

export const CAFE_RECORD_KINDS = ['id-checks', 'terminal-use'] as const;
export type CafeRecordKind = (typeof CAFE_RECORD_KINDS)[number];

export const ID_CHECK_COLUMNS = ['member', 'document_kind', 'checked_at', 'name', 'address', 'birth_date'] as const;
export const TERMINAL_USE_COLUMNS = ['terminal', 'member', 'entered_at', 'exited_at'] as const;

type Parsed<R> = { sha256: string; rows: Omit<R, 'imported_at'>[]; problems: RecordProblem[] };

function empty(file: RecordFileInput, problems: RecordProblem[], n: number): void {
  if (n === 0 && problems.length === 0) {
    problems.push({
      line: 0,
      field: '-',
      value: file.name,
      message: { ja: '記録が1件もありません', en: 'the file holds no record' },
    });
  }
}

export function parseIdChecks(file: RecordFileInput): Parsed<CafeIdCheckRow> {
  const sha256 = sha256Of(file.content);
  const { records, problems } = readRecords(file, ID_CHECK_COLUMNS, 'idChecks');
  const rows: Parsed<CafeIdCheckRow>['rows'] = [];
  for (const r of records) {
    const f = new FieldReader(r, problems);
    const before = problems.length;
    const member = f.text('member', 200, true);
    const kind = f.oneOf('document_kind', ID_DOCUMENT_KINDS);
    const at = f.instant('checked_at', true);
    const name = f.text('name', 300, false);
    const address = f.text('address', 1000, false);
    const birth = f.text('birth_date', 40, false);
    if (birth !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) {
      f.problem('birth_date', birth, { ja: '生年月日は YYYY-MM-DD で書きます', en: 'a date of birth is YYYY-MM-DD' });
    }
    if (problems.length > before || member === undefined || kind === undefined || at === undefined) continue;
    rows.push({
      id: `${sha256.slice(0, 24)}:${r.line}`,
      member,
      document_kind: kind,
      checked_at: at.utc,
      checked_offset: at.offsetMinutes,
      name: name ?? null,
      address: address ?? null,
      birth_date: birth ?? null,
      file_name: file.name,
      sha256,
      line: r.line,
    });
  }
  empty(file, problems, rows.length);
  return { sha256, rows, problems };
}

export function parseTerminalUse(file: RecordFileInput): Parsed<CafeTerminalUseRow> {
  const sha256 = sha256Of(file.content);
  const { records, problems } = readRecords(file, TERMINAL_USE_COLUMNS, 'terminalUse');
  const rows: Parsed<CafeTerminalUseRow>['rows'] = [];
  for (const r of records) {
    const f = new FieldReader(r, problems);
    const before = problems.length;
    const terminal = f.text('terminal', 100, true);
    const member = f.text('member', 200, true);
    const entered = f.instant('entered_at', true);
    const exited = f.instant('exited_at', true);
    if (entered && exited && exited.utc < entered.utc) {
      f.problem('exited_at', r.fields.exited_at, {
        ja: '退店時刻が入店時刻より前です',
        en: 'the exit is before the entry',
      });
    }
    if (problems.length > before || !terminal || !member || !entered || !exited) continue;
    rows.push({
      id: `${sha256.slice(0, 24)}:${r.line}`,
      terminal,
      member,
      entered_at: entered.utc,
      entered_offset: entered.offsetMinutes,
      exited_at: exited.utc,
      exited_offset: exited.offsetMinutes,
      file_name: file.name,
      sha256,
      line: r.line,
    });
  }
  empty(file, problems, rows.length);
  return { sha256, rows, problems };
}
