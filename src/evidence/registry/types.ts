import type { Bilingual } from '../../domain/vocabulary.ts';
/** Where a fact came from: the imported file and when. */
export interface RegistrySource {
  format: 'delegated' | 'rdap' | 'jpnic';
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
  /** The record's own date (allocation date, last change). */
  recordDate: string | null;
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
  /** Lines or objects skipped, with why (first MAX_PROBLEMS kept), each naming its line or object. */
  skipped: number;
  problems: Bilingual[];
}

/** How many of a file's problems are kept (the count of what was skipped is always whole). */
export const MAX_PROBLEMS = 20;

export const V4_MAX = 0xffffffffn;
export const V6_MAX = (1n << 128n) - 1n;
