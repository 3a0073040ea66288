import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { importPostLog } from '../holders/board-service.ts';
import { CAFE_RECORD_KINDS } from '../holders/cafe-records.ts';
import { importCafeRecords } from '../holders/cafe-service.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { type RecordsAuditRow, recordsAuditEntries } from './records.repository.ts';

// The holder's records in the installation's pages: a board's post log or a café's ID checks and
// terminal use, imported from a file the officer uploads, and the café's purge. The holders' own use
// cases do the work (the same parsing, checks and audit entries as `shokai board import` and `shokai
// cafe import|purge`: one bad record and nothing is stored); this adds only what the pages show.
// Who may: `attribution.import`, i.e. a reviewer added with `--records` (the provider's operator role).

export const RECORD_FILE_KINDS = ['posts', ...CAFE_RECORD_KINDS] as const;
export type RecordFileKind = (typeof RECORD_FILE_KINDS)[number];

/** The largest file the pages take (a larger export goes through `shokai board|cafe import`). */
export const MAX_RECORDS_FILE_BYTES = 32 * 1024 * 1024;

const ImportInput = z.strictObject({
  kind: z.enum(RECORD_FILE_KINDS),
  name: z.string().min(1).max(1000),
  content: z.string(),
});

/** What an import did: rows taken in, and rows already there (the same file imported before). */
export interface RecordsImportResult {
  kind: RecordFileKind;
  file: string;
  sha256: string;
  taken: number;
  present: number;
}

const counted = (records: number, alreadyImported: boolean) =>
  alreadyImported ? { taken: 0, present: records } : { taken: records, present: 0 };

/** Imports one uploaded file with the holders' use case for its kind (all or nothing, audited there). */
export async function importRecordsFile(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<RecordsImportResult> {
  requirePermission(caller, 'attribution.import');
  const { kind, name, content } = parseOrThrow(ImportInput, raw);
  const file = { name, content };
  if (kind === 'posts') {
    const r = await importPostLog(uow, caller, { file });
    return { kind, file: r.file, sha256: r.sha256, ...counted(r.posts, r.alreadyImported) };
  }
  const r = await importCafeRecords(uow, caller, { kind, file });
  return { kind, file: r.file, sha256: r.sha256, ...counted(r.records, r.alreadyImported) };
}

/** A file nobody chose. */
export function noRecordsFile(): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    { ja: '取り込むファイルを選んでください', en: 'choose the file to import' },
    { field: 'file' },
  );
}

/** A file over the pages' limit: refused before it is read; nothing is stored. */
export function recordsFileTooLarge(): DomainError {
  const mib = MAX_RECORDS_FILE_BYTES / 1024 / 1024;
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    {
      ja: `ファイルが ${mib} MiB を超えています。何も取り込んでいません。大きなファイルはコマンド（shokai board import / shokai cafe import）で取り込んでください`,
      en:
        `the file is over ${mib} MiB; nothing was imported. ` +
        'Import a larger file on the command line (shokai board import / shokai cafe import)',
    },
    { field: 'file', limit: MAX_RECORDS_FILE_BYTES },
  );
}

/** One line of the history: an import (its file, hash and counts) or a purge (its cutoff and counts). */
export type RecordsHistoryEntry = {
  at: string;
  /** The reviewer who acted in the pages, or null for the installation's operator on the command line. */
  by: string | null;
} & (
  | { what: RecordFileKind; file: string; sha256: string; taken: number; present: number }
  | { what: 'purge'; cutoff: string; terminalUse: number; idChecks: number; dryRun: boolean }
);

const Imported = z.object({
  kind: z.enum(CAFE_RECORD_KINDS).optional(),
  file: z.string(),
  sha256: z.string(),
  posts: z.number().optional(),
  records: z.number().optional(),
  alreadyImported: z.boolean(),
});
const Purged = z.object({ cutoff: z.string(), terminalUse: z.number(), idChecks: z.number(), dryRun: z.boolean() });

function historyEntry(r: RecordsAuditRow): RecordsHistoryEntry | null {
  const by = r.actorType === 'system' ? null : (r.actorId ?? '').replace(/^reviewer:/, '');
  if (r.action === 'holders.cafe_purged') {
    const d = Purged.safeParse(r.details);
    return d.success ? { at: r.at, by, what: 'purge', ...d.data } : null;
  }
  const d = Imported.safeParse(r.details);
  if (!d.success) return null;
  const what = r.action === 'holders.posts_imported' ? 'posts' : d.data.kind;
  if (what === undefined) return null;
  const n = d.data.posts ?? d.data.records ?? 0;
  return { at: r.at, by, what, file: d.data.file, sha256: d.data.sha256, ...counted(n, d.data.alreadyImported) };
}

/** The latest imports and purges (the 100 newest), from the installation's audit log. */
export async function recordsHistory(uow: UnitOfWork, caller: Caller): Promise<RecordsHistoryEntry[]> {
  requirePermission(caller, 'attribution.import');
  const rows = await recordsAuditEntries(uow.tx, 100);
  return rows.map(historyEntry).filter((e) => e !== null);
}
