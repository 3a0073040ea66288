// The attribution store behind an interface: repositories over the main store's SQLite connection or
// PostgreSQL pool implement it (`sqlite.repository.ts`, `postgres.repository.ts`), the in-memory index
// serves it from columns, and a column store could later. Reads are the few index probes the resolver
// chains; writes are batches. The tables come from the main store's migrations (003-attribution-tables).

import type { Tx } from '../../store/database.ts';
import type { Batch, Interval } from '../model.ts';
import type { NatConfig } from '../nat-config.ts';
import type { NatFileCover } from '../nat-cover.ts';
import type { Subscriber } from '../subscribers.ts';

export type NatKind = 'block' | 'session';

/** A stored interval: with the source file its lines are in. */
export interface StoredInterval extends Interval {
  file: number;
}

/** A row as a series walk reads it: with its series' reach. */
export interface SeriesInterval extends StoredInterval {
  /**
   * The latest end (t1) among the rows of its series that start no later than it, itself included:
   * an older row can outlast a newer one (an address held behind two CGNs, two DHCP servers), and the
   * walk may stop only at a row whose reach ends before the window.
   */
  reach: number;
}

export interface NatSeriesRow extends SeriesInterval {
  plo: number;
  phi: number;
  /** Unsigned IPv4 integer. */
  inside: number;
}

export interface AssignSeriesRow extends SeriesInterval {
  account: string;
  /** With a holder window: the directory entries whose contract covers the whole window (normally one). */
  holders?: Subscriber[];
}

/** The window a holder's contract must cover (epoch seconds): from `a` to `b`. */
export interface HolderWindow {
  a: number;
  b: number;
}

export interface FileProgress {
  id: number;
  /** First line a resumed run must read again (1 = from the start). */
  resumeFrom: number;
  done: boolean;
  /** Whether an earlier run stored any record of it. */
  stored: boolean;
  /** The format the file was (or is being) read with, and when its record last changed (ISO-8601 UTC). */
  format: string;
  updatedAt: string;
  /** The source declared for it at import (migration 073; null: none). */
  source: string | null;
  /** The --zone its stored lines were read with, '' for none (migration 078; null: not recorded). */
  zone: string | null;
  /** Lines its runs refused (migration 078; null: not recorded, a file registered before). */
  skipped: number | null;
  /** The last line a committed batch of it read (migration 080; null: not recorded, a file registered before). */
  readTo: number | null;
}

/** A file some of whose lines an ingest refused: its records on those lines are not in the store. */
export interface RefusedFile {
  path: string;
  lines: number;
}

export interface StoreStats {
  assigns: number;
  natBlocks: number;
  natSessions: number;
  accounts: number;
  subscribers: number;
  files: number;
}

export interface NatSpan {
  from: number;
  to: number;
  /** The latest row of some series is open: the address may be in NAT use after `to`. */
  open: boolean;
}

export interface Coverage {
  natFrom: number | null;
  natTo: number | null;
  assignFrom: number | null;
  assignTo: number | null;
}

