// IP registry use cases under the application context: imports and lookups are checked against the
// permission table and audited in the main store's log, like every other read and change.
import { listProviderNetworks } from '../../directory/networks.ts';
import { type Caller, requirePermission } from '../../domain/access.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { parseRegistryFile } from './import.ts';
import { type AddressLookup, lookupAddresses } from './lookup.ts';
import { type ImportSummary, importParsed } from './registry.repository.ts';
import { loadRegistryTableWithReport, saveRegistrySnapshot } from './registry-index.ts';
import type { RegistrySource } from './types.ts';

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
    parsed: parseRegistryFile(Buffer.from(f.content).toString('utf8'), input.format),
  }));
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
  const results = lookupAddresses(report.table, input.addresses, await listProviderNetworks(uow.tx));
  const single = input.addresses.length === 1 ? (input.addresses[0] ?? null) : null;
  await uow.auditBy(caller, 'registry.looked_up', ['address', single], {
    addresses: input.addresses.slice(0, AUDITED_ADDRESSES),
    count: input.addresses.length,
  });
  return results;
}
