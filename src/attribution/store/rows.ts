// What the attribution store's two repositories (and its in-memory index) do alike, whatever the SQL
// dialect: the stored rows turned into the interface's rows (IPv4 as a signed 32-bit integer, flags as
// 0/1, an unknown contract start as NO_START), the assembly of an assignment series with the directory
// entries that held it, the holder window's rule, and the caches with the reads the summary table
// (attr_meta) answers. The statements themselves stay in each dialect's repository.
import { ipv4FromInt32 } from '../../net/address.ts';
import { type Subscriber, storedLineUse } from '../subscribers.ts';
import type { Meta } from './meta.ts';
import {
  type AssignSeriesRow,
  type Coverage,
  type FileProgress,
  type NatKind,
  type NatSeriesRow,
  NO_START,
  type StoreStats,
} from './types.ts';

/** A source file's row as both dialects read it. */
export interface StoredFile {
  id: number;
  resume_from: number;
  done: number;
  /** Records stored (PostgreSQL reads a bigint as text). */
  records: number | string;
  format: string;
  updated_at: string;
  source: string | null;
  /** Lines refused (078; PostgreSQL reads a bigint as text; null: not recorded). */
  skipped: number | string | null;
  zone: string | null;
  /** The last line a committed batch read (080; PostgreSQL reads a bigint as text; null: not recorded). */
  read_to: number | string | null;
}

/** The columns of attr_file a run reads, in StoredFile's names. */
export const FILE_COLUMNS = 'id, resume_from, done, records, format, updated_at, source, skipped, zone, read_to';

export function fileProgressOf(r: StoredFile): FileProgress {
  const stored = Number(r.records) > 0;
  const { id, format, source, zone } = r;
  const skipped = r.skipped === null ? null : Number(r.skipped);
  const updatedAt = r.updated_at;
  const readTo = r.read_to === null ? null : Number(r.read_to);
  return {
    id,
    resumeFrom: r.resume_from,
    done: r.done === 1,
    stored,
    format,
    updatedAt,
    source,
    zone,
    skipped,
    readTo,
  };
}

export type NatTable = 'attr_nat_block' | 'attr_nat_session';

export function natTable(kind: NatKind): NatTable {
  return kind === 'block' ? 'attr_nat_block' : 'attr_nat_session';
}

/** The tables `stats()` counts, by the name it reports them under. */
const STAT_TABLES = {
  assigns: 'attr_assign',
  natBlocks: 'attr_nat_block',
  natSessions: 'attr_nat_session',
  accounts: 'attr_account',
  subscribers: 'attr_subscriber',
  files: 'attr_file',
} as const satisfies Record<keyof StoreStats, string>;

export type AttrTable = (typeof STAT_TABLES)[keyof StoreStats];

// The probes read rows as arrays (cheaper than named columns on the hot paths): each tuple below is a
// statement's select list, in its order, in both dialects. Flags are 0/1.

/**
 * The stored interval's columns (SeriesInterval), which end both probes' select lists; `reach` is null
 * where it is the row's own t1.
 */
export type StoredSpan = [
  t0: number,
  t1: number,
  open: number,
  file: number,
  line: number,
  eline: number,
  reach: number | null,
];

/** A row's reach from its stored column (null: no older row of its series outlasts it). */
export function reachOf(t1: number, reach: number | null): number {
  return reach === null || reach < t1 ? t1 : reach;
}

/** A row of attr_nat_block or attr_nat_session as the probes select it (without its public address). */
export type StoredNat = [plo: number, phi: number, inside: number, ...span: StoredSpan];

export function natFromStored(r: StoredNat): NatSeriesRow {
  return {
    plo: r[0],
    phi: r[1],
    inside: ipv4FromInt32(r[2]),
    t0: r[3],
    t1: r[4],
    open: r[5] === 1,
    file: r[6],
    line: r[7],
    eline: r[8],
    reach: reachOf(r[4], r[9]),
  };
}

/** A row of attr_assign as the probes select it, its account id joined to the account's name. */
export type StoredAssign = [account: string, ...span: StoredSpan];

/** The positions of an assignment's own columns in a StoredAssign (what tells one assignment from another). */
const ASSIGN_SPAN = [0, 1, 2, 3, 4, 5, 6, 7] as const;

