// The span of a public address's NAT rows (AttributionStore.natSpan): when its earliest row starts, when
// its latest ends, and whether the newest row of one of its port series is still open (a translation whose
// end was never logged). One aggregate per NAT table over every row of the address: the resolver asks it
// only for a question outside the address's NAT use, never on a lookup's hot path.
import type pg from 'pg';
import { ipv4ToInt32 } from '../../net/address.ts';
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
