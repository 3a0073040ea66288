import { z } from 'zod';
import { requireRecordsOwner } from '../attribution/attribution-service.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import type { Finding } from '../domain/finding.ts';
import { parseInstant } from '../domain/instant.ts';
import { TerminalTargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { getSetting, SETTINGS } from '../store/settings.ts';
import {
  cafeFileImported,
  countPastCutoff,
  deletePastCutoff,
  findIdChecks,
  findTerminalUse,
  holdsTerminalUse,
  insertIdChecks,
  insertTerminalUse,
  newestTerminalUse,
} from './cafe.repository.ts';
import { CAFE_RETENTION_YEARS, cafeFinding, cafeRetentionCutoff } from './cafe-findings.ts';
import { agentRequestsHolding, hubRequestsTo } from './cafe-holds.queries.ts';
import { agentHoldingRequest, type HeldTerminal, heldTerminals, hubHoldingRequest } from './cafe-holds.ts';
import { CAFE_RECORD_KINDS, parseIdChecks, parseTerminalUse } from './cafe-records.ts';
import { importOnce } from './record-file.ts';

// An internet café's own installation: the records Tokyo's ordinance requires (ID checks, terminal
// use), imported from its systems, kept three years from the end of the service and then purged,
// and café-records targets (terminal + period → member) answered from them with a verdict.

export const ImportCafeRecordsInput = z.strictObject({
  kind: z.enum(CAFE_RECORD_KINDS),
  file: z.strictObject({
    name: z.string().min(1).max(1000),
    content: z.string().max(500_000_000),
    format: z.enum(['csv', 'json']).optional(),
  }),
});

export interface CafeImportSummary {
  kind: (typeof CAFE_RECORD_KINDS)[number];
  file: string;
  sha256: string;
  records: number;
  alreadyImported: boolean;
}

/** Where each kind of a café's files is stored. */
const ID_CHECKS = {
  imported: (tx: Tx, sha256: string) => cafeFileImported(tx, 'cafe_id_checks', sha256),
  insert: insertIdChecks,
};
const TERMINAL_USE = {
  imported: (tx: Tx, sha256: string) => cafeFileImported(tx, 'cafe_terminal_use', sha256),
  insert: insertTerminalUse,
};

/**
 * Imports one export of ID checks or terminal use. Every record is checked first: one bad record
 * refuses the file naming each bad line, field and value, and nothing is stored. Needs
 * `attribution.import` and to be of the café the records belong to; audited with the file's hash.
 */
export async function importCafeRecords(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<CafeImportSummary> {
  requirePermission(caller, 'attribution.import');
  const { kind, file } = parseOrThrow(ImportCafeRecordsInput, raw);
  await requireRecordsOwner(uow, caller, true);
  const stored =
    kind === 'id-checks'
      ? await importOnce(uow, file, parseIdChecks(file), ID_CHECKS)
      : await importOnce(uow, file, parseTerminalUse(file), TERMINAL_USE);
  const summary: CafeImportSummary = { kind, file: file.name, ...stored };
  await uow.auditBy(caller, 'holders.cafe_imported', ['holders_file', summary.sha256], { ...summary });
  return summary;
}

/** Whether this installation holds café records at all (a café's installation). */
export async function holdsCafeRecords(uow: UnitOfWork): Promise<boolean> {
  return holdsTerminalUse(uow.tx);
}

/**
 * Who used a terminal over a period (`{ terminal, from, to }`, instants with offsets). A period wholly
 * beyond the three years is answered from what a request holds only. Audited: the terminal, the period
 * and the verdict with the number of candidates, never the member.
 */
export async function lookupTerminal(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<Finding> {
  requirePermission(caller, 'attribution.lookup');
  const fields = raw !== null && typeof raw === 'object' ? raw : {};
  const input = parseOrThrow(TerminalTargetSchema, { type: 'terminal', ...fields });
  await requireRecordsOwner(uow, caller, false);
  const from = parseInstant(input.from, 'from');
  const to = parseInstant(input.to, 'to');
  const cutoff = cafeRetentionCutoff(uow.now);
  // Wholly beyond the three years, only what a request holds is read (the rest is due for the purge).
  const heldOnly = to.epochMs >= cutoff.getTime() ? undefined : await cafeHolds(uow);
  const uses = await findTerminalUse(uow.tx, input.terminal, from.utc, to.utc, heldOnly);
  const checks = await findIdChecks(uow.tx, [...new Set(uses.map((u) => u.member))]);
  const newest = await newestTerminalUse(uow.tx);
  const finding = cafeFinding({ terminal: input.terminal, from, to }, { cutoff, newest }, uses, checks);
  await uow.auditBy(caller, 'holders.cafe_looked_up', ['terminal', input.terminal], {
    terminal: input.terminal,
    from: from.utc,
    to: to.utc,
    verdict: finding.verdict,
    candidates: finding.candidates.length,
  });
  return finding;
}

export const PurgeCafeRecordsInput = z.strictObject({ dryRun: z.boolean().default(false) });

export interface CafePurgeSummary {
  /** Records of services that ended before this instant are past their three years. */
  cutoff: string;
  years: number;
  terminalUse: number;
  idChecks: number;
  /** Terminal use past the three years kept because a request received here holds it. */
  held: number;
  /** The requests that keep some of it (their ids, and references for the officer to look up). */
  holdingRequests: { id: string; reference: string }[];
  dryRun: boolean;
}

/** The terminal use the requests received in this installation hold now (cafe-holds.ts). */
async function cafeHolds(uow: UnitOfWork): Promise<HeldTerminal[]> {
  const owner = await getSetting(uow.tx, SETTINGS.attributionOwner);
  const hub = owner === undefined ? [] : await hubRequestsTo(uow.tx, owner, uow.now.toISOString());
  const requests = [...hub.map(hubHoldingRequest), ...(await agentRequestsHolding(uow.tx)).map(agentHoldingRequest)];
  return heldTerminals(requests, uow.now);
}

/**
 * Purges what is past its three years: terminal use that ended before the cutoff, and ID checks older
 * than it of members with no later service — except what a request received here holds (an open
 * request about that terminal and period, or a running preservation: cafe-holds.ts), kept with its
 * members' ID checks. One audit entry with the cutoff, the counts and the holding requests (also for a
 * dry run, which changes nothing). Needs `attribution.import` and to be of the café.
 */
export async function purgeCafeRecords(uow: UnitOfWork, caller: Caller, raw: unknown = {}): Promise<CafePurgeSummary> {
  requirePermission(caller, 'attribution.import');
  const { dryRun } = parseOrThrow(PurgeCafeRecordsInput, raw);
  await requireRecordsOwner(uow, caller, false);
  const cutoff = cafeRetentionCutoff(uow.now).toISOString();
  const held = await cafeHolds(uow);
  const counts = dryRun ? await countPastCutoff(uow.tx, cutoff, held) : await deletePastCutoff(uow.tx, cutoff, held);
  const summary = { cutoff, years: CAFE_RETENTION_YEARS, ...counts, dryRun };
  await uow.auditBy(caller, 'holders.cafe_purged', ['cafe_records', null], { ...summary });
  return summary;
}
