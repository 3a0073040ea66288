// IP registry use cases under the application context: imports and lookups are checked against the
// permission table and audited in the main store's log, like every other read and change.
import { cidrsDeclaredSince, listProviderNetworks } from '../../directory/networks.ts';
import { type Caller, requirePermission } from '../../domain/access.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { EvidenceInputError } from '../messages.ts';
import { parseRegistryFile } from './import.ts';
import { type AddressLookup, lookupAddresses } from './lookup.ts';
import { type ImportSummary, importParsed, storedStatistics } from './registry.repository.ts';
import { loadRegistryTableWithReport, saveRegistrySnapshot } from './registry-index.ts';
import { firstReasons, type ParsedRegistryFile, type RegistrySource } from './types.ts';

/** Addresses named in one audit entry at most (the count is always recorded). */
const AUDITED_ADDRESSES = 100;

export interface RegistryFileInput {
  name: string;
  content: Uint8Array;
}

/**
 * Imports registry files (format given or detected). Every file is parsed before anything is stored,
 * so a file that cannot be read leaves the store as it was; the files commit together with one audit
 * entry naming each file, its hash and counts. The saved index is invalidated (refresh it afterwards).
 */
export async function importRegistry(
  uow: UnitOfWork,
  caller: Caller,
  input: { files: RegistryFileInput[]; format?: RegistrySource['format'] },
): Promise<ImportSummary[]> {
  requirePermission(caller, 'registry.import');
  const parsed = input.files.map((f) => ({
    ...f,
    parsed: parseRegistryFile(Buffer.from(f.content).toString('utf8'), input.format, f.name),
  }));
  for (const f of parsed) {
    requireSomethingRead(f.name, f.parsed);
    await refuseOlderStatistics(uow, f.name, f.parsed);
  }
  const summaries: ImportSummary[] = [];
  for (const f of parsed) summaries.push(await importParsed(uow.tx, uow.dialect, f.name, f.content, f.parsed, uow.now));
  await uow.auditBy(caller, 'registry.imported', ['registry', null], {
    files: summaries.map((s) => ({
      file: s.file,
      sha256: s.sha256,
      format: s.format,
      registry: s.registry,
      dataDate: s.dataDate,
      ranges: s.ranges,
      asns: s.asns,
      skipped: s.skipped,
      replacedSources: s.replacedSources,
    })),
  });
  return summaries;
}

/**
 * A file of which nothing at all was read (an empty file, or one of another format than given) would
 * replace what the store holds from the same file or registry with nothing: refused, naming it.
 */
function requireSomethingRead(name: string, parsed: ParsedRegistryFile): void {
  if (parsed.ranges.length > 0 || parsed.asns.length > 0) return;
  const { format, skipped } = parsed;
  throw new EvidenceInputError({
    code: 'REGISTRY_NOTHING_READ',
    en:
      `${name}: no range or AS number could be read as ${format} ` +
      `(${skipped} part(s) skipped${firstReasons(parsed.problems, 'en')}); ` +
      'check --format. Nothing was imported.',
    ja:
      `${name}: ${format} として読めるアドレス範囲も AS 番号もありません（読み飛ばし ${skipped} 件${firstReasons(parsed.problems, 'ja')}）。` +
      '--format を確かめてください。何も取り込んでいません。',
  });
}

/**
 * A registry's delegated statistics replace the ones stored for it, so an older file would put older
 * data in the place of newer: refused, naming both dates (a file of the same date is taken again).
 */
async function refuseOlderStatistics(uow: UnitOfWork, name: string, parsed: ParsedRegistryFile): Promise<void> {
  if (parsed.format !== 'delegated' || parsed.registry === null || parsed.dataDate === null) return;
  const stored = await storedStatistics(uow.tx, parsed.registry);
  if (stored?.dataDate == null || stored.dataDate <= parsed.dataDate) return;
  const { registry, dataDate } = parsed;
  throw new EvidenceInputError({
    code: 'REGISTRY_OLDER_STATISTICS',
    en:
      `${name}: ${registry}'s statistics of ${dataDate} are older than those stored (${stored.dataDate}, from ` +
      `${stored.fileName}); nothing was imported.`,
    ja:
      `${name}: ${registry} の ${dataDate} 時点の統計は、保存済みのもの（${stored.dataDate} 時点、` +
      `${stored.fileName}）より古いため、何も取り込んでいません。`,
  });
}

/**
 * Looks up addresses: registry, country, holder, abuse contact and the provider to ask (joined with
 * the directory's network declarations). The index is read in the unit of work (from its snapshot,
 * or rebuilt from the rows when `snapshot` is false or the snapshot is stale; a rebuilt index is
 * saved once the unit has committed, unless `snapshot` is false).
 */
export async function lookupRegistry(
  uow: UnitOfWork,
  caller: Caller,
  input: { addresses: readonly string[]; snapshot?: boolean },
): Promise<AddressLookup[]> {
  requirePermission(caller, 'registry.lookup');
  const useSnapshot = input.snapshot !== false;
  const report = await loadRegistryTableWithReport(
    { db: uow.tx, dialect: uow.dialect },
    { snapshot: useSnapshot, save: false },
  );
  if (report.from === 'rows' && useSnapshot) {
    uow.afterCommit(async () => {
      await saveRegistrySnapshot(uow.ctx.store, report.table, report.fingerprint);
    });
  }
  const declaredSince = await cidrsDeclaredSince(uow.tx);
  const results = lookupAddresses(report.table, input.addresses, await listProviderNetworks(uow.tx), {
    declaredSince,
  });
  const single = input.addresses.length === 1 ? (input.addresses[0] ?? null) : null;
  await uow.auditBy(caller, 'registry.looked_up', ['address', single], {
    addresses: input.addresses.slice(0, AUDITED_ADDRESSES),
    count: input.addresses.length,
  });
  return results;
}