export interface AttributionStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Register a source file by content hash, with the source declared for it (null: none) and the --zone it
   * is read with ('' none, the default); tells whether it is done or where to resume, and how it was
   * registered.
   */
  beginFile(sha256: string, path: string, format: string, source: string | null, zone?: string): Promise<FileProgress>;
  /**
   * Commit one batch atomically together with the file's resume point, the lines refused since the last
   * commit (`skipped`, added), the last line it read (`readTo`, kept as the file's highest) and the stretches of
   * time its NAT records cover (`batchCover`), in a transaction of its own (never inside a unit of work: a crash
   * keeps every committed batch). Returns how many of its rows were kept as one with a row of the same key (a
   * row stored before, or one before it in the batch): records that shared another's key (same-start.ts).
   */
  commitBatch(
    fileId: number,
    batch: Batch,
    resumeFrom: number,
    done: boolean,
    records: number,
    skipped?: number,
    readTo?: number,
  ): Promise<number>;
  /**
   * Read a done file again from its first line with `zone` (its lines refused for want of one): not done,
   * its refused lines counted afresh. Its stored rows stay; read again, they are the same rows.
   */
  readAgain(fileId: number, zone: string): Promise<void>;
  /** The files with lines an ingest refused, in the order they were registered. */
  refusedFiles(): Promise<RefusedFile[]>;
  /**
   * Forget a file none of whose lines was stored (every line refused: a wrong format or zone), so that
   * a run with corrected options reads it again instead of calling it already ingested.
   */
  forgetFile(fileId: number): Promise<void>;
  /** Insert or replace directory entries inside the caller's transaction (the unit of work that audits it). */
  upsertSubscribers(tx: Tx, list: Subscriber[]): Promise<number>;
  /** Insert or replace NAT configurations inside the caller's transaction. */
  addNatConfigs(tx: Tx, list: NatConfig[]): Promise<number>;

  natConfigs(): Promise<NatConfig[]>;
  /** Distinct port_low values of a public address within [lo, hi], highest first. */
  natPortLows(kind: NatKind, pub: number, lo: number, hi: number): Promise<number[]>;
  /** Rows with port_low in [lo, hi] and t0 ≤ before, ordered by port_low then t0, both descending (one probe). */
  natNear(kind: NatKind, pub: number, lo: number, hi: number, before: number, limit: number): Promise<NatSeriesRow[]>;
  /**
   * Reads the summary (attr_meta: hasNatKind, assignPrefixLengths, maxBlockSpan, coverage) again where another
   * process may have changed it since: once at each lookup's start, so a long-lived server sees what an ingest
   * beside it committed.
   */
  refreshSummary(): Promise<void>;
  /** Whether any row of that kind is stored (skips a probe per lookup when a source type is absent). */
  hasNatKind(kind: NatKind): Promise<boolean>;
  /** Rows of one (public address, port_low) series with t0 ≤ before, latest first. */
  natSeries(kind: NatKind, pub: number, plo: number, before: number, limit: number): Promise<NatSeriesRow[]>;
  hasNat(pub: number): Promise<boolean>;
  /**
   * The span of a public address's NAT rows (both kinds): the earliest start, the latest end, and whether
   * the latest row of some series (a port_low) is still open — a translation whose end was never logged,
   * so the address may be in NAT use still. Null when no row names the address. Reads every row of the
   * address: for the resolver's rare question outside that span, never on a lookup's hot path.
   */
  natSpan(pub: number): Promise<NatSpan | null>;
  /**
   * The files holding NAT rows of a public address, each with the latest end of those rows there and the
   * stretches of time its NAT records cover (migration 070; null for a file ingested before); a file of a
   * declared source (073) also with the stretches of every file of that source and format. For the
   * resolver's question after that span only, like `natSpan`.
   */
  natFileCovers(pub: number): Promise<NatFileCover[]>;
  /**
   * Rows of one (address/prefix) series with t0 ≤ before, latest first. With `holderWindow`, each row
   * carries the subscriber entries whose contract covers that window (the same probe, joined).
   */
  assignSeries(
    addr: Uint8Array,
    plen: number,
    before: number,
    limit: number,
    holderWindow?: HolderWindow,
  ): Promise<AssignSeriesRow[]>;
  hasAssign(addr: Uint8Array, plen: number): Promise<boolean>;
  /** Prefix lengths present for a family (4 or 6). */
  assignPrefixLengths(family: 4 | 6): Promise<number[]>;
  /** Widest port block stored (phi − plo). */
  maxBlockSpan(): Promise<number>;
  coverage(): Promise<Coverage>;
  subscribers(account: string): Promise<Subscriber[]>;
  fileName(id: number): Promise<string>;
  stats(): Promise<StoreStats>;
  /** Bytes used by the attribution tables (SQLite: pages of attr_ tables; PostgreSQL: relation sizes). */
  sizeBytes(): Promise<number>;
}

/** contract_start is part of the key; an unknown start is stored as this sentinel. */
export const NO_START = -1e15;
