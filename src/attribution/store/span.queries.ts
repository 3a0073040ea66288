// The span of a public address's NAT rows (AttributionStore.natSpan): when its earliest row starts, when
// its latest ends, and whether the newest row of one of its port series is still open (a translation whose
// end was never logged). One aggregate per NAT table over every row of the address: the resolver asks it
// only for a question outside the address's NAT use, never on a lookup's hot path.
import type pg from 'pg';
import { ipv4ToInt32 } from '../../net/address.ts';
import type { NatFileCover, Stretch } from '../nat-cover.ts';
import type { NatTable } from './rows.ts';
import type { NatSpan } from './types.ts';

/** A public address's span in one NAT table as both dialects select it: min(t0), max(t1), a series open. */
export type StoredNatSpan = [from: number | null, to: number | null, open: number | null];

/** The statement of one table; `param` is the dialect's placeholder of the public address. */
export function natSpanSql(table: NatTable, param: '?' | '$1'): string {
  return `SELECT min(t0), max(t1), max(CASE WHEN open = 1 AND NOT EXISTS
      (SELECT 1 FROM ${table} n WHERE n.pub = r.pub AND n.plo = r.plo AND n.t0 > r.t0) THEN 1 ELSE 0 END)
    FROM ${table} r WHERE r.pub = ${param}`;
}

/** The span of a public address over both NAT tables (null: no row names it). */
export function spanOf(spans: StoredNatSpan[]): NatSpan | null {
  let out: NatSpan | null = null;
  for (const [from, to, open] of spans) {
    if (from === null || to === null) continue;
    out = out
      ? { from: Math.min(out.from, from), to: Math.max(out.to, to), open: out.open || open === 1 }
      : { from, to, open: open === 1 };
  }
  return out;
}

export async function postgresNatSpan(pool: pg.Pool, pub: number): Promise<NatSpan | null> {
  const span = (t: NatTable) =>
    pool.query<StoredNatSpan>({ text: natSpanSql(t, '$1'), values: [ipv4ToInt32(pub)], rowMode: 'array' });
  const rows = await Promise.all([span('attr_nat_block'), span('attr_nat_session')]);
  return spanOf(rows.flatMap((r) => r.rows));
}

/** The files holding NAT rows of a public address: path, format, the latest end there, declared source. */
export function natFilesSql(param: '?' | '$1'): string {
  return `SELECT f.id, f.path, f.format, max(r.t1), f.source FROM
      (SELECT file, t1 FROM attr_nat_block WHERE pub = ${param}
        UNION ALL SELECT file, t1 FROM attr_nat_session WHERE pub = ${param}) r
    JOIN attr_file f ON f.id = r.file GROUP BY f.id, f.path, f.format, f.source ORDER BY f.id`;
}

/**
 * The cover stretches of every file of a declared source and format (migration 073) that some file holding
 * NAT rows of the public address shares: the rotated files of that NAT box's log, the address's or not.
 */
export function natChainCoverSql(param: '?' | '$1'): string {
  return `SELECT f.source, f.format, c.t_from, c.t_to FROM attr_file f JOIN attr_file_cover c ON c.file = f.id
    WHERE f.source IS NOT NULL AND EXISTS (SELECT 1 FROM attr_file h
      WHERE h.source = f.source AND h.format = f.format AND h.id IN
        (SELECT file FROM attr_nat_block WHERE pub = ${param}
          UNION SELECT file FROM attr_nat_session WHERE pub = ${param}))`;
}

/** The cover stretches of every file holding NAT rows of a public address (migration 070). */
export function natFileCoverSql(param: '?' | '$1'): string {
  return `SELECT file, t_from, t_to FROM attr_file_cover WHERE file IN
      (SELECT file FROM attr_nat_block WHERE pub = ${param}
        UNION SELECT file FROM attr_nat_session WHERE pub = ${param})`;
}

/** The cover's insert, one row a stretch; a stretch stored before (a resumed run) is kept once. */
export function coverInsertSql(dialect: 'sqlite' | 'postgres'): string {
  return dialect === 'sqlite'
    ? 'INSERT INTO attr_file_cover (file, t_from, t_to) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
    : `INSERT INTO attr_file_cover (file, t_from, t_to) SELECT $1, * FROM unnest($2::int8[], $3::int8[])
       ON CONFLICT DO NOTHING`;
}

export type StoredNatFile = [id: number, path: string, format: string, last: number, source: string | null];
export type StoredCover = [file: number, from: number, to: number];
export type StoredChainCover = [source: string, format: string, from: number, to: number];

/** The key of one declared source's log in one format. */
const chainKey = (source: string, format: string): string => `${format}\u0000${source}`;

function push<K>(map: Map<K, Stretch[]>, key: K, s: Stretch): void {
  const list = map.get(key);
  if (list) list.push(s);
  else map.set(key, [s]);
}

/** The files, their covers and their sources' chained covers as both dialects select them. */
export function natFileCovers(
  files: StoredNatFile[],
  covers: StoredCover[],
  chains: StoredChainCover[],
): NatFileCover[] {
  const byFile = new Map<number, Stretch[]>();
  for (const [file, from, to] of covers) push(byFile, file, [Number(from), Number(to)]);
  const byChain = new Map<string, Stretch[]>();
  for (const [source, format, from, to] of chains) push(byChain, chainKey(source, format), [Number(from), Number(to)]);
  return files.map(([file, path, format, last, source]) => ({
    file,
    path,
    format,
    last: Number(last),
    cover: byFile.get(file) ?? null,
    source,
    chain: source === null ? null : (byChain.get(chainKey(source, format)) ?? []),
  }));
}

export async function postgresNatFileCovers(pool: pg.Pool, pub: number): Promise<NatFileCover[]> {
  const q = <R extends unknown[]>(text: string) =>
    pool.query<R>({ text, values: [ipv4ToInt32(pub)], rowMode: 'array' });
  const [files, covers, chains] = await Promise.all([
    q<StoredNatFile>(natFilesSql('$1')),
    q<StoredCover>(natFileCoverSql('$1')),
    q<StoredChainCover>(natChainCoverSql('$1')),
  ]);
  return natFileCovers(files.rows, covers.rows, chains.rows);
}
