// A row's reach (SeriesInterval.reach): the latest end among the rows of its series (one address or
// prefix; one public address and port_low) that start no later than it, itself included. Stored as
// `reach`, null where it is the row's own t1 (migration 067). After a batch's writes each repository
// recomputes it for the series the batch touched, from the earliest row the batch may have changed:
// a row stored out of time order raises the reach of the newer rows of its series, and an end read
// later (a Stop, a RELEASE) changes it as a new row does. PostgreSQL: one set statement per table;
// SQLite: one statement reads the touched series, the reach is worked out in process (half the time
// of the set statement there).
import type { Database, Statement } from 'better-sqlite3';
import type { AssignRow, CloseOp, NatRow } from '../model.ts';
import type { NatTable } from './rows.ts';
import type { NatKind } from './types.ts';

export type SeriesTable = 'attr_assign' | NatTable;

/**
 * The series columns (two) and the key's last columns of each table: its key is (series, t0, last…). A NAT
 * table's key ends in phi (migration 077): two port ranges of one start and inside address are two rows;
 * every key ends in hold (079): two open holdings of one key the log names apart are two rows.
 */
const COLUMNS: Record<SeriesTable, [string, string, string[]]> = {
  attr_assign: ['addr', 'plen', ['account', 'hold']],
  attr_nat_block: ['pub', 'plo', ['inside', 'phi', 'hold']],
  attr_nat_session: ['pub', 'plo', ['inside', 'phi', 'hold']],
};

/** One touched series: its two series values and the earliest time a row of it was written at. */
export type Touched<S> = [s1: S, s2: number, x: number];

/** The touched series of one table, each once, with whether its time is a row's own start. */
export class TouchedList<S> {
  private readonly byKey = new Map<string | number, number>();
  private lastKey: string | number | undefined;
  readonly list: Array<Touched<S>> = [];
  /** Per entry: whether `x` is the start of a row written (not a close's time, at or after a start). */
  readonly exact: boolean[] = [];
  private readonly key: (s1: S, s2: number) => string | number;
  constructor(key: (s1: S, s2: number) => string | number) {
    this.key = key;
  }
  add(s1: S, s2: number, x: number, exact: boolean): void {
    const k = this.key(s1, s2);
    // a batch in key order repeats one series row after row
    const i = k === this.lastKey ? this.list.length - 1 : this.byKey.get(k);
    this.lastKey = i === undefined || i === this.list.length - 1 ? k : undefined;
    if (i === undefined) {
      this.byKey.set(k, this.list.length);
      this.list.push([s1, s2, x]);
      this.exact.push(exact);
    } else if (x < this.list[i]![2] || (x === this.list[i]![2] && !exact)) {
      this.list[i]![2] = x;
      this.exact[i] = exact;
    }
  }
}

export interface TouchedSeries {
  assign: TouchedList<Uint8Array>;
  nat: Record<NatKind, TouchedList<number>>;
}

/**
 * The series a batch touched and the earliest time of each: a row's start; a close's end time (it ends
 * the series' row starting last at or before it) and its fallback's start.
 */
export function touchedSeries(assigns: AssignRow[], nats: NatRow[], closes: CloseOp[]): TouchedSeries {
  const natKey = (pub: number, plo: number): number => pub * 65536 + plo;
  const out: TouchedSeries = {
    assign: new TouchedList(
      (addr, plen) => `${Buffer.from(addr.buffer, addr.byteOffset, addr.length).toString('hex')}/${plen}`,
    ),
    nat: { block: new TouchedList(natKey), session: new TouchedList(natKey) },
  };
  for (const r of assigns) out.assign.add(r.addr, r.plen, r.t0, true);
  for (const r of nats) out.nat[r.kind].add(r.pub, r.plo, r.t0, true);
  for (const c of closes) {
    const x = Math.min(c.at, c.fallback.t0);
    if (c.target === 'assign') out.assign.add(c.addr, c.plen, x, false);
    else out.nat[c.target].add(c.pub, c.plo, x, false);
  }
  return out;
}

/**
 * PostgreSQL: recompute the reach of the touched series ($1, $2: the series values; $3: the times). For
 * each series, the rows from the latest one starting at or before its earliest time are recomputed on
 * the reach of the row before them (which the batch did not change). Each series' start and base are
 * worked out once (MATERIALIZED) and its rows read by the key's index from there (LATERAL … OFFSET 0, which
 * the planner may not flatten): left to itself it joined the whole table by hash and worked each row's start
 * again, a cost growing with the store, not the batch (docs/performance.md).
 */
