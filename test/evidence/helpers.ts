import { readFileSync } from 'node:fs';
import { parseRegistryFile } from '../../src/evidence/registry/import.ts';
import { RegistryTable, type TableRecord } from '../../src/evidence/registry/table.ts';
import type { RegistryAsnBlock } from '../../src/evidence/registry/types.ts';

export const fixturePath = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');

export const REGISTRY_FIXTURES = [
  'delegated-apnic-extended.txt',
  'delegated-ripencc.txt',
  'rdap-ocn.json',
  'jpnic-e.txt',
];

/** The records and AS blocks of the registry fixtures, as an import would store them. */
export function fixtureRecords(names: string[] = REGISTRY_FIXTURES): {
  records: TableRecord[];
  asns: RegistryAsnBlock[];
} {
  const records: TableRecord[] = [];
  const asns: RegistryAsnBlock[] = [];
  for (const name of names) {
    const p = parseRegistryFile(fixtureText(name));
    const source = {
      format: p.format,
      file: name,
      sha256: 'test',
      dataDate: p.dataDate,
      importedAt: '2026-11-25T00:00:00.000Z',
    };
    for (const r of p.ranges) records.push({ ...r, source });
    asns.push(...p.asns);
  }
  return { records, asns };
}

/** An in-memory table from the registry fixtures, as the store would load it. */
export function fixtureTable(names: string[] = REGISTRY_FIXTURES): RegistryTable {
  const { records, asns } = fixtureRecords(names);
  return RegistryTable.build(records, asns);
}

/** A range of `family` from `start` to `end` that names only its `holder` (every other field empty). */
export function holderRange(
  family: 4 | 6,
  start: bigint,
  end: bigint,
  holder: string,
  source: TableRecord['source'],
): TableRecord {
  return {
    family,
    start,
    end,
    registry: null,
    country: null,
    status: null,
    holder,
    handle: null,
    abuse: null,
    asns: [],
    opaqueId: null,
    recordDate: null,
    source,
  };
}

export { rng } from '../support/rng.ts';