export function assignFromStored(r: StoredAssign | StoredAssignHolder): AssignSeriesRow {
  const [account, t0, t1, open, file, line, eline, reach] = r;
  return { account, t0, t1, open: open === 1, file, line, eline, reach: reachOf(t1, reach) };
}

/** A row of attr_subscriber as selected. */
export type StoredSubscriber = [
  account: string,
  name: string,
  name_kana: string,
  installation_address: string,
  billing_address: string,
  phone: string,
  email: string,
  contract_start: number,
  contract_end: number | null,
  line_use: string | null,
];

export function subscriberFromStored(r: StoredSubscriber): Subscriber {
  return {
    account: r[0],
    name: r[1],
    nameKana: r[2],
    installationAddress: r[3],
    billingAddress: r[4],
    phone: r[5],
    email: r[6],
    contractStart: r[7] === NO_START ? null : r[7],
    contractEnd: r[8],
    lineUse: storedLineUse(r[9]),
  };
}

/** The contract start as the key column keeps it (an unknown start as the NO_START sentinel). */
export function storedContractStart(s: Subscriber): number {
  return s.contractStart ?? NO_START;
}

/**
 * A row of the assignment probe left-joined with the directory entries covering the holder window:
 * the assignment's columns, then the entry's (all null where no entry covers it); one row per
 * (assignment, entry).
 */
export type StoredAssignHolder = [...StoredAssign, ...(StoredSubscriber | Nulls<StoredSubscriber>)];
type Nulls<T> = { [K in keyof T]: null };

/**
 * The assignment series with each assignment's holders, from the joined probe's rows (ordered by t0, then
 * account, then hold, so the rows of one assignment are adjacent). Two assignments of one start and account
 * (two open holdings the log names apart, migration 079) differ in some column the probe reads: each holding
 * starts on its own line.
 */
export function assignsWithHolders(rows: StoredAssignHolder[]): AssignSeriesRow[] {
  const out: AssignSeriesRow[] = [];
  let holders: Subscriber[] = [];
  let prev: StoredAssignHolder | undefined;
  for (const r of rows) {
    const last = prev;
    if (!last || ASSIGN_SPAN.some((i) => last[i] !== r[i])) {
      prev = r;
      const row = assignFromStored(r);
      holders = row.holders = [];
      out.push(row);
    }
    // The entry's columns follow the assignment's eight.
    const [, , , , , , , , ...entry] = r;
    if (entry[0] !== null) holders.push(subscriberFromStored(entry));
  }
  return out;
}

/**
 * What both repositories keep alike: the interned account ids, the source file names and the
 * summary they cache, and the reads the summary answers without a probe.
 */
export abstract class CachingRepository {
  protected readonly accountIds = new Map<string, number>();
  private readonly fileNames = new Map<number, string>();
  protected meta: Meta | null = null;

  /** The summary (attr_meta) as last read: read now where not read yet or dropped since. */
  protected abstract loadMeta(): Meta | Promise<Meta>;
  /** The summary read again where another process may have changed it (AttributionStore.refreshSummary). */
  abstract refreshSummary(): Promise<void>;
  protected abstract readFileName(id: number): string | undefined | Promise<string | undefined>;
  protected abstract countRows(table: AttrTable): number | Promise<number>;

  /** After a rollback: the cached account ids and summary may name rows that are not there. */
  protected forgetCaches(): void {
    this.accountIds.clear();
    this.meta = null;
  }

  async hasNatKind(kind: NatKind): Promise<boolean> {
    return (await this.loadMeta())[kind];
  }

  async assignPrefixLengths(family: 4 | 6): Promise<number[]> {
    const m = await this.loadMeta();
    return family === 4 ? m.plens4 : m.plens6;
  }

  async maxBlockSpan(): Promise<number> {
    return (await this.loadMeta()).span;
  }

  async coverage(): Promise<Coverage> {
    return { ...(await this.loadMeta()).cov };
  }

  async fileName(id: number): Promise<string> {
    let n = this.fileNames.get(id);
    if (n === undefined) {
      n = (await this.readFileName(id)) ?? `file#${id}`;
      this.fileNames.set(id, n);
    }
    return n;
  }

  async stats(): Promise<StoreStats> {
    const out = { assigns: 0, natBlocks: 0, natSessions: 0, accounts: 0, subscribers: 0, files: 0 };
    for (const k of Object.keys(STAT_TABLES) as Array<keyof StoreStats>) out[k] = await this.countRows(STAT_TABLES[k]);
    return out;
  }
}
