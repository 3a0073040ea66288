import { ID_DOCUMENT_KINDS } from '../domain/vocabulary.ts';
import type { CafeIdCheckRow, CafeTerminalUseRow } from '../store/schema.ts';
import { type OwnColumns, type ParsedRecords, parseRecordFile, type RecordFileInput } from './record-file.ts';

// A café's exports: ID checks (member, document kind, checked at; the name, address and date of birth
// the document showed) and terminal use (terminal, member, entry and exit, each with its offset).

export const CAFE_RECORD_KINDS = ['id-checks', 'terminal-use'] as const;
export type CafeRecordKind = (typeof CAFE_RECORD_KINDS)[number];

export const ID_CHECK_COLUMNS = ['member', 'document_kind', 'checked_at', 'name', 'address', 'birth_date'] as const;
export const TERMINAL_USE_COLUMNS = ['terminal', 'member', 'entered_at', 'exited_at'] as const;

const NO_RECORD = { ja: '記録が1件もありません', en: 'the file holds no record' };

export function parseIdChecks(file: RecordFileInput): ParsedRecords<OwnColumns<CafeIdCheckRow>> {
  const format = { columns: ID_CHECK_COLUMNS, arrayKey: 'idChecks', none: NO_RECORD };
  return parseRecordFile(file, format, (f) => {
    const member = f.text('member', 200, true);
    const kind = f.oneOf('document_kind', ID_DOCUMENT_KINDS);
    const at = f.instant('checked_at', true);
    const name = f.text('name', 300, false);
    const address = f.text('address', 1000, false);
    const birth = f.text('birth_date', 40, false);
    if (birth !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) {
      f.problem('birth_date', birth, { ja: '生年月日は YYYY-MM-DD で書きます', en: 'a date of birth is YYYY-MM-DD' });
    }
    if (member === undefined || kind === undefined || at === undefined) return undefined;
    return {
      member,
      document_kind: kind,
      checked_at: at.utc,
      checked_offset: at.offsetMinutes,
      name: name ?? null,
      address: address ?? null,
      birth_date: birth ?? null,
    };
  });
}

export function parseTerminalUse(file: RecordFileInput): ParsedRecords<OwnColumns<CafeTerminalUseRow>> {
  const format = { columns: TERMINAL_USE_COLUMNS, arrayKey: 'terminalUse', none: NO_RECORD };
  return parseRecordFile(file, format, (f, r) => {
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
    if (!terminal || !member || !entered || !exited) return undefined;
    return {
      terminal,
      member,
      entered_at: entered.utc,
      entered_offset: entered.offsetMinutes,
      exited_at: exited.utc,
      exited_offset: exited.offsetMinutes,
    };
  });
}