export function postgresReachStatement(table: SeriesTable): string {
  const [s1, s2, rest] = COLUMNS[table];
  const last = rest.join(', ');
  const v4 = table !== 'attr_assign';
  const series = (t: string, u: string): string => `${t}.${s1} = ${u}.s1 AND ${t}.${s2} = ${u}.s2`;
  const lastOf = (t: string): string => rest.map((c) => `${t}.${c}`).join(', ');
  const sameLast = rest.map((c) => ` AND ${table}.${c} = g.${c}`).join('');
  const reach = 'GREATEST(w, base)';
  return `WITH u AS (SELECT s1, s2, min(x) AS x
      FROM unnest($1::${v4 ? 'int4' : 'bytea'}[], $2::${v4 ? 'int4' : 'int2'}[], $3::int8[]) AS i(s1, s2, x)
      GROUP BY s1, s2),
    s AS MATERIALIZED (SELECT s1, s2,
      coalesce((SELECT max(n.t0) FROM ${table} n WHERE ${series('n', 'u')} AND n.t0 <= u.x), u.x) AS m FROM u),
    b AS MATERIALIZED (SELECT s1, s2, m, (SELECT GREATEST(p.t1, p.reach) FROM ${table} p
      WHERE ${series('p', 's')} AND p.t0 < s.m ORDER BY p.t0 DESC LIMIT 1) AS base FROM s),
    f AS (SELECT n.${s1}, n.${s2}, n.t0, ${lastOf('n')}, n.t1, n.reach, b.base,
      max(n.t1) OVER (PARTITION BY n.${s1}, n.${s2} ORDER BY n.t0) AS w
      FROM b CROSS JOIN LATERAL
        (SELECT * FROM ${table} n WHERE ${series('n', 'b')} AND n.t0 >= b.m OFFSET 0) n),
    g AS (SELECT ${s1}, ${s2}, t0, ${last}, reach, CASE WHEN ${reach} > t1 THEN ${reach} END AS r FROM f)
    UPDATE ${table} SET reach = g.r FROM g
    WHERE ${table}.${s1} = g.${s1} AND ${table}.${s2} = g.${s2} AND ${table}.t0 = g.t0
      ${sameLast} AND g.reach IS DISTINCT FROM g.r`;
}

/** A row as the SQLite recompute reads it: the touched entry's index first, the key's last columns at the end. */
type ReachRow = [entry: number, t0: number, t1: number, reach: number | null, ...last: number[]];

/**
 * SQLite: the same recompute on the store's connection (inside its transaction): one statement reads
 * the rows of every touched series from the latest start before its time on, and the reach is worked
 * out here (half the time of the set statement there); the few rows whose reach changes are updated.
 */
export class SqliteReach {
  private readonly start: Statement;
  private readonly rows: Statement;
  private readonly set: Statement;

  constructor(db: Database, table: SeriesTable) {
    const [s1, s2, rest] = COLUMNS[table];
    const v1 = table === 'attr_assign' ? 'unhex(j.value ->> 0)' : 'j.value ->> 0';
    this.start = db.prepare(`SELECT max(t0) FROM ${table} WHERE ${s1} = ? AND ${s2} = ? AND t0 <= ?`).pluck(true);
    this.rows = db
      .prepare(
        `SELECT j.key, n.t0, n.t1, n.reach, ${rest.map((c) => `n.${c}`).join(', ')} FROM json_each(?) j JOIN ${table} n
          ON n.${s1} = ${v1} AND n.${s2} = j.value ->> 1 AND n.t0 >= coalesce((SELECT max(p.t0) FROM ${table} p
            WHERE p.${s1} = ${v1} AND p.${s2} = j.value ->> 1 AND p.t0 < j.value ->> 2), j.value ->> 2)
        ORDER BY j.key, n.t0`,
      )
      .raw(true);
    const sameLast = rest.map((c) => ` AND ${c} = ?`).join('');
    this.set = db.prepare(`UPDATE ${table} SET reach = ? WHERE ${s1} = ? AND ${s2} = ? AND t0 = ?${sameLast}`);
  }

  /**
   * Recompute the touched series: `stored` gives the series values as stored (an IPv4 public address
   * as int32) and as the JSON input names them (an address as hex).
   */
  update<S>(touched: TouchedList<S>, stored: (s1: S) => [unknown, string | number]): void {
    if (touched.list.length === 0) return;
    const keys = touched.list.map(([s1]) => stored(s1));
    // a close's time: from the start of the row it ended
    const from = touched.list.map(([, s2, x], i) =>
      touched.exact[i] ? x : ((this.start.get(keys[i]![0], s2, x) as number | null) ?? x),
    );
    const input = touched.list.map(([, s2], i) => [keys[i]![1], s2, from[i]]);
    const rows = this.rows.all(JSON.stringify(input)) as ReachRow[];
    for (let i = 0; i < rows.length; ) {
      const entry = rows[i]![0];
      const m = from[entry]!;
      let run = -Infinity;
      for (; i < rows.length && rows[i]![0] === entry; ) {
        // rows of one start share their reach (each counts the others); those before m keep theirs
        let j = i;
        for (; j < rows.length && rows[j]![0] === entry && rows[j]![1] === rows[i]![1]; j++) {
          const r = rows[j]!;
          run = Math.max(run, r[2], r[1] < m ? (r[3] ?? r[2]) : r[2]);
        }
        for (let k = i; k < j && rows[k]![1] >= m; k++) {
          const r = rows[k]!;
          const want = run > r[2] ? run : null;
          if (want !== r[3]) this.set.run(want, keys[entry]![0], touched.list[entry]![1], r[1], ...r.slice(4));
        }
        i = j;
      }
    }
  }
}
